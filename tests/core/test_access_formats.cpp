// SPDX-License-Identifier: MIT
// IIS native (comma separated) and NCSA readers, and the transport layers (gzip, zip).
#include "formats/w3c_fields.h"
#include "model/string_pool.h"
#include "support/catch.h"
#include "support/test_paths.h"
#include "tasks/open_input.h"

using namespace hs;

TEST_CASE("IIS log format: local time, offset unknown unless given", "[iis]")
{
    StringPool pool;
    auto src = readSingleFile(test::dataDir() / "logs/iis/in261121.log", pool);
    REQUIRE(src);
    CHECK(src->format == FormatId::IisNative);
    CHECK(src->records == 2);
    CHECK(src->rejected == 1);
    CHECK(src->log->timeBasis == TimeBasis::LocalUnknown);
    CHECK(src->log->siteName == "W3SVC1");
    const auto &a = src->log->access;
    CHECK(formatIso(a[0].time) == "2026-11-21T09:05:01Z");
    CHECK((a[0].flags & kRecordLocalTime) != 0);
    CHECK(addressText(pool, a[0].clientIp) == "10.0.0.5");
    CHECK(pool.view(a[0].serverIp) == "10.0.0.50");
    CHECK(a[0].timeTakenMs == 15);
    CHECK(a[0].csBytes == 420);
    CHECK(a[0].scBytes == 3120);
    CHECK(a[0].status == 200);
    CHECK(pool.view(a[0].method) == "GET");
    CHECK(pool.view(a[0].uriStem) == "/index.htm");
    CHECK(a[1].status == 401);
    CHECK(a[1].win32 == 2148074254u);
    CHECK(w3cFieldValue(*src, a[1], "cs-username") == "NT AUTHORITY\\LOCAL SERVICE");
    CHECK(w3cFieldValue(*src, a[1], "cs-uri-query") == "a=1");
    bool located = false;
    for (const auto &p : src->problems.stored())
        located |= p.line == 3 && p.category == "bad-time";
    CHECK(located);

    ReadOptions plus2;
    plus2.localOffsetMinutes = 120;
    StringPool pool2;
    auto shifted = readSingleFile(test::dataDir() / "logs/iis/in261121.log", pool2, plus2);
    REQUIRE(shifted);
    CHECK(shifted->log->timeBasis == TimeBasis::LocalGiven);
    CHECK(formatIso(shifted->log->access[0].time) == "2026-11-21T07:05:01Z");
    CHECK((shifted->log->access[0].flags & kRecordLocalTime) == 0);
}

TEST_CASE("NCSA combined and common lines carry their own offset", "[ncsa]")
{
    StringPool pool;
    auto src = readSingleFile(test::dataDir() / "logs/ncsa/access.log", pool);
    REQUIRE(src);
    CHECK(src->format == FormatId::Ncsa);
    CHECK(src->records == 2);
    CHECK(src->rejected == 1);
    const auto &a = src->log->access;
    CHECK(formatIso(a[0].time) == "2026-11-21T10:00:01Z");
    CHECK(pool.view(a[0].method) == "GET");
    CHECK(pool.view(a[0].uriStem) == "/index.html");
    CHECK(a[0].version == HttpVersion::Http11);
    CHECK(a[0].status == 200);
    CHECK(a[0].scBytes == 2326);
    CHECK(pool.view(a[0].userAgent) == "Mozilla/5.0 (X11)");
    CHECK(w3cFieldValue(*src, a[0], "cs-uri-query") == "x=1");
    CHECK(w3cFieldValue(*src, a[0], "cs-username") == "alice");
    CHECK(formatIso(a[1].time) == "2026-11-21T09:00:02Z");
    CHECK(a[1].status == 413);
    CHECK(a[1].scBytes == kNoValue64);
    CHECK(a[1].version == HttpVersion::Http10);
}

TEST_CASE("gzip'ed logs are read transparently", "[io]")
{
    StringPool pool;
    auto src = readSingleFile(test::dataDir() / "logs/bundle/u_ex261121.log.gz", pool);
    REQUIRE(src);
    CHECK(src->compression == "gzip");
    CHECK(src->format == FormatId::W3c);
    CHECK(src->records == 1);
}

TEST_CASE("truncated gzip keeps what decompressed and says where it stopped", "[io][bad-input]")
{
    const std::string whole = test::readFile(test::dataDir() / "logs/bundle/u_ex261121.log.gz");
    std::vector<char> cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(whole.size() - 12));
    StringPool pool;
    auto src = readSingleBuffer(cut, "cut.log.gz", pool);
    REQUIRE(src);
    bool reported = false;
    for (const auto &p : src->problems.stored())
        reported |= p.category == "gzip" && p.message.find("truncated") != std::string::npos;
    CHECK(reported);
}
