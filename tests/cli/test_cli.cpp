// SPDX-License-Identifier: MIT
#include "cli_runner.h"
#include "httpsleuth/version.h"
#include "support/catch.h"
#include "support/test_paths.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <filesystem>
#include <map>

#ifndef _WIN32
#include <unistd.h>
#endif

using namespace hs;
using hs::test::runCli;
namespace fs = std::filesystem;

namespace {

QJsonObject parseJson(const std::string &text)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    INFO(error.errorString().toStdString());
    REQUIRE(error.error == QJsonParseError::NoError);
    REQUIRE(doc.isObject());
    return doc.object();
}

QJsonObject sourceByPath(const QJsonObject &doc, const QString &path)
{
    for (const auto &v : doc.value(QStringLiteral("sources")).toArray())
        if (v.toObject().value(QStringLiteral("path")).toString() == path)
            return v.toObject();
    return {};
}

std::map<std::string, QByteArray> checksums(const fs::path &root)
{
    std::map<std::string, QByteArray> sums;
    for (const auto &e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file())
            continue;
        QFile f(QString::fromStdString(e.path().string()));
        REQUIRE(f.open(QIODevice::ReadOnly));
        sums[e.path().string()] = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }
    return sums;
}

} // namespace

TEST_CASE("cli: --version, --help, formats and usage errors", "[cli]")
{
    const auto v = runCli({"--version"});
    CHECK(v.exitCode == 0);
    CHECK(v.out == std::string("httpsleuth-cli ") + kVersion + "\n");

    const auto h = runCli({"--help"});
    CHECK(h.exitCode == 0);
    CHECK(h.out.find("httpsleuth-cli analyze [--json FILE|-]") != std::string::npos);

    const auto ah = runCli({"analyze", "--help"});
    CHECK(ah.exitCode == 0);
    CHECK(ah.out.find("--fail-on LEVEL") != std::string::npos);

    const auto none = runCli({});
    CHECK(none.exitCode == 2);
    CHECK(none.err.find("Usage:") != std::string::npos);

    CHECK(runCli({"analyze"}).exitCode == 2);
    CHECK(runCli({"analyze", "--fail-on", "sometimes", "x"}).exitCode == 2);
    CHECK(runCli({"frobnicate"}).exitCode == 2);
    const auto missing = runCli({"analyze", "/nonexistent/folder"});
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.find("nothing could be read") != std::string::npos);

    const auto f = runCli({"formats"});
    CHECK(f.exitCode == 0);
    for (const char *name : {"w3c", "httperr", "iis", "ncsa"})
        CHECK(f.out.find(std::string("  ") + name + "  ") != std::string::npos);
}

TEST_CASE("cli: analyze writes the JSON contract", "[cli]")
{
    const fs::path logs = test::dataDir() / "logs";
    const auto r = runCli({"analyze", "--json", "-", (logs / "w3c").string(), (logs / "httperr").string()});
    REQUIRE(r.exitCode == 0);
    const QJsonObject doc = parseJson(r.out);
    CHECK(doc.value(QStringLiteral("schema")).toString() == QStringLiteral("httpsleuth.analysis/1"));
    CHECK(doc.value(QStringLiteral("tool")).toObject().value(QStringLiteral("version")).toString() ==
          QString::fromLatin1(kVersion));
    CHECK(doc.value(QStringLiteral("findings")).isArray());

    // Paths are relative to the dropped folder.
    const QJsonObject basic = sourceByPath(doc, QStringLiteral("iis10_basic.log"));
    REQUIRE_FALSE(basic.isEmpty());
    CHECK(basic.value(QStringLiteral("format")).toString() == QStringLiteral("w3c"));
    CHECK(basic.value(QStringLiteral("records")).toInt() == 5);
    CHECK(basic.value(QStringLiteral("rejected")).toInt() == 0);
    CHECK(basic.value(QStringLiteral("first")).toString() == QStringLiteral("2026-11-21T10:00:01Z"));
    CHECK(basic.value(QStringLiteral("last")).toString() == QStringLiteral("2026-11-21T10:00:05Z"));
    CHECK(basic.value(QStringLiteral("status_codes")).toObject().value(QStringLiteral("200")).toInt() == 3);

    const QJsonObject bad = sourceByPath(doc, QStringLiteral("bad_lines.log"));
    CHECK(bad.value(QStringLiteral("rejected")).toInt() == 6);
    bool located = false;
    for (const auto &p : bad.value(QStringLiteral("problems")).toArray()) {
        const QJsonObject o = p.toObject();
        located |= o.value(QStringLiteral("line")).toInt() == 6 &&
                   o.value(QStringLiteral("message")).toString() == QStringLiteral("3 fields, 6 declared in #Fields");
    }
    CHECK(located);

    const QJsonObject err = sourceByPath(doc, QStringLiteral("httperr1.log"));
    CHECK(err.value(QStringLiteral("format")).toString() == QStringLiteral("httperr"));
    CHECK(err.value(QStringLiteral("records")).toInt() == 5);
    CHECK(err.value(QStringLiteral("rejected")).toInt() == 2);

    bool headerWait = false;
    for (const auto &v : doc.value(QStringLiteral("httperr_reasons")).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("reason")).toString() != QStringLiteral("Timer_HeaderWait"))
            continue;
        headerWait = true;
        CHECK(o.value(QStringLiteral("count")).toInt() == 2); // httperr1.log + headerless.log
        CHECK(o.value(QStringLiteral("top_clients")).toArray().at(0).toObject().value(QStringLiteral("address")) ==
              QStringLiteral("10.0.0.5"));
    }
    CHECK(headerWait);
}

TEST_CASE("cli: zip bundles, unrecognised files and read-only inputs", "[cli][bad-input]")
{
    const fs::path bundle = test::dataDir() / "logs" / "bundle";
    const auto before = checksums(bundle);
    const auto r = runCli({"analyze", "--json", "-", bundle.string()});
    REQUIRE(r.exitCode == 0);
    const QJsonObject doc = parseJson(r.out);
    const QJsonObject member = sourceByPath(doc, QStringLiteral("web01-logs.zip/logs/W3SVC1/u_ex261121.log"));
    CHECK(member.value(QStringLiteral("records")).toInt() == 5);
    CHECK(sourceByPath(doc, QStringLiteral("web01-logs.zip/logs/HTTPERR/httperr1.log"))
              .value(QStringLiteral("records"))
              .toInt() == 5);
    const QJsonObject gz = sourceByPath(doc, QStringLiteral("u_ex261121.log.gz"));
    CHECK(gz.value(QStringLiteral("compression")).toString() == QStringLiteral("gzip"));
    bool readmeListed = false;
    for (const auto &v : doc.value(QStringLiteral("not_recognised")).toArray())
        readmeListed |=
            v.toObject().value(QStringLiteral("path")).toString() == QStringLiteral("web01-logs.zip/logs/readme.txt");
    CHECK(readmeListed);
    CHECK(checksums(bundle) == before); // HttpSleuth never writes to its inputs
}

TEST_CASE("cli: 10,000 files, symlink loops, dangling links and unreadable files", "[cli][bad-input]")
{
    test::TempDir dir("cli-many");
    const std::string line = "#Fields: date time c-ip sc-status\n2026-11-21 10:00:00 10.0.0.1 200\n";
    for (int i = 0; i < 10000; ++i)
        dir.write("many/d" + std::to_string(i % 100) + "/f" + std::to_string(i) + ".log", line);
    fs::create_directory_symlink(dir.path() / "many", dir.path() / "many" / "d0" / "loop");
    fs::create_symlink(dir.path() / "gone", dir.path() / "many" / "dangling.log");
    const fs::path locked = dir.write("many/locked.log", line);
    fs::permissions(locked, fs::perms::none);
#ifndef _WIN32
    const bool root = geteuid() == 0; // root reads anything: the unreadable case cannot be staged
#else
    const bool root = false;
#endif
    const auto r = runCli({"analyze", "--json", "-", "--quiet", (dir.path() / "many").string()});
    fs::permissions(locked, fs::perms::owner_all);
    REQUIRE(r.exitCode == 0);
    const QJsonObject doc = parseJson(r.out);
    const auto sources = doc.value(QStringLiteral("sources")).toArray();
    CHECK(sources.size() == (root ? 10001 : 10000));
    bool loop = false, dangling = false, unreadable = false;
    for (const auto &v : doc.value(QStringLiteral("not_recognised")).toArray()) {
        const QString reason = v.toObject().value(QStringLiteral("reason")).toString();
        loop |= reason.contains(QStringLiteral("symbolic link loop"));
        dangling |= reason.contains(QStringLiteral("dangling"));
        unreadable |= reason.contains(QStringLiteral("unreadable"));
    }
    CHECK(loop);
    CHECK(dangling);
    if (!root)
        CHECK(unreadable);
}
