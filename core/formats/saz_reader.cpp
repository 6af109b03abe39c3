// SPDX-License-Identifier: MIT
// Reading order: extract the raw/ members (with limits, so a bomb is a problem and not an
// out-of-memory kill), read each session's _m.xml, group sessions into connections by their socket
// flags, order the connections by first time, then run one HttpConversation per connection over
// its sessions in time order. The HTTP/1.x parsing is the capture parser's: a SAZ holds the same
// bytes a capture would, minus TCP.
#include "formats/saz_reader.h"

#include "capture/http/http_conversation.h"
#include "formats/exports/saz_session.h"
#include "formats/exports/saz_timeline.h"
#include "formats/exports/url_parts.h"
#include "formats/text_scan.h"
#include "model/string_pool.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"

#include <algorithm>
#include <map>
#include <set>

namespace hs {
namespace {

struct Session {
    std::uint64_t number = 0; // the NN of raw/NN_*.txt: the frame number of everything it holds
    std::vector<char> request, response, metadata;
    std::string metadataPath; // as named in the archive ("raw/01_m.xml"), for messages
    bool hasRequest = false, hasResponse = false, hasMetadata = false;
    bool metadataDamaged = false; // already reported as an archive problem
    SazMetadata meta;
    SazTimeline times;
    std::string_view requestView() const { return {request.data(), request.size()}; }
    std::string_view responseView() const { return {response.data(), response.size()}; }
};

bool earlier(TimeUs a, std::uint64_t na, TimeUs b, std::uint64_t nb) noexcept
{
    if (a != b) {
        if (a == kNoTime)
            return false;
        if (b == kNoTime)
            return true;
        return a < b;
    }
    return na < nb;
}

// Sessions on the same pair of sockets share a connection; without socket flags a session stands
// alone (reuse cannot be told). So does a CONNECT: Fiddler files the requests it decrypts from a
// tunnel under the tunnel's client socket, but after a CONNECT the parser takes the rest of a
// connection as tunnelled bytes.
std::string groupKey(const Session &s)
{
    const SazMetadata &m = s.meta;
    const bool tunnel = (m.bitFlags & (kSazIsBlindTunnel | kSazIsDecryptingTunnel)) != 0 ||
                        text::startsWith(s.requestView(), "CONNECT ");
    if (tunnel || (m.client.port == 0 && m.egressPort == 0))
        return {};
    return m.client.ip.toString() + "|" + std::to_string(m.client.port) + "|" + m.serverIp.toString() + "|" +
           std::to_string(m.egressPort);
}

// The server port: from an absolute request target, the CONNECT authority or the Host header.
std::uint16_t serverPort(std::string_view method, std::string_view target, std::string_view host, bool https)
{
    const std::string_view scheme = https ? "https://" : "http://";
    if (text::startsWithNoCase(target, "http://") || text::startsWithNoCase(target, "https://"))
        return splitUrl(target).port;
    const std::string authority(text::equalsNoCase(method, "CONNECT") ? target : host);
    if (authority.empty())
        return https ? 443 : 80;
    const UrlParts parts = splitUrl(std::string(scheme) + authority + "/");
    return parts.valid ? parts.port : static_cast<std::uint16_t>(https ? 443 : 80);
}

class SazRead {
public:
    SazRead(ReadContext &ctx, const ExpandLimits &limits)
        : ctx_(ctx), src_(ctx.source), limits_(limits), cache_(ctx.strings)
    {
        src_.capture = std::make_unique<CaptureData>();
    }

    void run()
    {
        if (!extract()) {
            finish(false);
            return;
        }
        readMetadata();
        buildConnections();
        finish(completed_ && !ctx_.cancel.stopRequested());
    }

private:
    void problem(ProblemLevel level, std::string category, std::uint64_t frame, std::string message)
    {
        src_.problems.add(Problem{0, Problem::kNoOffset, frame, level, std::move(category), std::move(message)});
    }

    bool extract()
    {
        std::vector<std::string> problems;
        const bool ok = extractArchive(
            src_.bytes.view(),
            [](std::string_view path) {
                std::uint64_t n = 0;
                SazPart part = SazPart::Metadata;
                return parseSazMemberName(path, n, part);
            },
            [&](ArchiveMember &&m) {
                std::uint64_t n = 0;
                SazPart part = SazPart::Metadata;
                if (!parseSazMemberName(m.path, n, part))
                    return;
                Session &s = sessions_[n];
                s.number = n;
                if (!m.complete) {
                    problem(ProblemLevel::Warning, "archive", n, m.path + ": " + m.problem);
                    completed_ = false;
                }
                switch (part) {
                case SazPart::Request:
                    s.request = std::move(m.bytes);
                    s.hasRequest = true;
                    break;
                case SazPart::Response:
                    s.response = std::move(m.bytes);
                    s.hasResponse = true;
                    break;
                case SazPart::Metadata:
                    s.metadata = std::move(m.bytes);
                    s.metadataPath = std::move(m.path);
                    s.hasMetadata = true;
                    s.metadataDamaged = !m.complete;
                    break;
                }
            },
            problems, limits_);
        for (const std::string &p : problems) {
            problem(sessions_.empty() ? ProblemLevel::Error : ProblemLevel::Warning, "archive", 0, p);
            completed_ = false;
        }
        ctx_.progress.addBytes(src_.bytes.size());
        if (!ok && sessions_.empty()) {
            if (problems.empty())
                problem(ProblemLevel::Error, "archive", 0, "not a readable zip archive");
            return false;
        }
        if (sessions_.empty())
            problem(ProblemLevel::Error, "archive", 0, "the archive holds no raw/NN_c.txt sessions");
        return true;
    }

    void readMetadata()
    {
        for (auto &[n, s] : sessions_) {
            if (s.hasMetadata) {
                s.meta = parseSazMetadata({s.metadata.data(), s.metadata.size()});
                if (!s.meta.xmlError.empty() && !s.metadataDamaged)
                    problem(ProblemLevel::Warning, "session-metadata", n,
                            s.metadataPath + " is not well-formed XML (" + s.meta.xmlError +
                                "); what came before the error is used");
                for (const std::string &bad : s.meta.bad)
                    problem(ProblemLevel::Note, "session-metadata", n, s.metadataPath + ": unreadable value " + bad);
                if (s.meta.bitFlags & kSazResponseGeneratedByFiddler)
                    problem(ProblemLevel::Note, "fiddler-response", n,
                            "session " + std::to_string(n) + ": the response was generated by Fiddler, not the server");
                if (!s.meta.process.empty())
                    processes_.insert(s.meta.process);
                s.metadata.clear();
                s.metadata.shrink_to_fit();
            } else {
                problem(ProblemLevel::Note, "session-metadata", n,
                        "session " + std::to_string(n) + " has no _m.xml: its times and endpoints are unknown");
            }
            s.times = sazTimeline(s.meta);
            if (!s.hasRequest)
                problem(ProblemLevel::Warning, "missing-member", n,
                        "session " + std::to_string(n) + " has no _c.txt (request): skipped");
            else if (!s.hasResponse)
                problem(ProblemLevel::Note, "missing-member", n,
                        "session " + std::to_string(n) + " has no _s.txt: no response was saved");
        }
    }

    void buildConnections()
    {
        CaptureData &cap = *src_.capture;
        cap.packets = sessions_.size();
        // Group, then order: sessions by request time, connections by their first time.
        std::vector<std::vector<Session *>> groups;
        std::map<std::string, std::size_t> byKey;
        for (auto &[n, s] : sessions_) {
            if (!s.hasRequest)
                continue;
            const std::string key = groupKey(s);
            if (key.empty()) {
                groups.push_back({&s});
                continue;
            }
            const auto [it, inserted] = byKey.emplace(key, groups.size());
            if (inserted)
                groups.emplace_back();
            groups[it->second].push_back(&s);
        }
        for (auto &g : groups)
            std::stable_sort(g.begin(), g.end(), [](const Session *a, const Session *b) {
                return earlier(a->times.requestStart, a->number, b->times.requestStart, b->number);
            });
        auto groupFirst = [](const std::vector<Session *> &g) {
            TimeUs t = kNoTime;
            std::uint64_t n = ~std::uint64_t{0};
            for (const Session *s : g)
                if (earlier(s->times.first(), s->number, t, n)) {
                    t = s->times.first();
                    n = s->number;
                }
            return std::pair{t, n};
        };
        std::vector<std::pair<TimeUs, std::uint64_t>> firsts;
        for (const auto &g : groups)
            firsts.push_back(groupFirst(g));
        std::vector<std::size_t> order(groups.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return earlier(firsts[a].first, firsts[a].second, firsts[b].first, firsts[b].second);
        });

        // Conversations hold references to their Connection: the vector must not move.
        cap.connections.resize(groups.size());
        HttpConversationOptions options;
        options.headArenaBudget = ctx_.options.headArenaBudget;
        options.internCache = &cache_;
        for (std::size_t k = 0; k < order.size(); ++k) {
            if (ctx_.cancel.stopRequested()) {
                cap.connections.resize(k);
                problem(ProblemLevel::Note, "stopped", 0,
                        "reading was stopped after " + std::to_string(k) + " of " + std::to_string(groups.size()) +
                            " connections");
                return;
            }
            runConnection(groups[order[k]], static_cast<std::uint32_t>(k), firsts[order[k]].first, options);
        }
    }

    void runConnection(const std::vector<Session *> &sessions, std::uint32_t index, TimeUs firstTime,
                       const HttpConversationOptions &options)
    {
        CaptureData &cap = *src_.capture;
        Connection &c = cap.connections[index];
        const Session &head = *sessions.front();
        c.client = head.meta.client;
        c.server.ip = head.meta.serverIp;
        c.harConnection = head.meta.egressPort;
        c.firstTime = firstTime;
        c.firstFrame = head.number;
        {
            HttpConversation conversation(ctx_.strings, cap, c, index, options);
            for (const Session *s : sessions) {
                feedSazSession(conversation, s->requestView(), s->responseView(), s->times, s->number);
                c.payloadBytes[kToServer] += s->request.size();
                c.payloadBytes[kToClient] += s->response.size();
                c.firstFrame = std::min(c.firstFrame, s->number);
                c.lastFrame = std::max(c.lastFrame, s->number);
                const TimeUs last = s->times.last();
                if (last != kNoTime && (c.lastTime == kNoTime || last > c.lastTime))
                    c.lastTime = last;
            }
            conversation.finish(c.lastTime);
        }
        if (c.transactionCount > 0) {
            const Transaction &t = cap.transactions[c.firstTransaction];
            const StringPool &pool = ctx_.strings;
            c.server.port = serverPort(pool.view(t.method), pool.view(t.target), pool.view(t.request.host),
                                       (head.meta.bitFlags & kSazIsHttps) != 0);
        }
        src_.widenTimeRange(c.firstTime);
        src_.widenTimeRange(c.lastTime);
    }

    void finish(bool completed)
    {
        CaptureData &cap = *src_.capture;
        // Counted here from the transactions, whatever the conversations counted on the way.
        cap.httpRequests = cap.httpResponses = cap.httpInterim = 0;
        for (const Transaction &t : cap.transactions) {
            cap.httpRequests += t.hasRequest ? 1 : 0;
            cap.httpResponses += t.hasResponse ? 1 : 0;
            cap.httpInterim += t.interims.size();
        }
        src_.records = cap.transactions.size();
        cap.application = "Fiddler";
        if (!processes_.empty()) {
            cap.application += " (client: ";
            std::size_t listed = 0;
            for (const std::string &p : processes_) {
                if (listed++ == 3) {
                    cap.application += ", …";
                    break;
                }
                cap.application += (listed > 1 ? ", " : "") + p;
            }
            cap.application += ")";
        }
        src_.formatVariant =
            "Fiddler SAZ, " + std::to_string(cap.packets) + (cap.packets == 1 ? " session" : " sessions");
        src_.readCompleted = completed;
        src_.problems.sortByLocation();
    }

    ReadContext &ctx_;
    Source &src_;
    const ExpandLimits &limits_;
    InternCache cache_;
    std::map<std::uint64_t, Session> sessions_;
    std::set<std::string> processes_;
    bool completed_ = true;
};

} // namespace

ExpandLimits SazReader::defaultLimits() noexcept
{
    ExpandLimits l;
    l.maxMemberBytes = 1ull << 30; // one session's request or response
    l.maxTotalBytes = 4ull << 30;
    l.maxRatio = 200; // text compresses 5-20x; zeros 1000x
    l.ratioFloor = 64ull << 20;
    l.maxMembers = 300000; // 100,000 sessions of three members
    return l;
}

std::string_view SazReader::recognisedBy() const
{
    return "zip archive (\"PK\" magic) whose members include raw/NN_c.txt (Fiddler session archive)";
}

SniffResult SazReader::sniff(const SniffInput &input) const
{
    if (!isZip(input.head))
        return SniffResult::notMine("no zip magic");
    if (zipHeadHasSazRequest(input.head))
        return SniffResult::mine(100, "zip with raw/NN_c.txt members");
    return SniffResult::notMine("zip archive without raw/NN_c.txt members in its first bytes");
}

void SazReader::read(ReadContext &ctx) const
{
    SazRead(ctx, limits_).run();
}

} // namespace hs
