// SPDX-License-Identifier: MIT
// expect-100-client-wait: the client sent Expect: 100-continue, no 100 came, and after its own
// timeout it sent the body anyway. The gap between the header block and the first body byte is the
// client's Expect timeout — 1 s for curl/libcurl and .NET's SocketsHttpHandler, 350 ms for .NET
// Framework's HttpWebRequest — so the gap plus the User-Agent name the client and how to turn the
// wait off (the knowledge base's client_profiles). The server or a proxy not sending 100 is the
// cause; every upload pays the wait.
#include "formats/text_scan.h"
#include "kb/detectors/common.h"
#include "kb/detectors/detectors.h"
#include "kb/evidence.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace hs::kb {
namespace {

bool containsNoCase(std::string_view hay, std::string_view needle)
{
    if (needle.empty() || needle.size() > hay.size())
        return false;
    for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i)
        if (text::equalsNoCase(hay.substr(i, needle.size()), needle))
            return true;
    return false;
}

struct Group {
    std::string label;
    std::vector<const ClientWaitProfile *> profiles;
    bool identified = false; // timing and User-Agent agree
    HitCollector hits;
};

class Expect100ClientWait final : public Detector {
public:
    using Detector::Detector;

    void onConnection(DetectContext &ctx, const Connection *, std::span<const Transaction> txs) override
    {
        const auto minWait = static_cast<TimeUs>(entry().param("min_wait_ms", 200) * kUsPerMs);
        for (const Transaction &t : txs) {
            // Non-lowercase spellings are expect-100-case-mismatch's: HTTP.sys did not recognise them.
            if (!t.expectsContinue() || !isLowercaseContinue(ctx.str(t.request.expect)) || !hasRequestBody(t))
                continue;
            if (t.requestBodyFirstTime == kNoTime || t.requestHeadEndTime == kNoTime)
                continue;
            const TimeUs wait = t.requestBodyFirstTime - t.requestHeadEndTime;
            if (wait < minWait)
                continue;
            bool answered = false; // a 100 or a final status before the body: the server did answer
            for (const auto &in : t.interims)
                answered |= in.time <= t.requestBodyFirstTime;
            answered |= t.hasResponse && t.responseTime <= t.requestBodyFirstTime;
            if (answered)
                continue;
            Group &g = classify(ctx, t, wait);
            g.hits.add(ctx, t, t.requestBodyFirstFrame, t.requestBodyFirstTime, [&] {
                return requestText(ctx, t) + ": Expect: 100-continue, no 100 Continue; body sent after " +
                       millis(wait) + " (User-Agent: " + userAgentText(ctx, t.request.userAgent) + ")";
            });
        }
    }

    void finish(DetectContext &ctx, std::vector<Finding> &out) override
    {
        if (groups_.empty())
            return;
        FindingBuilder b(entry());
        std::uint64_t total = 0, w3c = 0;
        bool anyIdentified = false, anyTimingMatch = false;
        std::string summary;
        std::vector<const ClientWaitProfile *> advised;
        for (auto &[label, g] : groups_) {
            g.hits.cite(ctx, b, false);
            total += g.hits.count();
            w3c += g.hits.w3cMatched();
            anyIdentified |= g.identified;
            anyTimingMatch |= !g.profiles.empty();
            summary +=
                (summary.empty() ? "" : " ") + std::to_string(g.hits.count()) + " request(s) from " + g.label + ".";
            for (const ClientWaitProfile *p : g.profiles)
                if (std::find(advised.begin(), advised.end(), p) == advised.end())
                    advised.push_back(p);
        }
        // Most specific advice first: the clients seen, in the order the entry lists them.
        const auto rank = [&](const ClientWaitProfile *p) { return p - entry().clientProfiles.data(); };
        std::sort(advised.begin(), advised.end(),
                  [&](const ClientWaitProfile *x, const ClientWaitProfile *y) { return rank(x) < rank(y); });
        for (auto it = advised.rbegin(); it != advised.rend(); ++it)
            b.prependRemediation(Remediation{"client", (*it)->name + ": " + (*it)->turnOff, {}});
        b.setCount(total);
        if (anyIdentified)
            b.setConfidence(Confidence::High, "the wait matches the client's documented Expect timeout and its "
                                              "User-Agent names it");
        else if (anyTimingMatch || w3c)
            b.setConfidence(Confidence::Medium, "the wait matches a known client's Expect timeout; the User-Agent does "
                                                "not confirm which client");
        else {
            b.setConfidence(Confidence::Low, "the client waited without a 100, but the wait matches no known client's "
                                             "timeout");
            b.setSeverity(Severity::Info);
        }
        b.setSummary(summary + " Each sent Expect: 100-continue, got no 100 Continue, and held the body back until "
                               "its own timeout. The server or a proxy in between does not answer the expectation; "
                               "the wait is added to every such upload.");
        out.push_back(b.take());
    }

private:
    Group &classify(const DetectContext &ctx, const Transaction &t, TimeUs wait)
    {
        const std::string_view ua = ctx.str(t.request.userAgent);
        const double waitMs = static_cast<double>(wait) / static_cast<double>(kUsPerMs);
        std::vector<const ClientWaitProfile *> timing;
        const ClientWaitProfile *identified = nullptr;
        for (const ClientWaitProfile &p : entry().clientProfiles) {
            if (std::fabs(waitMs - p.waitMs) > p.toleranceMs)
                continue;
            timing.push_back(&p);
            bool uaMatch = p.emptyUserAgent && ua.empty();
            for (const auto &s : p.userAgents)
                uaMatch |= containsNoCase(ua, s);
            if (uaMatch && !identified)
                identified = &p;
        }
        std::string label;
        std::vector<const ClientWaitProfile *> profiles;
        if (identified) {
            label = identified->name + " (waits " + millis(static_cast<TimeUs>(identified->waitMs * kUsPerMs)) + ")";
            profiles = {identified};
        } else if (!timing.empty()) {
            for (const auto *p : timing)
                label += (label.empty() ? "" : " or ") + p->name;
            label = "a client whose wait matches " + label + " (" + millis(wait) + "; User-Agent " +
                    userAgentText(ctx, t.request.userAgent) + ")";
            profiles = timing;
        } else {
            const TimeUs rounded = (wait + 50 * kUsPerMs) / (100 * kUsPerMs) * (100 * kUsPerMs);
            label = "an unidentified client waiting about " + millis(rounded) + " (User-Agent " +
                    userAgentText(ctx, t.request.userAgent) + ")";
        }
        constexpr std::size_t kMaxGroups = 16; // many distinct User-Agents must not explode the summary
        if (groups_.size() >= kMaxGroups && !groups_.count(label)) {
            label = "other clients";
            profiles.clear();
            identified = nullptr;
        }
        auto [it, inserted] = groups_.try_emplace(label);
        if (inserted) {
            it->second.label = label;
            it->second.profiles = profiles;
            it->second.identified = identified != nullptr;
        }
        return it->second;
    }

    std::map<std::string, Group> groups_;
};

} // namespace

std::unique_ptr<Detector> makeExpect100ClientWait(const SymptomEntry &entry)
{
    return std::make_unique<Expect100ClientWait>(entry);
}

} // namespace hs::kb
