// SPDX-License-Identifier: MIT
// Every real-world W3C/IIS/HTTPERR sample in ../shared/data is recognised, every data line is a
// record or a located rejection (records + rejected == an independent count of data lines), times
// are sane, and the files known to be odd (MANIFEST.tsv notes) behave as chosen below.
#include "model/string_pool.h"
#include "support/catch.h"
#include "support/test_paths.h"
#include "tasks/open_input.h"

#include <filesystem>
#include <map>
#include <set>

using namespace hs;
namespace fs = std::filesystem;

namespace {

// Independent count: non-blank lines that do not start with '#' (after a UTF-8 BOM).
std::uint64_t countDataLines(const std::string &bytes)
{
    std::uint64_t n = 0;
    std::size_t pos = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    while (pos < bytes.size()) {
        std::size_t nl = bytes.find('\n', pos);
        if (nl == std::string::npos)
            nl = bytes.size();
        std::string line = bytes.substr(pos, nl - pos);
        pos = nl + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.pop_back();
        const std::size_t first = line.find_first_not_of(" \t");
        if (first == std::string::npos || (first == 0 && line[0] == '#'))
            continue;
        ++n;
    }
    return n;
}

struct Expectation {
    FormatId format;
    std::uint64_t records;
    std::uint64_t rejected;
    std::set<std::string> categories; // problem categories that must be reported
    const char *why;                  // the behaviour chosen for this file
};

// Keyed by a unique part of the file name in ../shared/data.
const std::map<std::string, Expectation> &expectations()
{
    static const std::map<std::string, Expectation> k = {
        {"access-azure.log", {FormatId::W3c, 1, 0, {}, "#Software + #Fields only"}},
        {"test-iis-7.2.log",
         {FormatId::W3c, 5, 0, {"assumed-fields"}, "no header: read with the IIS 8.0+ default field set"}},
        {"test-iis-7.5.log", {FormatId::W3c, 4, 0, {}, "markdown-mangled values are kept as text"}},
        {"test-ipv6zone.log", {FormatId::W3c, 1, 0, {}, ""}},
        {"test-x-forward-for-extended.log",
         {FormatId::W3c, 6, 0, {"assumed-fields"}, "no header: all standard fields + X-Forwarded-For"}},
        {"test-x-forward-for.log",
         {FormatId::W3c, 9, 0, {"assumed-fields"}, "no header: IIS 8.0+ defaults + X-Forwarded-For"}},
        {"iis__access__test__test.log",
         {FormatId::W3c,
          5,
          0,
          {"assumed-fields"},
          "three header blocks; the two last lines do not match the 22-field set and fit the 15-field default"}},
        {"w3svc__test__test.log", {FormatId::W3c, 2, 0, {}, "only a #Fields line"}},
        {"iis__iis10.log", {FormatId::W3c, 1, 0, {"no-final-newline"}, "directives in unusual order"}},
        {"iis10_cookies.log", {FormatId::W3c, 3, 0, {}, ""}},
        {"iis10_edge_cases.log",
         {FormatId::W3c,
          15,
          0,
          {"split-quoted", "bad-value"},
          "double spaces read with the W3C draft's whitespace rule; win32 values beyond 32 bits are left empty"}},
        {"iis__iis6.log", {FormatId::W3c, 12, 0, {}, "#Fields with a trailing space"}},
        {"iis7_owa.log", {FormatId::W3c, 3, 0, {}, ""}},
        {"iis_without_date.log", {FormatId::W3c, 11, 0, {"no-final-newline"}, "date taken from #Date"}},
        {"IIS7_Test_iislogformat.log", {FormatId::IisNative, 4, 0, {"local-time"}, "IIS log format, local time"}},
        {"IIS_SmokeTest_iislogformat.log",
         {FormatId::IisNative, 6, 0, {"local-time"}, "two date styles, user name with a space"}},
        {"W3C_IIS75_milliseconds.log",
         {FormatId::W3c, 3, 0, {"no-final-newline"}, "hh:mm:ss.fff accepted (flagged on the record)"}},
        {"W3C_IIS75_no_seconds.log",
         {FormatId::W3c, 0, 3, {"bad-time"}, "hh:mm without seconds cannot be placed: rejected, located"}},
        {"logfile_w3c.0", {FormatId::W3c, 1, 0, {}, "HTTP Server API W3C log with comments after directives"}},
        {"logfile_w3c.1",
         {FormatId::W3c, 1, 0, {"split-quoted", "local-time"}, "Oracle Web Cache: quoted values, #GMT-Offset"}},
        {"logfile_w3c.2", {FormatId::W3c, 14, 0, {}, "IIS 4 FTP log: time only, two #Date blocks"}},
        {"logfile_w3c.3",
         {FormatId::W3c,
          3,
          0,
          {"split-quoted", "local-time", "bad-value"},
          "IIS Advanced Logging: quoted values, date-local/time-local; a garbage sub-status is left empty"}},
        {"logfile_w3c.4", {FormatId::W3c, 2, 0, {"split-quoted"}, "Incapsula: every value quoted"}},
        {"logfile_w3c.5",
         {FormatId::W3c,
          1,
          0,
          {"assumed-fields"},
          "6 declared fields but 17 values: read with the IIS 8.5 set incl. sc-bytes/cs-bytes"}},
        {"logfile_w3c.6", {FormatId::W3c, 1, 0, {}, "invalid UTF-8 kept as bytes"}},
        {"Vertica-Extension-Packages__web_package__test-data__iis.txt",
         {FormatId::W3c, 9, 1, {"no-fields"}, "a 'log:string' line before any #Fields is rejected"}},
        {"iis__error__test__error.log", {FormatId::HttpErr, 4, 0, {"no-final-newline"}, ""}},
        {"iis_error_url.log", {FormatId::HttpErr, 8, 0, {"assumed-fields"}, "no header: default HTTPERR field set"}},
        {"iis__error__test__test.log", {FormatId::HttpErr, 4, 0, {}, ""}},
        {"httperr__httperr.log", {FormatId::HttpErr, 5, 0, {}, "streamid/transport/fault-code field set"}},
        {"HTTPERR_SmokeTest.log",
         {FormatId::HttpErr, 10, 0, {}, "three concatenated header blocks, ISATAP IPv6 with zone ids"}},
    };
    return k;
}

const Expectation *findExpectation(const std::string &name)
{
    for (const auto &[key, e] : expectations())
        if (name.find(key) != std::string::npos)
            return &e;
    return nullptr;
}

} // namespace

TEST_CASE("corpus: real W3C, IIS and HTTPERR samples", "[corpus]")
{
    if (!test::haveSharedData()) {
        WARN("../shared/data is absent: corpus test skipped");
        return;
    }
    std::size_t files = 0;
    for (const char *folder : {"w3c", "httperr"}) {
        for (const auto &entry : fs::directory_iterator(test::sharedDataDir() / folder)) {
            if (!entry.is_regular_file())
                continue;
            const std::string name = entry.path().filename().string();
            INFO(name);
            ++files;
            const Expectation *e = findExpectation(name);
            REQUIRE(e != nullptr); // a new sample needs its expectation written down
            StringPool pool;
            auto src = readSingleFile(entry.path(), pool);
            REQUIRE(src);
            CHECK(src->format == e->format);
            REQUIRE(src->log);
            CHECK(src->records == e->records);
            CHECK(src->rejected == e->rejected);
            CHECK(src->records + src->rejected == countDataLines(test::readFile(entry.path())));
            CHECK(src->log->rejectedLines.size() == src->rejected);
            for (const auto &category : e->categories) {
                INFO("expected a problem of category " << category);
                CHECK(src->problems.countsByCategory().count(category) == 1);
            }
            // No unexplained rejections: every rejection category is one we expect for this file.
            for (const auto &[category, count] : src->problems.countsByCategory()) {
                INFO("problem category " << category << " x" << count);
                const bool rejection = category == "field-count" || category == "no-fields" || category == "bad-time" ||
                                       category == "binary" || category == "line-too-long";
                if (rejection)
                    CHECK(e->categories.count(category) == 1);
            }
            // Sane times: 1995 .. 2030.
            const TimeUs lo = *toTime(CivilTime{1995, 1, 1, 0, 0, 0, 0});
            const TimeUs hi = *toTime(CivilTime{2030, 1, 1, 0, 0, 0, 0});
            if (src->records > 0) {
                CHECK(src->first >= lo);
                CHECK(src->last < hi);
            }
        }
    }
    CHECK(files == expectations().size());
}
