// SPDX-License-Identifier: MIT
// Our own Catch2 main: pins TZ=UTC even when a test binary is run by hand, and creates a
// QCoreApplication only in binaries that ask for one (UI tests provide their own main).
#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_session.hpp>
#else
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#endif

#include <cstdlib>

int main(int argc, char **argv)
{
#ifdef _WIN32
    _putenv_s("TZ", "UTC");
#else
    setenv("TZ", "UTC", 1);
#endif
    return Catch::Session().run(argc, argv);
}
