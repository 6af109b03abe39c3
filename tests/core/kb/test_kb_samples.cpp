// SPDX-License-Identifier: MIT
// Every knowledge-base entry ships samples (STYLE practice 10): each `matches` sample must make the
// entry's detector report the entry's id with what the sample expects; each `non_matches` sample (a
// near miss) must not. The entries cannot ship with samples that fail.
#include "formats/text_scan.h"
#include "kb_test_support.h"
#include "support/catch.h"

#include <algorithm>

using namespace hs;

namespace {

bool textMentions(const Finding &f, const std::string &needle)
{
    if (f.summary.find(needle) != std::string::npos || f.title.find(needle) != std::string::npos ||
        f.confidenceReason.find(needle) != std::string::npos)
        return true;
    for (const auto &e : f.evidence)
        if (e.text.find(needle) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST_CASE("every built-in entry's matching samples produce its finding")
{
    const auto &kb = test::builtinKb();
    for (const auto &entry : kb.symptoms()) {
        for (const auto &sample : entry.matches) {
            INFO(entry.id << " / " << sample.name);
            std::string error;
            const auto a = test::diagnoseSample(sample, error);
            INFO("build error: " << error);
            REQUIRE(a);
            for (const auto &src : a->sources)
                INFO(src->path << ": " << src->records << " records, " << src->problems.total() << " problems");
            INFO("findings: " << test::describeFindings(*a));
            const auto found = test::findingsById(*a, entry.id);
            REQUIRE_FALSE(found.empty());
            const Finding &f = *found.front();
            CHECK(f.title.size() > 0);
            CHECK_FALSE(f.remediation.empty());
            CHECK_FALSE(f.evidence.empty());
            CHECK_FALSE(f.confidenceReason.empty());
            const auto &x = sample.expect;
            if (x.confidence)
                CHECK(toString(f.confidence) == toString(*x.confidence));
            if (x.severity)
                CHECK(toString(f.severity) == toString(*x.severity));
            if (x.count)
                CHECK(f.count == *x.count);
            for (const auto &key : x.connections) {
                INFO("connection " << key);
                CHECK(std::find(f.connections.begin(), f.connections.end(), key) != f.connections.end());
            }
            for (const auto &needle : x.textContains) {
                INFO("text '" << needle << "' in: " << f.summary);
                CHECK(textMentions(f, needle));
            }
            for (const auto &kind : x.evidenceFrom) {
                INFO("evidence from " << kind);
                CHECK(std::any_of(f.evidence.begin(), f.evidence.end(),
                                  [&](const Evidence &e) { return test::evidenceKind(*a, e) == kind; }));
            }
            for (const auto &e : f.evidence) {
                // Log evidence cites a line, capture evidence a frame (ARCHITECTURE §6).
                const std::string kind = test::evidenceKind(*a, e);
                if (kind == "capture")
                    CHECK(e.frame > 0);
                else
                    CHECK(e.line > 0);
                CHECK_FALSE(e.text.empty());
            }
        }
    }
}

TEST_CASE("no built-in entry's near-miss samples produce its finding")
{
    const auto &kb = test::builtinKb();
    for (const auto &entry : kb.symptoms()) {
        for (const auto &sample : entry.nonMatches) {
            INFO(entry.id << " / " << sample.name);
            std::string error;
            const auto a = test::diagnoseSample(sample, error);
            INFO("build error: " << error);
            REQUIRE(a);
            INFO("findings: " << test::describeFindings(*a));
            CHECK(test::findingsById(*a, entry.id).empty());
        }
    }
}
