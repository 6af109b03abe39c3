// SPDX-License-Identifier: MIT
#include "kb/samples/capture_script.h"

#include "formats/text_scan.h"
#include "kb/status_text.h"
#include "model/ip_address.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

namespace hs::kb {
namespace {

// Splits on spaces and tabs; a double-quoted part (ua="curl/8.0 (x86)") keeps its spaces and
// loses its quotes.
std::vector<std::string> tokenize(std::string_view line)
{
    std::vector<std::string> tokens;
    std::string current;
    bool inQuotes = false, any = false;
    for (const char c : line) {
        if (c == '"') {
            inQuotes = !inQuotes;
            any = true;
            continue;
        }
        if (!inQuotes && (c == ' ' || c == '\t' || c == '\r')) {
            if (any)
                tokens.push_back(std::move(current));
            current.clear();
            any = false;
            continue;
        }
        current += c;
        any = true;
    }
    if (any)
        tokens.push_back(std::move(current));
    return tokens;
}

bool parseSecondsValue(std::string_view s, double &out)
{
    if (s.empty())
        return false;
    const char *end = s.data() + s.size();
    const auto r = std::from_chars(s.data(), end, out);
    return r.ec == std::errc() && r.ptr == end && std::isfinite(out);
}

template <typename T>
bool parseCount(std::string_view s, T &out)
{
    return text::parseUnsigned(s, out);
}

struct Parser {
    ScriptError &error;
    std::size_t lineNo = 0;

    bool fail(std::string message)
    {
        error.line = lineNo;
        error.message = std::move(message);
        return false;
    }

    bool seconds(std::string_view key, std::string_view v, double &out)
    {
        if (!parseSecondsValue(v, out))
            return fail(std::string(key) + ": '" + std::string(v) + "' is not a number of seconds");
        return true;
    }

    bool optSeconds(std::string_view key, std::string_view v, std::optional<double> &out)
    {
        double d = 0;
        if (!seconds(key, v, d))
            return false;
        out = d;
        return true;
    }

    bool source(const std::vector<std::string> &t, CaptureScript &script)
    {
        if (t.size() < 2)
            return fail("source: needs a file name");
        ScriptSource s;
        s.name = t[1];
        for (std::size_t i = 2; i < t.size(); ++i) {
            const std::string_view tok = t[i];
            const auto eq = tok.find('=');
            const std::string_view key = tok.substr(0, eq),
                                   value = eq == std::string_view::npos ? "" : tok.substr(eq + 1);
            if (key == "skew") {
                if (!seconds(key, value, s.skew))
                    return false;
            } else if (key == "format") {
                if (value == "pcap")
                    s.format = FormatId::Pcap;
                else if (value == "pcapng")
                    s.format = FormatId::Pcapng;
                else if (value == "har")
                    s.format = FormatId::Har;
                else if (value == "saz")
                    s.format = FormatId::Saz;
                else
                    return fail("source: unknown format '" + std::string(value) + "'");
            } else {
                return fail("source: unknown attribute '" + std::string(tok) + "'");
            }
        }
        script.sources.push_back(std::move(s));
        return true;
    }

    bool conn(const std::vector<std::string> &t, CaptureScript &script)
    {
        if (t.size() < 4 || t[2] != "->")
            return fail("conn: expected 'conn CLIENT:PORT -> SERVER:PORT at=TIME'");
        if (script.sources.empty())
            script.sources.emplace_back();
        ScriptConnection c;
        c.client = t[1];
        c.server = t[3];
        for (std::size_t i = 4; i < t.size(); ++i) {
            const std::string_view tok = t[i];
            if (tok == "midstream")
                c.midstream = true;
            else if (text::startsWith(tok, "at="))
                c.at = std::string(tok.substr(3));
            else
                return fail("conn: unknown attribute '" + std::string(tok) + "'");
        }
        if (c.at.empty())
            return fail("conn: needs at=TIME (ISO 8601)");
        script.sources.back().connections.push_back(std::move(c));
        return true;
    }

    bool statusAt(std::string_view key, std::string_view v, std::uint16_t &status, double &at)
    {
        const auto atSign = v.find('@');
        if (atSign == std::string_view::npos)
            return fail(std::string(key) + ": expected CODE@SECONDS, not '" + std::string(v) + "'");
        if (!parseCount(v.substr(0, atSign), status) || status < 100 || status > 999)
            return fail(std::string(key) + ": '" + std::string(v.substr(0, atSign)) + "' is not a status code");
        return seconds(key, v.substr(atSign + 1), at);
    }

    bool tx(const std::vector<std::string> &t, CaptureScript &script)
    {
        if (script.sources.empty() || script.sources.back().connections.empty())
            return fail("tx: no 'conn' before it");
        if (t.size() < 4)
            return fail("tx: expected 'tx METHOD TARGET VERSION ...'");
        ScriptTransaction x;
        x.line = lineNo;
        x.method = t[1];
        x.target = t[2];
        x.version = t[3];
        for (std::size_t i = 4; i < t.size(); ++i) {
            const std::string_view tok = t[i];
            const auto eq = tok.find('=');
            if (eq == std::string_view::npos) {
                if (tok == "chunked")
                    x.chunked = true;
                else if (tok == "incomplete")
                    x.incomplete = true;
                else if (tok == "rchunked")
                    x.responseChunked = true;
                else if (tok.find('@') != std::string_view::npos) {
                    ScriptInterim in;
                    if (!statusAt("interim", tok, in.status, in.at))
                        return false;
                    if (in.status >= 200)
                        return fail("interim: " + std::string(tok) + " is not a 1xx status (use status=)");
                    x.interims.push_back(in);
                } else
                    return fail("tx: unknown flag '" + std::string(tok) + "'");
                continue;
            }
            const std::string_view key = tok.substr(0, eq), v = tok.substr(eq + 1);
            bool ok = true;
            if (key == "at")
                ok = optSeconds(key, v, x.at);
            else if (key == "head")
                ok = optSeconds(key, v, x.head);
            else if (key == "body") {
                const auto dots = v.find("..");
                ok = optSeconds(key, v.substr(0, dots), x.bodyFirst);
                if (ok && dots != std::string_view::npos)
                    ok = optSeconds(key, v.substr(dots + 2), x.bodyLast);
            } else if (key == "len") {
                std::uint64_t n = 0;
                ok = parseCount(v, n) ? true : fail("len: not a byte count");
                x.contentLength = static_cast<std::int64_t>(n);
            } else if (key == "rlen") {
                std::uint64_t n = 0;
                ok = parseCount(v, n) ? true : fail("rlen: not a byte count");
                x.responseLength = static_cast<std::int64_t>(n);
            } else if (key == "headbytes")
                ok = parseCount(v, x.headerBytes) ? true : fail("headbytes: not a byte count");
            else if (key == "expect")
                x.expect = v;
            else if (key == "ua")
                x.userAgent = v;
            else if (key == "host")
                x.host = v;
            else if (key == "connection")
                x.connection = v;
            else if (key == "te")
                x.transferEncoding = v;
            else if (key == "via")
                x.via = v;
            else if (key == "status")
                ok = statusAt(key, v, x.status, x.statusAt) &&
                     (x.status >= 200 || fail("status: " + std::string(v) + " is interim; write it as a flag"));
            else if (key == "end")
                ok = optSeconds(key, v, x.responseEnd);
            else if (key == "server")
                x.server = v;
            else if (key == "rconnection")
                x.responseConnection = v;
            else if (key == "rvia")
                x.responseVia = v;
            else if (key == "reason")
                x.reason = v;
            else if (key == "repeat")
                ok = (parseCount(v, x.repeat) && x.repeat >= 1 && x.repeat <= 100000)
                         ? true
                         : fail("repeat: expected 1..100000");
            else if (key == "every")
                ok = seconds(key, v, x.every);
            else
                ok = fail("tx: unknown key '" + std::string(key) + "'");
            if (!ok)
                return false;
        }
        if (x.repeat > 1 && x.every <= 0)
            return fail("repeat: needs every=SECONDS > 0");
        script.sources.back().connections.back().transactions.push_back(std::move(x));
        return true;
    }

    bool event(const std::vector<std::string> &t, CaptureScript &script)
    {
        if (script.sources.empty() || script.sources.back().connections.empty())
            return fail(t[0] + ": no 'conn' before it");
        if (t.size() != 3 || (t[1] != "client" && t[1] != "server"))
            return fail(t[0] + ": expected '" + t[0] + " client|server SECONDS'");
        ScriptEvent e;
        e.rst = t[0] == "rst";
        e.by = t[1] == "client" ? Peer::Client : Peer::Server;
        if (!seconds(t[0], t[2], e.at))
            return false;
        script.sources.back().connections.back().events.push_back(e);
        return true;
    }
};

std::optional<Endpoint> parseEndpoint(std::string_view text)
{
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon + 1 >= text.size())
        return std::nullopt;
    std::string_view host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const auto ip = parseIp(host);
    std::uint16_t port = 0;
    if (!ip || !text::parseUnsigned(text.substr(colon + 1), port) || port == 0)
        return std::nullopt;
    return Endpoint{ip->address, port};
}

TimeUs offsetUs(double seconds)
{
    return static_cast<TimeUs>(std::llround(seconds * static_cast<double>(kUsPerSecond)));
}

} // namespace

std::optional<CaptureScript> parseCaptureScript(const std::vector<std::string> &lines, ScriptError &error)
{
    CaptureScript script;
    Parser p{error};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        p.lineNo = i;
        std::string_view line = lines[i];
        if (const auto hash = line.find('#'); hash != std::string_view::npos && (hash == 0 || line[hash - 1] == ' '))
            line = line.substr(0, hash);
        const auto t = tokenize(line);
        if (t.empty())
            continue;
        bool ok = false;
        if (t[0] == "source")
            ok = p.source(t, script);
        else if (t[0] == "conn")
            ok = p.conn(t, script);
        else if (t[0] == "tx")
            ok = p.tx(t, script);
        else if (t[0] == "fin" || t[0] == "rst")
            ok = p.event(t, script);
        else
            ok = p.fail("unknown statement '" + t[0] + "' (source, conn, tx, fin, rst)");
        if (!ok)
            return std::nullopt;
    }
    return script;
}

std::optional<CaptureData> buildCaptureData(const ScriptSource &source, StringPool &strings, ScriptError &error)
{
    CaptureData out;
    const TimeUs skew = offsetUs(source.skew);
    struct Stamp {
        TimeUs time;
        std::size_t order;
        std::uint64_t *frame;
        Peer from;
        std::size_t connection;
    };
    std::vector<Stamp> stamps;
    // Connection ids are indices into out.connections, so the vector is sized up front.
    out.connections.resize(source.connections.size());
    std::size_t totalTx = 0;
    for (const auto &c : source.connections)
        for (const auto &x : c.transactions)
            totalTx += x.repeat;
    out.transactions.reserve(totalTx);

    // Connections in start order (the CaptureData contract).
    std::vector<std::pair<TimeUs, std::size_t>> order;
    for (std::size_t i = 0; i < source.connections.size(); ++i) {
        const auto t = parseIso(source.connections[i].at);
        if (!t) {
            error.message = "conn: at='" + source.connections[i].at + "' is not an ISO 8601 time";
            return std::nullopt;
        }
        order.emplace_back(*t + skew, i);
    }
    std::stable_sort(order.begin(), order.end());

    for (std::size_t ci = 0; ci < order.size(); ++ci) {
        const ScriptConnection &sc = source.connections[order[ci].second];
        const TimeUs t0 = order[ci].first;
        Connection &conn = out.connections[ci];
        const auto client = parseEndpoint(sc.client), server = parseEndpoint(sc.server);
        if (!client || !server) {
            error.message = "conn: '" + (client ? sc.server : sc.client) + "' is not ADDRESS:PORT";
            return std::nullopt;
        }
        conn.id = ConnectionId(static_cast<std::uint32_t>(ci));
        conn.client = *client;
        conn.server = *server;
        conn.firstTime = conn.lastTime = t0;
        conn.midstream = sc.midstream;
        conn.sawSyn = conn.sawSynAck = !sc.midstream;
        conn.protocol = sc.transactions.empty() ? AppProtocol::Empty : AppProtocol::Http;
        conn.firstTransaction = static_cast<std::uint32_t>(out.transactions.size());
        if (!sc.midstream)
            stamps.push_back({t0, stamps.size(), &conn.firstFrame, Peer::Client, ci});
        const auto at = [&](double rel) { return t0 + offsetUs(rel); };

        TimeUs previousEnd = t0 + offsetUs(0.001);
        for (const ScriptTransaction &sx : sc.transactions) {
            for (std::uint32_t k = 0; k < sx.repeat; ++k) {
                const TimeUs shift = offsetUs(sx.every * k);
                Transaction t;
                t.id = TransactionId(static_cast<std::uint32_t>(out.transactions.size()));
                t.connection = conn.id;
                t.indexInConnection = conn.transactionCount++;
                t.hasRequest = true;
                t.method = strings.intern(sx.method);
                t.target = strings.intern(sx.target);
                t.requestVersion = parseHttpVersion(sx.version);
                t.request.expect = strings.intern(sx.expect);
                t.request.userAgent = strings.intern(sx.userAgent);
                t.request.host = strings.intern(sx.host);
                t.request.connection = strings.intern(sx.connection);
                t.request.via = strings.intern(sx.via);
                t.request.contentLength = sx.contentLength;
                std::string te = sx.transferEncoding;
                if (sx.chunked && te.empty())
                    te = "chunked";
                t.request.transferEncoding = strings.intern(te);
                const bool teChunked = !te.empty() && text::equalsNoCase(text::trim(te), "chunked");
                if (!te.empty() && !teChunked) {
                    t.requestFraming = BodyFraming::Unknown;
                    t.violations |= kViolationUnknownTransferCoding;
                } else if (teChunked && sx.contentLength >= 0) {
                    t.requestFraming = BodyFraming::ChunkedAndLength;
                    t.violations |= kViolationTeAndCl;
                } else if (teChunked) {
                    t.requestFraming = BodyFraming::Chunked;
                } else if (sx.contentLength > 0) {
                    t.requestFraming = BodyFraming::ContentLength;
                }
                const bool hasBody = t.requestFraming != BodyFraming::None;
                if (!sx.expect.empty() && !hasBody)
                    t.violations |= kViolationExpectWithoutBody;
                if (t.requestVersion == HttpVersion::Http10 && !te.empty())
                    t.violations |= kViolationTeInHttp10;

                t.requestTime = (sx.at ? at(*sx.at) : previousEnd) + shift;
                t.requestHeadEndTime = sx.head ? at(*sx.head) + shift : t.requestTime;
                if (hasBody && (sx.bodyFirst || !sx.incomplete)) {
                    t.requestBodyFirstTime = sx.bodyFirst ? at(*sx.bodyFirst) + shift : t.requestHeadEndTime;
                    t.requestBodyLastTime = sx.bodyLast ? at(*sx.bodyLast) + shift : t.requestBodyFirstTime;
                    t.requestBodyBytes = sx.contentLength > 0 ? static_cast<std::uint64_t>(sx.contentLength) : 0;
                    t.requestChunks = teChunked ? 1 : 0;
                }
                t.requestComplete = !sx.incomplete;
                if (sx.incomplete) {
                    t.violations |= kViolationTruncated;
                    t.requestBodyLastTime = sx.bodyLast ? t.requestBodyLastTime : kNoTime;
                }
                t.requestHeaderBytes = sx.headerBytes ? sx.headerBytes
                                                      : 40 + sx.method.size() + sx.target.size() + sx.userAgent.size() +
                                                            sx.expect.size() + sx.host.size();
                TimeUs last = std::max(t.requestHeadEndTime, t.requestBodyLastTime);

                if (sx.status) {
                    t.hasResponse = true;
                    t.status = sx.status;
                    t.reason = strings.intern(sx.reason.empty() ? standardReasonPhrase(sx.status) : sx.reason);
                    t.responseVersion = HttpVersion::Http11;
                    t.response.server = strings.intern(sx.server);
                    t.response.connection = strings.intern(sx.responseConnection);
                    t.response.via = strings.intern(sx.responseVia);
                    t.response.contentLength = sx.responseLength;
                    t.responseFraming = sx.responseChunked      ? BodyFraming::Chunked
                                        : sx.responseLength > 0 ? BodyFraming::ContentLength
                                                                : BodyFraming::None;
                    if (sx.responseChunked)
                        t.response.transferEncoding = strings.intern("chunked");
                    t.responseTime = at(sx.statusAt) + shift;
                    t.responseEndTime = sx.responseEnd ? at(*sx.responseEnd) + shift : t.responseTime;
                    t.responseComplete = true;
                    t.responseHeaderBytes = 60 + sx.server.size();
                    t.responseBodyBytes = sx.responseLength > 0 ? static_cast<std::uint64_t>(sx.responseLength) : 0;
                    last = std::max(last, t.responseEndTime);
                    ++out.httpResponses;
                }
                for (const ScriptInterim &si : sx.interims) {
                    InterimResponse in;
                    in.status = si.status;
                    in.time = at(si.at) + shift;
                    in.afterFinal = t.hasResponse && in.time >= t.responseTime;
                    t.interims.push_back(in);
                    last = std::max(last, in.time);
                    if (t.requestVersion == HttpVersion::Http10)
                        t.violations |= kViolationInterimToHttp10;
                    ++out.httpInterim;
                }
                ++out.httpRequests;
                previousEnd = last + offsetUs(0.001);
                conn.lastTime = std::max(conn.lastTime, last);
                out.transactions.push_back(std::move(t));
            }
        }

        // Connection end: the first FIN or RST, and the RST if there was one.
        std::vector<ScriptEvent> events = sc.events;
        std::stable_sort(events.begin(), events.end(),
                         [](const ScriptEvent &a, const ScriptEvent &b) { return a.at < b.at; });
        const auto endState = [&](ConnectionEnd &e, const ScriptEvent &ev) {
            e.kind = ev.rst ? ConnectionEnd::Kind::Rst : ConnectionEnd::Kind::Fin;
            e.by = ev.by;
            e.time = at(ev.at);
            for (std::uint32_t i = 0; i < conn.transactionCount; ++i) {
                const Transaction &t = out.transactions[conn.firstTransaction + i];
                if (t.requestTime > e.time)
                    continue;
                if (!t.hasResponse || t.responseTime > e.time)
                    ++e.unansweredRequests;
                if (t.requestBodyFirstTime != kNoTime && t.requestBodyFirstTime <= e.time &&
                    (!t.requestComplete || t.requestBodyLastTime > e.time))
                    e.duringRequestBody = true;
            }
        };
        for (const ScriptEvent &ev : events) {
            if (conn.end.kind == ConnectionEnd::Kind::Open)
                endState(conn.end, ev);
            if (ev.rst && conn.reset.kind == ConnectionEnd::Kind::Open)
                endState(conn.reset, ev);
            if (!ev.rst) {
                const Dir d = ev.by == Peer::Client ? kToServer : kToClient;
                if (conn.finTime[d] == kNoTime)
                    conn.finTime[d] = at(ev.at);
            }
            conn.lastTime = std::max(conn.lastTime, at(ev.at));
        }
    }

    // Frames: every timed event gets a number, in time order across the source.
    for (std::size_t ci = 0; ci < out.connections.size(); ++ci) {
        Connection &conn = out.connections[ci];
        for (std::uint32_t i = 0; i < conn.transactionCount; ++i) {
            Transaction &t = out.transactions[conn.firstTransaction + i];
            const auto add = [&](TimeUs time, std::uint64_t &frame, Peer from) {
                if (time != kNoTime)
                    stamps.push_back({time, stamps.size(), &frame, from, ci});
            };
            add(t.requestTime, t.requestFrame, Peer::Client);
            if (t.requestHeadEndTime != t.requestTime)
                add(t.requestHeadEndTime, t.requestHeadEndFrame, Peer::Client);
            add(t.requestBodyFirstTime, t.requestBodyFirstFrame, Peer::Client);
            if (t.requestBodyLastTime != t.requestBodyFirstTime)
                add(t.requestBodyLastTime, t.requestBodyLastFrame, Peer::Client);
            for (auto &in : t.interims)
                add(in.time, in.frame, Peer::Server);
            if (t.hasResponse) {
                add(t.responseTime, t.responseFrame, Peer::Server);
                if (t.responseEndTime != t.responseTime)
                    add(t.responseEndTime, t.responseEndFrame, Peer::Server);
            }
        }
        if (conn.end.kind != ConnectionEnd::Kind::Open)
            stamps.push_back({conn.end.time, stamps.size(), &conn.end.frame, conn.end.by, ci});
        const bool resetIsEnd = conn.end.kind == ConnectionEnd::Kind::Rst && conn.reset.time == conn.end.time;
        if (conn.reset.kind != ConnectionEnd::Kind::Open && !resetIsEnd)
            stamps.push_back({conn.reset.time, stamps.size(), &conn.reset.frame, conn.reset.by, ci});
    }
    std::stable_sort(stamps.begin(), stamps.end(), [](const Stamp &a, const Stamp &b) {
        return a.time != b.time ? a.time < b.time : a.order < b.order;
    });
    for (std::size_t i = 0; i < stamps.size(); ++i)
        *stamps[i].frame = i + 1;
    // Frames shared by one event (head end == request start, …) take the earlier number.
    for (auto &t : out.transactions) {
        if (!t.requestHeadEndFrame)
            t.requestHeadEndFrame = t.requestFrame;
        if (!t.requestBodyLastFrame)
            t.requestBodyLastFrame = t.requestBodyFirstFrame;
        if (t.hasResponse && !t.responseEndFrame)
            t.responseEndFrame = t.responseFrame;
    }
    for (auto &conn : out.connections) {
        if (conn.reset.kind == ConnectionEnd::Kind::Rst && conn.end.kind == ConnectionEnd::Kind::Rst &&
            conn.end.time == conn.reset.time)
            conn.reset.frame = conn.end.frame;
        std::uint64_t lastFrame = conn.firstFrame;
        for (std::uint32_t i = 0; i < conn.transactionCount; ++i) {
            const Transaction &t = out.transactions[conn.firstTransaction + i];
            if (!conn.firstFrame)
                conn.firstFrame = t.requestFrame;
            lastFrame = std::max({lastFrame, t.requestFrame, t.requestBodyLastFrame, t.responseEndFrame});
            for (const auto &in : t.interims)
                lastFrame = std::max(lastFrame, in.frame);
        }
        conn.lastFrame = std::max({lastFrame, conn.end.frame, conn.reset.frame});
    }
    out.packets = stamps.size();
    for (auto &conn : out.connections) {
        for (std::uint32_t i = 0; i < conn.transactionCount; ++i) {
            const Transaction &t = out.transactions[conn.firstTransaction + i];
            conn.payloadBytes[kToServer] += t.requestHeaderBytes + t.requestBodyBytes;
            conn.payloadBytes[kToClient] += t.responseHeaderBytes + t.responseBodyBytes;
        }
    }
    for (const Stamp &s : stamps)
        ++out.connections[s.connection].packets[s.from == Peer::Server ? kToClient : kToServer];
    return out;
}

} // namespace hs::kb
