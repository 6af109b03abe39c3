// SPDX-License-Identifier: MIT
// `httpsleuth-cli analyze --html FILE [--redact] [--json FILE]` end to end: both files written, the
// reason table explained from the knowledge base, and with --redact no client address, query string
// or cookie in either output while the client tokens agree.
#include "html_scan.h"
#include "report_fixture.h"
#include "support/catch.h"
#include "support/test_paths.h"

#include <cstdlib>
#include <regex>
#include <string>

#ifndef _WIN32
#include <sys/wait.h>
#endif

using namespace hs;
using namespace hs::test;

namespace {

int runCli(const std::string &args)
{
    const std::string command = std::string("\"") + HS_CLI_PATH + "\" " + args + " >/dev/null 2>&1";
    const int status = std::system(command.c_str());
#ifdef _WIN32
    return status;
#else
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
#endif
}

bool hasAddress(const std::string &text, const std::string &dotted)
{
    return std::regex_search(
        text, std::regex("(^|[^0-9.])" + std::regex_replace(dotted, std::regex("\\."), "\\.") + "($|[^0-9])"));
}

} // namespace

TEST_CASE("cli: analyze --html writes the report, --redact applies to HTML and JSON alike", "[report][cli]")
{
    TempDir dir("cli-report");
    const auto logs = dir.path() / "web01";
    dir.write("web01/W3SVC1/ex261121.log", incidentW3cLog());
    dir.write("web01/HTTPERR/httperr1.log", incidentHttpErrLog());
    const auto html = dir.path() / "report.html";
    const auto json = dir.path() / "report.json";

    REQUIRE(runCli("analyze --quiet --html \"" + html.string() + "\" \"" + logs.string() + "\"") == 0);
    const std::string plain = readFile(html);
    REQUIRE(scanHtml(plain).error.empty());
    CHECK(checkNesting(scanHtml(plain)).empty());
    CHECK(plain.find("<th class=\"meaning\">Meaning and advice</th>") != std::string::npos);
    CHECK(hasAddress(plain, "10.0.0.5"));
    CHECK(plain.find("q=secret") != std::string::npos);

    REQUIRE(runCli("analyze --quiet --redact --json \"" + json.string() + "\" --html \"" + html.string() + "\" \"" +
                   logs.string() + "\"") == 0);
    const std::string redactedHtml = readFile(html);
    const std::string redactedJson = readFile(json);
    for (const std::string *out : {&redactedHtml, &redactedJson}) {
        for (const char *client : {"10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.0.8", "10.0.0.9"})
            CHECK_FALSE(hasAddress(*out, client));
        for (const char *secret : {"s3cr3t", "abc123", "ASPSESSIONID", "q=secret", "alice"})
            CHECK(out->find(secret) == std::string::npos);
        CHECK(hasAddress(*out, "10.0.0.50"));
    }
    // Every token in the HTML also names a client in the JSON (one Redactor for both).
    const std::regex token("client-[0-9]+");
    for (auto it = std::sregex_iterator(redactedHtml.begin(), redactedHtml.end(), token); it != std::sregex_iterator();
         ++it)
        CHECK(std::regex_search(redactedJson, std::regex(it->str() + "([^0-9]|$)")));
    CHECK(redactedJson.find("\"redacted\": true") != std::string::npos);
}
