// SPDX-License-Identifier: MIT
// The knowledge base as data: the compiled-in entries load cleanly and carry what the issue and
// DOMAIN.md require; user folders extend and override entries; bad user files are reported, not
// silently half-loaded.
#include "formats/text_scan.h"
#include "kb/catalog.h"
#include "kb/diagnose.h"
#include "kb/samples/sample_analysis.h"
#include "kb_test_support.h"
#include "support/catch.h"
#include "support/test_paths.h"
#include "tasks/cancel.h"

#include <algorithm>

using namespace hs;

namespace {

const Remediation *remedy(const kb::SymptomEntry &e, std::string_view kind)
{
    for (const auto &r : e.remediation)
        if (r.kind == kind)
            return &r;
    return nullptr;
}

bool contains(std::string_view hay, std::string_view needle)
{
    return hay.find(needle) != std::string_view::npos;
}

} // namespace

TEST_CASE("the built-in knowledge base loads without problems and covers every symptom id")
{
    std::vector<kb::LoadProblem> problems;
    const kb::KnowledgeBase base = kb::loadBuiltinKnowledgeBase(problems);
    for (const auto &p : problems)
        INFO(p.path << ": " << p.message);
    CHECK(problems.empty());
    // ARCHITECTURE §7's twenty ids, plus continue-after-final-response (kb898708's generic twin).
    CHECK(base.symptoms().size() == 21);
    for (const auto id : kb::builtinSymptomIds()) {
        INFO(id);
        const kb::SymptomEntry *e = base.symptom(id);
        REQUIRE(e);
        CHECK_FALSE(e->title.empty());
        CHECK_FALSE(e->summary.empty());
        CHECK_FALSE(e->evidence.empty());
        CHECK_FALSE(e->confidence.empty());
        CHECK_FALSE(e->remediation.empty());
        CHECK_FALSE(e->references.empty());
        CHECK_FALSE(e->affected.empty());
        CHECK_FALSE(e->matches.empty());
        CHECK_FALSE(e->nonMatches.empty());
        for (const auto &r : e->references)
            CHECK(text::startsWith(r.url, "http"));
    }
    // Listed in ARCHITECTURE §7's order.
    CHECK(base.symptoms().front().id == "kb898708");
    CHECK(base.symptoms()[1].id == "chunked-post-reset");
}

TEST_CASE("KB898708 and KB967853 carry their hotfix versions, prerequisites and workarounds")
{
    const auto &base = test::builtinKb();
    const kb::SymptomEntry *k8 = base.symptom("kb898708");
    REQUIRE(k8);
    const Remediation *hotfix = remedy(*k8, "hotfix");
    REQUIRE(hotfix);
    CHECK(contains(hotfix->text, "5.2.3790.2433"));
    CHECK(hotfix->prerequisites == "Windows Server 2003 SP1");
    CHECK(std::find(k8->kb.begin(), k8->kb.end(), "KB898708") != k8->kb.end());

    const kb::SymptomEntry *k9 = base.symptom("chunked-post-reset");
    REQUIRE(k9);
    hotfix = remedy(*k9, "hotfix");
    REQUIRE(hotfix);
    CHECK(contains(hotfix->text, "5.2.3790.4472"));
    CHECK(hotfix->prerequisites == "Windows Server 2003 SP2");
    REQUIRE(remedy(*k9, "workaround"));
    CHECK(contains(remedy(*k9, "workaround")->text, "Content-Length instead of Transfer-Encoding: chunked"));
    CHECK(contains(k9->affected.front().note, "IIS 7.0 is not affected"));
    CHECK(k9->httpErrReasons == std::vector<std::string>{"Timer_HeaderWait"});

    const kb::SymptomEntry *q = base.symptom("http11-keepalive-by-design");
    REQUIRE(q);
    CHECK(q->severity == Severity::Info);
    CHECK(remedy(*q, "by-design"));

    const kb::SymptomEntry *wait = base.symptom("expect-100-client-wait");
    REQUIRE(wait);
    REQUIRE(wait->clientProfiles.size() >= 2);
    CHECK(wait->clientProfiles[0].waitMs == 1000);
    CHECK(wait->clientProfiles[1].waitMs == 350);
}

TEST_CASE("the HTTPERR reason catalogue holds every documented s-reason")
{
    const auto &base = test::builtinKb();
    // DOMAIN.md §B, in table order.
    for (const char *reason : {"AppOffline",
                               "AppPoolTimer",
                               "AppShutdown",
                               "BadRequest",
                               "Client_Reset",
                               "Connection_Abandoned_By_AppPool",
                               "Connection_Abandoned_By_ReqQueue",
                               "Connection_Dropped",
                               "Connection_Dropped_List_Full",
                               "ConnLimit",
                               "Connections_Refused",
                               "Disabled",
                               "EntityTooLarge",
                               "FieldLength",
                               "Forbidden",
                               "Header",
                               "Hostname",
                               "Internal",
                               "Invalid_CR/LF",
                               "LengthRequired",
                               "N/A",
                               "N/I",
                               "Number",
                               "Precondition",
                               "QueueFull",
                               "RequestLength",
                               "Timer_AppPool",
                               "Timer_ConnectionIdle",
                               "Timer_EntityBody",
                               "Timer_HeaderWait",
                               "Timer_MinBytesPerSecond",
                               "Timer_ReqQueue",
                               "Timer_Response",
                               "Timer_SslRenegotiation",
                               "URL",
                               "URL_Length",
                               "Verb",
                               "Version_N/S"}) {
        INFO(reason);
        const kb::ReasonEntry *r = base.reason(reason);
        REQUIRE(r);
        CHECK_FALSE(r->meaning.empty());
        CHECK_FALSE(r->action.empty());
        CHECK_FALSE(r->status.empty());
        for (const auto &id : r->symptoms)
            CHECK(base.symptom(id));
    }
    CHECK(base.reason("timer_headerwait")); // case-insensitive lookup
    CHECK(base.reason("Timer_ConnectionIdle")->benign);
    // Every reason a symptom watches is in the catalogue.
    for (const auto &s : base.symptoms())
        for (const auto &r : s.httpErrReasons) {
            INFO(s.id << " watches " << r);
            CHECK(base.reason(r));
        }
}

TEST_CASE("the sc-win32-status catalogue marks the connection-problem codes")
{
    const auto &base = test::builtinKb();
    for (const std::uint64_t code : {64u, 121u, 995u, 1229u, 1236u}) {
        INFO(code);
        REQUIRE(base.win32(code));
        CHECK(base.win32(code)->connectionProblem);
    }
    REQUIRE(base.win32(0));
    CHECK_FALSE(base.win32(0)->connectionProblem);
    REQUIRE(base.win32(2148074254u));
    CHECK(base.win32(64)->symbol == "ERROR_NETNAME_DELETED");
}

TEST_CASE("KB numbers find their symptoms")
{
    const auto &base = test::builtinKb();
    auto found = base.symptomsForArticle("KB967853");
    REQUIRE(found.size() == 1);
    CHECK(found[0]->id == "chunked-post-reset");
    found = base.symptomsForArticle("q195179");
    REQUIRE(found.size() == 1);
    CHECK(found[0]->id == "http11-keepalive-by-design");
    CHECK(base.symptomsForArticle("KB1").empty());
}

TEST_CASE("a user folder overrides the members it names and adds new reason-driven symptoms")
{
    test::TempDir dir("kb-user");
    dir.write("override.json", R"({"schema": "httpsleuth.kb.symptom/1", "id": "chunked-post-reset",
                                   "parameters": {"min_chunked_posts": 10}})");
    dir.write("sub/client-reset.json", R"({
      "schema": "httpsleuth.kb.symptom/1", "id": "client-reset-burst", "title": "Clients reset before dispatch",
      "severity": "warning", "summary": "Client_Reset lines.", "evidence": {"httperr": "Client_Reset"},
      "remediation": [{"kind": "info", "text": "Check the load balancer."}],
      "detector": "httperr-reasons", "httperr_reasons": ["Client_Reset"]})");
    std::vector<kb::LoadProblem> problems;
    const kb::KnowledgeBase base = kb::loadKnowledgeBase({dir.path()}, problems);
    for (const auto &p : problems)
        INFO(p.path << ": " << p.message);
    REQUIRE(problems.empty());
    const kb::SymptomEntry *chunked = base.symptom("chunked-post-reset");
    REQUIRE(chunked);
    CHECK(chunked->param("min_chunked_posts", 0) == 10);
    CHECK(chunked->param("min_w3c_posts", 0) == 1000); // untouched members stay
    CHECK(chunked->title.find("KB967853") != std::string::npos);
    REQUIRE(base.symptom("client-reset-burst"));
    CHECK(base.symptoms().size() == 22);

    // The override changes detection: a reset after 20 chunked POSTs now matches.
    kb::Sample s;
    s.capture = {"conn 10.0.0.7:51515 -> 10.0.0.50:80 at=2026-11-21T10:00:00Z",
                 "tx POST /ingest HTTP/1.1 chunked at=0.1 status=200@0.11 repeat=20 every=0.02",
                 "tx POST /ingest HTTP/1.1 chunked at=1.0 body=1.001 incomplete", "rst server 1.01"};
    s.httperr = test::httpErrHeader();
    s.httperr.push_back("2026-11-21 10:00:01 10.0.0.9 50000 10.0.0.50 80 - - - - - Client_Reset -");
    std::string error;
    auto a = kb::buildSampleAnalysis(s, error);
    REQUIRE(a);
    CancelToken cancel;
    kb::diagnose(*a, base, {}, cancel);
    INFO(test::describeFindings(*a));
    CHECK(test::findingById(*a, "chunked-post-reset"));
    const Finding *custom = test::findingById(*a, "client-reset-burst");
    REQUIRE(custom);
    CHECK(custom->count == 1);
    CHECK(custom->title == "Clients reset before dispatch");
}

TEST_CASE("bad user files are reported with their path and the reason")
{
    test::TempDir dir("kb-bad");
    dir.write("a-syntax.json", "{\n  \"schema\": \"httpsleuth.kb.symptom/1\",\n  \"id\": \n}");
    dir.write("b-typo.json", R"({"schema": "httpsleuth.kb.symptom/1", "id": "kb898708", "remedation": []})");
    dir.write("c-no-detector.json", R"({
      "schema": "httpsleuth.kb.symptom/1", "id": "my-new-id", "title": "t", "severity": "warning",
      "summary": "s", "evidence": {"capture": "x"}, "remediation": [{"kind": "info", "text": "t"}]})");
    dir.write("d-bad-sample.json", R"({"schema": "httpsleuth.kb.symptom/1", "id": "expect-without-body",
      "samples": {"matches": [{"name": "bad", "capture": ["conn 10.0.0.1:1 -> 10.0.0.2:80 at=2026-11-21T10:00:00Z",
                                                           "tx GET / HTTP/1.1 stauts=200@0.1"]}]}})");
    dir.write("e-schema.json", R"({"schema": "something/else"})");
    dir.write("f-kind.json", R"({"schema": "httpsleuth.kb.symptom/1", "id": "kb898708",
      "remediation": [{"kind": "prayer", "text": "hope"}]})");
    std::vector<kb::LoadProblem> problems;
    const kb::KnowledgeBase base = kb::loadKnowledgeBase({dir.path()}, problems);
    const auto problemFor = [&](std::string_view file) -> std::string {
        for (const auto &p : problems)
            if (p.path.size() >= file.size() && p.path.substr(p.path.size() - file.size()) == file)
                return p.message;
        return {};
    };
    CHECK(contains(problemFor("a-syntax.json"), "line 4"));
    CHECK(contains(problemFor("b-typo.json"), "remedation: unknown member"));
    CHECK(contains(problemFor("c-no-detector.json"), "no built-in detector for 'my-new-id'"));
    CHECK(contains(problemFor("d-bad-sample.json"), "samples.matches[0].capture[1]"));
    CHECK(contains(problemFor("d-bad-sample.json"), "stauts"));
    CHECK(contains(problemFor("e-schema.json"), "schema 'something/else'"));
    CHECK(contains(problemFor("f-kind.json"), "'prayer'"));
    // Refused overrides leave the built-in entries as they were.
    REQUIRE(base.symptom("kb898708"));
    CHECK(base.symptom("kb898708")->remediation.size() == test::builtinKb().symptom("kb898708")->remediation.size());
    CHECK_FALSE(base.symptom("my-new-id"));
    CHECK(base.symptoms().size() == 21);

    std::vector<kb::LoadProblem> missing;
    kb::loadKnowledgeBase({dir.path() / "nope"}, missing);
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].message == "not a folder");
}
