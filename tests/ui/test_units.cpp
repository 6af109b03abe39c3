// SPDX-License-Identifier: MIT
// Small pieces with logic of their own: the visible index, the time axis, progress wording,
// recent bundles, text formatting, themed icons.
#include "common/icons.h"
#include "common/text.h"
#include "gui_test_helpers.h"
#include "load/progress_text.h"
#include "support/catch.h"
#include "tables/access_table.h"
#include "tables/visible_index.h"
#include "timeline/time_axis.h"
#include "window/recent_bundles.h"

#include <QApplication>
#include <QImage>
#include <QPixmap>
#include <QSettings>
#include <QTemporaryDir>

using namespace hs;
using namespace hs::ui;

TEST_CASE("VisibleIndex maps both ways for identity, filtered and sorted indexes", "[units]")
{
    const VisibleIndex identity = VisibleIndex::identity(5);
    CHECK(identity.size() == 5);
    CHECK(identity.physical(3) == 3);
    CHECK(identity.visibleOf(4) == std::size_t{4});
    CHECK_FALSE(identity.visibleOf(5).has_value());

    const VisibleIndex filtered = VisibleIndex::fromRows({1, 3, 4}, 6, false);
    CHECK(filtered.size() == 3);
    CHECK(filtered.physical(1) == 3);
    CHECK(filtered.visibleOf(4) == std::size_t{2});
    CHECK_FALSE(filtered.visibleOf(2).has_value());

    const VisibleIndex sorted = VisibleIndex::fromRows({4, 0, 3}, 6, true);
    CHECK(sorted.visibleOf(4) == std::size_t{0});
    CHECK(sorted.visibleOf(0) == std::size_t{1});
    CHECK(sorted.visibleOf(3) == std::size_t{2});
    CHECK_FALSE(sorted.visibleOf(5).has_value());
}

TEST_CASE("buildVisibleIndex gives up when a newer build was requested", "[units]")
{
    std::shared_ptr<const Analysis> analysis = test::analyseBundle();
    AccessTable table(analysis);
    ViewSpec spec;
    spec.sortColumn = AccessTable::UriStem;
    auto latest = std::make_shared<std::atomic<std::uint64_t>>(2);
    CHECK_FALSE(buildVisibleIndex(table, spec, BuildControl{latest, 1, nullptr}).has_value());
    auto permille = std::make_shared<std::atomic<int>>(0);
    const auto index = buildVisibleIndex(table, spec, BuildControl{latest, 2, permille});
    REQUIRE(index.has_value());
    CHECK(index->size() == 420);
    CHECK(permille->load() == 1000);
    // Stable: equal keys keep the store order.
    for (std::size_t v = 1; v < index->size(); ++v) {
        const auto a = index->physical(v - 1), b = index->physical(v);
        if (table.internedKey(a, AccessTable::UriStem) == table.internedKey(b, AccessTable::UriStem))
            CHECK(a < b);
    }
}

TEST_CASE("Client addresses sort IPv4 numerically, then other spellings by text", "[units]")
{
    auto analysis = std::make_shared<Analysis>();
    auto src = std::make_unique<Source>();
    src->id = SourceId(0);
    src->path = "u_ex.log";
    src->format = FormatId::W3c;
    src->log = std::make_unique<LogData>();
    RecordStore<AccessRecord>::Segment rows;
    for (const char *c : {"fe80::1%3", "10.0.0.10", "-", "010.0.0.1", "10.0.0.9", "9.255.255.255"}) {
        AccessRecord r;
        r.line = static_cast<std::uint32_t>(rows.size() + 1);
        if (std::string_view(c) != "-")
            r.clientIp = toLogAddress(c, [&](std::string_view t) { return analysis->strings->intern(t); });
        rows.push_back(r);
    }
    src->log->access.appendSegment(std::move(rows));
    analysis->sources.push_back(std::move(src));
    AccessTable table(analysis);
    ViewSpec spec;
    spec.sortColumn = AccessTable::ClientIp;
    const auto index = buildVisibleIndex(table, spec, BuildControl{});
    REQUIRE(index.has_value());
    std::vector<QString> order;
    for (std::size_t v = 0; v < index->size(); ++v)
        order.push_back(table.display(index->physical(v), AccessTable::ClientIp));
    CHECK(order == std::vector<QString>{"", "9.255.255.255", "10.0.0.9", "10.0.0.10", "010.0.0.1", "fe80::1%3"});
}

TEST_CASE("Time axis ticks land on round times and keep their spacing", "[units]")
{
    const TimeUs t0 = *toTime(CivilTime{2026, 11, 21, 10, 0, 7, 0});
    const TimeWindow w{t0, t0 + 60 * kUsPerMinute, 100, 1000};
    const auto ticks = axisTicks(w, 80);
    REQUIRE(ticks.size() >= 4);
    const TimeUs step = ticks[1] - ticks[0];
    CHECK(step == 5 * kUsPerMinute);
    CHECK(ticks[0] % step == 0);
    CHECK(w.toX(ticks[1]) - w.toX(ticks[0]) >= 80);
    CHECK(axisTicks(w, 100)[1] - axisTicks(w, 100)[0] == 15 * kUsPerMinute);
    CHECK(w.toX(w.from) == 100);
    CHECK(w.toTime(1100) == w.to);
}

TEST_CASE("Zoom keeps the anchor in place and stays inside the data", "[units]")
{
    TimeUs from = 0, to = 1000 * kUsPerSecond;
    zoomWindow(from, to, 250 * kUsPerSecond, 0.5, kUsPerSecond, 0, 1000 * kUsPerSecond);
    CHECK(to - from == 500 * kUsPerSecond);
    CHECK(from == 125 * kUsPerSecond); // the anchor keeps its relative position (25 %)
    zoomWindow(from, to, from, 10.0, kUsPerSecond, 0, 1000 * kUsPerSecond);
    CHECK(from == 0);
    CHECK(to == 1000 * kUsPerSecond);
    panWindow(from, to, -50 * kUsPerSecond, 0, 2000 * kUsPerSecond);
    CHECK(from == 0);
    zoomWindow(from, to, 0, 1e-9, kUsPerSecond, 0, 2000 * kUsPerSecond);
    CHECK(to - from == kUsPerSecond);
}

TEST_CASE("Progress text names the stages, counts and sizes", "[units]")
{
    Progress::Snapshot s;
    s.stage = Stage::ReadingLogs;
    s.filesDone = 37;
    s.filesTotal = 120;
    s.filesFound = 1204;
    s.bytesDone = 512ull << 20;
    s.bytesTotal = 1ull << 30;
    s.detail = "W3SVC1/u_ex261121.log";
    const ProgressText t = describeProgress(s, QApplication::palette());
    CHECK(t.breadcrumb.startsWith(QStringLiteral("✓ Scanning 1,204 files → <b>Reading logs 37/120</b> → ")));
    CHECK(t.breadcrumb.contains(QStringLiteral("Reading captures")));
    CHECK(t.breadcrumb.contains(QStringLiteral("Detecting symptoms")));
    CHECK(t.headline == QStringLiteral("37 of 120 files read, 512 MB of 1.0 GB"));
    CHECK(t.percent == 50);
    CHECK(t.detail == QStringLiteral("W3SVC1/u_ex261121.log"));

    s.stage = Stage::Scanning;
    s.filesTotal = 0;
    const ProgressText scanning = describeProgress(s, QApplication::palette());
    CHECK(scanning.percent == -1);
    CHECK(scanning.headline == QStringLiteral("Scanning: 1,204 files found"));
}

TEST_CASE("Recent bundles: most recent first, no duplicates, bounded", "[units]")
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("recent.ini")), QSettings::IniFormat);
    RecentBundles recent(settings);
    CHECK(recent.entries().isEmpty());
    recent.add({QStringLiteral("/logs/a")});
    recent.add({QStringLiteral("/logs/b"), QStringLiteral("/caps/b.pcap")});
    recent.add({QStringLiteral("/logs/a")});
    const auto entries = recent.entries();
    REQUIRE(entries.size() == 2);
    CHECK(entries[0] == QStringList{QStringLiteral("/logs/a")});
    CHECK(entries[1].size() == 2);
    CHECK(RecentBundles::label(entries[1]) == QStringLiteral("b (+1 more)"));
    for (int i = 0; i < 20; ++i)
        recent.add({QStringLiteral("/x/%1").arg(i)});
    CHECK(recent.entries().size() == RecentBundles::kMaxEntries);
    recent.clear();
    CHECK(recent.entries().isEmpty());
}

TEST_CASE("Display text: counts, sizes, bytes that are not UTF-8", "[units]")
{
    CHECK(formatCount(0) == QStringLiteral("0"));
    CHECK(formatCount(1204) == QStringLiteral("1,204"));
    CHECK(formatCount(10'000'000) == QStringLiteral("10,000,000"));
    CHECK(formatBytes(512) == QStringLiteral("512 B"));
    CHECK(formatBytes(3ull << 30) == QStringLiteral("3.0 GB"));
    CHECK(toQString(std::string_view("caf\xc3\xa9")) == QStringLiteral("café"));
    CHECK(toQString(std::string_view("caf\xe9")) == QStringLiteral("café")); // ANSI (Latin-1) log bytes
    CHECK(formatTime(kNoTime).isEmpty());
}

TEST_CASE("Themed icons: one icon per file, pixmaps cached per file and size, never mixed up", "[units]")
{
    // Models return icons from data() on every paint: the same file must give the same icon.
    const QIcon critical = themedIcon(QStringLiteral("severity-critical"));
    const QIcon again = themedIcon(QStringLiteral("severity-critical"));
    const QIcon info = themedIcon(QStringLiteral("severity-info"));
    REQUIRE_FALSE(critical.isNull());
    REQUIRE_FALSE(info.isNull());
    CHECK(critical.cacheKey() == again.cacheKey());
    CHECK(critical.cacheKey() != info.cacheKey());

    const QImage a = critical.pixmap(QSize(16, 16)).toImage();
    const QImage b = again.pixmap(QSize(16, 16)).toImage();
    const QImage c = info.pixmap(QSize(16, 16)).toImage();
    CHECK(a.size() == QSize(16, 16));
    CHECK(a == b);
    CHECK(a != c); // a cache keyed by anything but the file would hand one icon's pixmap to another
    CHECK(critical.pixmap(QSize(32, 32)).size() == QSize(32, 32));
    CHECK(themedIcon(QStringLiteral("no-such-icon")).isNull());
}
