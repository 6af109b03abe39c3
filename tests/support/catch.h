// SPDX-License-Identifier: MIT
// One include for Catch2 v2 (Debian 12) and v3 (vcpkg, newer distributions).
#pragma once

#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
#define HS_CATCH_V3 1
#else
#include <catch2/catch.hpp>
#endif
