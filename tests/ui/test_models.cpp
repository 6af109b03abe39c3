// SPDX-License-Identifier: MIT
// Every model under QAbstractItemModelTester, with its filter and sort behaviour.
#include "filter/compiled_filter.h"
#include "findings/findings_model.h"
#include "gui_test_helpers.h"
#include "sources/problems_model.h"
#include "sources/sources_model.h"
#include "support/catch.h"
#include "tables/access_table.h"
#include "tables/connection_table.h"
#include "tables/httperr_table.h"
#include "tables/record_table_model.h"
#include "tables/transaction_table.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace hs;
using namespace hs::ui;

namespace {

std::shared_ptr<const CompiledFilter> compile(const QString &text, const RecordTable &table)
{
    auto result = CompiledFilter::compile(text, table);
    REQUIRE(std::holds_alternative<std::shared_ptr<const CompiledFilter>>(result));
    return std::get<std::shared_ptr<const CompiledFilter>>(result);
}

QString cell(const QAbstractItemModel &m, int row, int column)
{
    return m.index(row, column).data().toString();
}

TimeUs at(int hour, int minute, int second)
{
    return *toTime(CivilTime{2026, 11, 21, static_cast<unsigned>(hour), static_cast<unsigned>(minute),
                             static_cast<unsigned>(second), 0});
}

} // namespace

TEST_CASE("RecordTableModel shows a big table to the view in steps, and at once where a row is needed", "[models]")
{
    std::shared_ptr<const Analysis> analysis = test::analyseBundle();
    auto table = std::make_shared<AccessTable>(analysis);
    RecordTableModel model(table, nullptr, 100); // steps of 100 rows stand in for steps of a million
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    CHECK(model.rowCount() == 100);
    CHECK(model.visibleRowCount() == 420);
    CHECK(model.isExposing());

    SECTION("one step per event-loop turn until every row is there")
    {
        QCoreApplication::processEvents();
        CHECK(model.rowCount() == 200);
        for (int turn = 0; turn < 10 && model.isExposing(); ++turn)
            QCoreApplication::processEvents();
        CHECK_FALSE(model.isExposing());
        CHECK(model.rowCount() == 420);
        REQUIRE(inserted.size() == 4);
        CHECK(inserted.at(0).at(1).toInt() == 100);
        CHECK(inserted.at(0).at(2).toInt() == 199);
        CHECK(inserted.at(3).at(1).toInt() == 400);
        CHECK(inserted.at(3).at(2).toInt() == 419);
        CHECK(cell(model, 419, AccessTable::Source) == QStringLiteral("W3SVC2/u_ex261121.log"));
        CHECK(cell(model, 419, AccessTable::Time) == QStringLiteral("2026-11-21 10:59:05"));
    }
    SECTION("asking for a row past the exposed ones exposes up to it")
    {
        const auto row = model.visibleRow(350);
        REQUIRE(row == 350);
        CHECK(model.rowCount() == 351);
        CHECK(model.index(350, 0).isValid());
    }
    SECTION("a filter result smaller than what was exposed is shown whole; the rest follows when cleared")
    {
        model.setFilter(compile(QStringLiteral("status:5.."), *table));
        CHECK(model.rowCount() == 18);
        CHECK_FALSE(model.isExposing());
        model.setFilter(nullptr);
        CHECK(model.rowCount() == 100);
        for (int turn = 0; turn < 10 && model.isExposing(); ++turn)
            QCoreApplication::processEvents();
        CHECK(model.rowCount() == 420);
    }
}

TEST_CASE("RecordTableModel over W3C records: display, SortRole, sort, filter, time range", "[models]")
{
    std::shared_ptr<const Analysis> analysis = test::analyseBundle();
    auto table = std::make_shared<AccessTable>(analysis);
    RecordTableModel model(table);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    REQUIRE(model.rowCount() == 420);
    REQUIRE(model.columnCount() == AccessTable::ColumnCount);
    CHECK(model.headerData(AccessTable::Status, Qt::Horizontal).toString() == QStringLiteral("Status"));
    CHECK(cell(model, 0, AccessTable::Time) == QStringLiteral("2026-11-21 10:00:00"));
    CHECK(cell(model, 0, AccessTable::Source) == QStringLiteral("W3SVC1/u_ex261121.log"));
    CHECK(cell(model, 0, AccessTable::UriStem) == QStringLiteral("/"));
    CHECK(cell(model, 0, AccessTable::Status) == QStringLiteral("200"));
    CHECK(cell(model, 0, AccessTable::Line) == QStringLiteral("5"));
    CHECK(cell(model, 1, AccessTable::UserAgent) == QStringLiteral("curl/8.4.0"));
    CHECK(cell(model, 0, AccessTable::UserAgent) == QStringLiteral("Mozilla/5.0 (Windows NT 10.0)"));
    CHECK(model.index(0, AccessTable::Status).data(RecordTableModel::SortRole).toLongLong() == 200);
    CHECK(model.index(0, AccessTable::Method).data(RecordTableModel::SortRole).toString() == QStringLiteral("GET"));

    SECTION("sort by status, descending: the 503s first, in store order")
    {
        model.sort(AccessTable::Status, Qt::DescendingOrder);
        REQUIRE(model.rowCount() == 420);
        CHECK(cell(model, 0, AccessTable::Status) == QStringLiteral("503"));
        CHECK(cell(model, 0, AccessTable::Line) == QStringLiteral("127"));
        CHECK(cell(model, 8, AccessTable::Status) == QStringLiteral("503"));
        CHECK(cell(model, 9, AccessTable::Status) == QStringLiteral("500"));
        CHECK(cell(model, 419, AccessTable::Status) == QStringLiteral("200"));
        // Back to physical order.
        model.sort(-1);
        CHECK(cell(model, 0, AccessTable::Line) == QStringLiteral("5"));
    }
    SECTION("sort by an interned string column ranks by text")
    {
        model.sort(AccessTable::UriStem, Qt::AscendingOrder);
        CHECK(cell(model, 0, AccessTable::UriStem) == QStringLiteral("/"));
        CHECK(cell(model, 419, AccessTable::UriStem) == QStringLiteral("/static/app.js"));
        model.sort(AccessTable::ClientIp, Qt::DescendingOrder);
        CHECK(cell(model, 0, AccessTable::ClientIp) == QStringLiteral("10.0.1.22"));
    }
    SECTION("filter, then time range, then sort; the reverse map follows")
    {
        model.setFilter(compile(QStringLiteral("status:5.."), *table));
        REQUIRE(model.rowCount() == 18);
        for (int r = 0; r < model.rowCount(); ++r)
            CHECK(cell(model, r, AccessTable::Status).startsWith(QLatin1Char('5')));
        model.setTimeRange(at(10, 20, 0), at(10, 21, 0));
        REQUIRE(model.rowCount() == 6);
        CHECK(cell(model, 0, AccessTable::Time) == QStringLiteral("2026-11-21 10:20:00"));
        model.sort(AccessTable::Time, Qt::DescendingOrder);
        CHECK(cell(model, 0, AccessTable::Time) == QStringLiteral("2026-11-21 10:20:50"));
        const std::size_t physical = model.physicalRow(0);
        CHECK(model.visibleRow(physical) == 0);
        CHECK_FALSE(model.visibleRow(0).has_value()); // line 5 (10:00:00, 200) is filtered out
        model.setTimeRange(kNoTime, kNoTime);
        model.setFilter(nullptr);
        CHECK(model.rowCount() == 420);
    }
}

TEST_CASE("RecordTableModel filters and sorts on a worker; the latest request wins", "[models]")
{
    std::shared_ptr<const Analysis> analysis = test::analyseBundle();
    auto table = std::make_shared<AccessTable>(analysis);
    RecordTableModel model(table);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setAsyncThreshold(0);
    QSignalSpy busy(&model, &RecordTableModel::busyChanged);
    QSignalSpy applied(&model, &RecordTableModel::indexApplied);

    model.setFilter(compile(QStringLiteral("method:POST"), *table));
    CHECK(model.isBusy());
    CHECK(model.rowCount() == 420); // the old index stays until the new one is ready
    model.setFilter(compile(QStringLiteral("status:404"), *table));
    model.sort(AccessTable::Time, Qt::DescendingOrder);
    REQUIRE(test::waitUntil([&] { return !model.isBusy(); }));
    CHECK(applied.count() == 1); // the two superseded jobs were dropped
    CHECK(model.rowCount() == 5);
    CHECK(cell(model, 0, AccessTable::Time) == QStringLiteral("2026-11-21 10:53:05"));
    CHECK(busy.count() == 2);
    CHECK(busy.at(0).at(0).toBool());
    CHECK_FALSE(busy.at(1).at(0).toBool());
}

TEST_CASE("RecordTableModel over HTTPERR records", "[models]")
{
    std::shared_ptr<const Analysis> analysis = test::analyseBundle();
    auto table = std::make_shared<HttpErrTable>(analysis);
    RecordTableModel model(table);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(model.rowCount() == 48);
    CHECK(cell(model, 0, HttpErrTable::Reason) == QStringLiteral("Timer_ConnectionIdle"));
    CHECK(cell(model, 0, HttpErrTable::ClientPort) == QStringLiteral("50000"));
    CHECK(cell(model, 0, HttpErrTable::Method).isEmpty());
    CHECK(table->connectionKey(0) == "10.0.0.5:50000->10.0.0.50:80");
    model.sort(HttpErrTable::Reason, Qt::AscendingOrder);
    CHECK(cell(model, 0, HttpErrTable::Reason) == QStringLiteral("Connection_Abandoned_By_AppPool"));
    CHECK(cell(model, 47, HttpErrTable::Reason) == QStringLiteral("Timer_HeaderWait"));
    model.setFilter(compile(QStringLiteral("reason:QueueFull"), *table));
    REQUIRE(model.rowCount() == 3);
    CHECK(cell(model, 0, HttpErrTable::Status) == QStringLiteral("503"));
    // Server, app pool and site come from the line's shared context.
    CHECK(cell(model, 0, HttpErrTable::ServerIp) == QStringLiteral("10.0.0.50"));
    CHECK(cell(model, 0, HttpErrTable::Queue) == QStringLiteral("DefaultAppPool"));
    CHECK(cell(model, 0, HttpErrTable::Site) == QStringLiteral("1"));
    CHECK(cell(model, 0, HttpErrTable::Method) == QStringLiteral("GET"));
    CHECK(table->rowForLine(test::sourceByPath(*analysis, "httperr1.log"), 13) == std::size_t{7});
    CHECK_FALSE(table->rowForLine(test::sourceByPath(*analysis, "httperr1.log"), 12).has_value());
}

TEST_CASE("RecordTableModel over captured transactions and connections", "[models]")
{
    std::shared_ptr<const Analysis> analysis = test::analyseBundle();
    auto transactions = std::make_shared<TransactionTable>(analysis);
    auto connections = std::make_shared<ConnectionTable>(analysis);
    RecordTableModel txModel(transactions);
    RecordTableModel connModel(connections);
    QAbstractItemModelTester txTester(&txModel, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester connTester(&connModel, QAbstractItemModelTester::FailureReportingMode::Fatal);
    // capture/trace.pcap: 3 connections, 4 requests (gen_ui_fixtures.py).
    REQUIRE(connModel.rowCount() == 3);
    REQUIRE(txModel.rowCount() == 4);
    CHECK(cell(connModel, 0, ConnectionTable::Client) == QStringLiteral("10.0.0.5:51000"));
    CHECK(cell(connModel, 0, ConnectionTable::Server) == QStringLiteral("10.0.0.50:80"));
    CHECK(cell(connModel, 0, ConnectionTable::Requests) == QStringLiteral("1"));
    CHECK(cell(connModel, 2, ConnectionTable::End) == QStringLiteral("RST by server"));
    CHECK(cell(txModel, 0, TransactionTable::Method) == QStringLiteral("POST"));
    CHECK(cell(txModel, 0, TransactionTable::Expect) == QStringLiteral("100-continue"));
    CHECK(cell(txModel, 0, TransactionTable::Interim) == QStringLiteral("100 100 ⚠"));
    CHECK(cell(txModel, 0, TransactionTable::Status) == QStringLiteral("200"));

    txModel.setFilter(compile(QStringLiteral("stray:yes"), *transactions));
    CHECK(txModel.rowCount() == 1);
    txModel.setFilter(compile(QStringLiteral("status:404 connection:\"10.0.0.6:51010->10.0.0.50:80\""), *transactions));
    CHECK(txModel.rowCount() == 1);
    txModel.setFilter(compile(QStringLiteral("error:yes"), *transactions));
    CHECK(txModel.rowCount() == 2); // the 404 and the POST cut off by the reset
    txModel.setFilter(nullptr);
    txModel.sort(TransactionTable::Status, Qt::DescendingOrder);
    CHECK(cell(txModel, 0, TransactionTable::Status) == QStringLiteral("404"));
    connModel.setFilter(compile(QStringLiteral("end:rst by:server"), *connections));
    CHECK(connModel.rowCount() == 1);
    connModel.setFilter(nullptr);
    connModel.sort(ConnectionTable::Client, Qt::DescendingOrder);
    CHECK(cell(connModel, 0, ConnectionTable::Client) == QStringLiteral("10.0.0.7:51234"));
}

TEST_CASE("SourcesModel lists read and unrecognised files; ProblemsModel lists rejected lines", "[models]")
{
    std::shared_ptr<const Analysis> analysis = test::analyseBundle();
    SourcesModel sources;
    QAbstractItemModelTester sourcesTester(&sources, QAbstractItemModelTester::FailureReportingMode::Fatal);
    sources.setAnalysis(analysis);
    REQUIRE(static_cast<std::size_t>(sources.rowCount()) == analysis->sources.size() + analysis->skipped.size());
    int readme = -1, w3c = -1;
    for (int r = 0; r < sources.rowCount(); ++r) {
        if (cell(sources, r, SourcesModel::Path) == QStringLiteral("README.txt"))
            readme = r;
        if (cell(sources, r, SourcesModel::Path) == QStringLiteral("W3SVC1/u_ex261121.log"))
            w3c = r;
    }
    REQUIRE(readme >= 0);
    REQUIRE(w3c >= 0);
    CHECK(cell(sources, readme, SourcesModel::Format) == QStringLiteral("not read"));
    CHECK(cell(sources, readme, SourcesModel::State) == QStringLiteral("not recognised"));
    CHECK(sources.skippedAt(readme)->candidates.size() >= 2);
    CHECK(cell(sources, w3c, SourcesModel::Records) == QStringLiteral("360"));
    CHECK(cell(sources, w3c, SourcesModel::Rejected) == QStringLiteral("1"));
    CHECK(cell(sources, w3c, SourcesModel::First) == QStringLiteral("2026-11-21 10:00:00"));

    ProblemsModel problems;
    QAbstractItemModelTester problemsTester(&problems, QAbstractItemModelTester::FailureReportingMode::Fatal);
    problems.setSource(analysis, sources.sourceAt(w3c));
    REQUIRE(problems.rowCount() == 1);
    CHECK(cell(problems, 0, ProblemsModel::Line) == QStringLiteral("25"));
    CHECK(cell(problems, 0, ProblemsModel::Level) == QStringLiteral("warning"));
    CHECK(cell(problems, 0, ProblemsModel::Message) == QStringLiteral("7 fields, 15 declared in #Fields"));
    CHECK(cell(problems, 0, ProblemsModel::RawLine) == QStringLiteral("this line is not a W3C record"));
    problems.setSource(nullptr, nullptr);
    CHECK(problems.rowCount() == 0);
}

TEST_CASE("FindingsModel and EvidenceModel show a finding's columns and evidence", "[models]")
{
    std::unique_ptr<Analysis> owned = test::analyseBundle();
    owned->findings.clear(); // the detectors' own findings are checked in test_widgets
    owned->findings.push_back(test::makeFinding(*owned, 127, 24));
    Finding info;
    info.id = "http11-keepalive-by-design";
    info.title = "Keep-alive looks disabled for HTTP/1.0 clients";
    info.severity = Severity::Info;
    info.count = 4;
    owned->findings.push_back(info);
    std::shared_ptr<const Analysis> analysis = std::move(owned);

    FindingsModel findings;
    QAbstractItemModelTester findingsTester(&findings, QAbstractItemModelTester::FailureReportingMode::Fatal);
    findings.setAnalysis(analysis);
    REQUIRE(findings.rowCount() == 2);
    CHECK(findings.index(0, FindingsModel::Severity).data(Qt::ToolTipRole).toString() == QStringLiteral("Critical"));
    CHECK(findings.index(1, FindingsModel::Severity).data(Qt::AccessibleTextRole).toString() == QStringLiteral("Info"));
    CHECK(cell(findings, 0, FindingsModel::Title) == QStringLiteral("Requests rejected with 503 (QueueFull)"));
    CHECK(cell(findings, 0, FindingsModel::Confidence) == QStringLiteral("Medium"));
    CHECK(cell(findings, 0, FindingsModel::Count) == QStringLiteral("2"));
    CHECK(findings.index(0, FindingsModel::Severity).data(FindingsModel::SortRole).toInt() >
          findings.index(1, FindingsModel::Severity).data(FindingsModel::SortRole).toInt());
    CHECK(cell(findings, 0, FindingsModel::TimeRange) == QStringLiteral("10:20:10 – 10:23:00"));
    CHECK(cell(findings, 1, FindingsModel::TimeRange).isEmpty());

    EvidenceModel evidence;
    QAbstractItemModelTester evidenceTester(&evidence, QAbstractItemModelTester::FailureReportingMode::Fatal);
    evidence.setFinding(analysis, findings.finding(0));
    REQUIRE(evidence.rowCount() == 2);
    CHECK(cell(evidence, 0, EvidenceModel::Source) == QStringLiteral("HTTPERR/httperr1.log"));
    CHECK(cell(evidence, 0, EvidenceModel::Location) == QStringLiteral("line 24"));
    CHECK(cell(evidence, 1, EvidenceModel::Location) == QStringLiteral("line 127"));
    CHECK(cell(evidence, 1, EvidenceModel::Text).contains(QStringLiteral(" 503 ")));
    evidence.setFinding(nullptr, nullptr);
    CHECK(evidence.rowCount() == 0);
}
