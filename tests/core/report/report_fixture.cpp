// SPDX-License-Identifier: MIT
#include "report_fixture.h"

#include "stats/summaries.h"
#include "tasks/analyze.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"

#include <fstream>
#include <stdexcept>

namespace hs::test {
namespace {

TimeUs at(int hour, int minute, int second, int millis = 0)
{
    CivilTime c;
    c.year = 2026;
    c.month = 11;
    c.day = 21;
    c.hour = static_cast<unsigned>(hour);
    c.minute = static_cast<unsigned>(minute);
    c.second = static_cast<unsigned>(second);
    c.micros = static_cast<std::uint32_t>(millis * 1000);
    return *toTime(c);
}

Endpoint endpoint(std::string_view ip, std::uint16_t port)
{
    Endpoint e;
    e.ip = parseIp(ip)->address;
    e.port = port;
    return e;
}

void writeText(const std::filesystem::path &path, const std::string &text)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << text;
}

SourceId findSource(const Analysis &a, std::string_view suffix)
{
    for (const auto &s : a.sources)
        if (s->path.size() >= suffix.size() &&
            s->path.compare(s->path.size() - suffix.size(), suffix.size(), suffix) == 0)
            return s->id;
    throw std::runtime_error("fixture source missing: " + std::string(suffix));
}

Evidence logEvidence(const Analysis &a, SourceId src, std::uint64_t line, TimeUs time)
{
    Evidence e;
    e.source = src;
    e.line = line;
    e.time = time;
    e.text = std::string(a.source(src).rawLine(line));
    return e;
}

// The capture's clock ran 2 s behind the server: its raw times are log time - 2 s.
constexpr TimeUs kCaptureLag = 2 * kUsPerSecond;

} // namespace

std::string incidentW3cLog()
{
    return "#Software: Microsoft Internet Information Services 6.0\r\n"
           "#Version: 1.0\r\n"
           "#Date: 2026-11-21 10:00:00\r\n"
           "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version "
           "cs(User-Agent) cs(Cookie) sc-status sc-substatus sc-win32-status time-taken\r\n"
           // line 5
           "2026-11-21 10:00:01 10.0.0.50 POST /upload.aspx id=7&token=s3cr3t 80 CORP\\alice 10.0.0.5 HTTP/1.1 "
           "curl/7.68.0 ASPSESSIONID=abc123 200 0 0 1200\r\n"
           "2026-11-21 10:00:03 10.0.0.50 GET /default.aspx - 80 - 10.0.0.6 HTTP/1.1 Mozilla/5.0+(Windows+NT+10.0) - "
           "200 0 0 15\r\n"
           "2026-11-21 10:00:04 10.0.0.50 POST /upload.aspx id=8 80 - 10.0.0.5 HTTP/1.1 curl/7.68.0 - 200 0 64 "
           "30000\r\n"
           "2026-11-21 10:01:10 10.0.0.50 GET /api/orders q=1 80 - 10.0.0.7 HTTP/1.1 okhttp/4.9 - 500 0 0 250\r\n"
           "2026-11-21 10:01:30 10.0.0.50 GET /default.aspx - 80 - 10.0.0.6 HTTP/1.1 Mozilla/5.0+(Windows+NT+10.0) - "
           "304 0 0 2\r\n"
           // line 10
           "2026-11-21 10:02:00 10.0.0.50 POST /upload.aspx id=9 80 - 10.0.0.5 HTTP/1.1 curl/7.68.0 - 200 0 0 900\r\n"
           "2026-11-21 10:03:00 10.0.0.50 GET /missing.htm - 80 - 2001:db8::10 HTTP/1.1 Wget/1.21 - 404 0 2 1\r\n"
           "2026-11-21 10:04:30 10.0.0.50 GET /default.aspx - 80 - 10.0.0.6 HTTP/1.1 Mozilla/5.0+(Windows+NT+10.0) - "
           "200 0 0 31\r\n"
           "2026-11-21 10:05:00 garbage\r\n" // line 13: rejected
           "2026-11-21 10:05:30 10.0.0.50 GET /default.aspx - 80 - 10.0.0.8 HTTP/1.1 Mozilla/5.0 - 200 0 0 16\r\n";
}

std::string incidentHttpErrLog()
{
    return "#Software: Microsoft HTTP API 2.0\r\n"
           "#Version: 1.0\r\n"
           "#Date: 2026-11-21 10:00:00\r\n"
           "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason "
           "s-queuename\r\n"
           // line 5
           "2026-11-21 10:00:05 10.0.0.5 51001 10.0.0.50 80 HTTP/1.1 POST /upload.aspx?id=8 - 1 Connection_Dropped "
           "DefaultAppPool\r\n"
           "2026-11-21 10:02:05 10.0.0.5 51002 10.0.0.50 80 - - - - - Timer_HeaderWait -\r\n"
           "2026-11-21 10:02:40 10.0.0.9 52000 10.0.0.50 80 - - - - - Timer_ConnectionIdle -\r\n"
           "2026-11-21 10:03:10 10.0.0.6 51500 10.0.0.50 80 HTTP/1.1 GET /search?q=secret 400 - FieldLength -\r\n"
           "2026-11-21 10:03:11 10.0.0.6 51501 10.0.0.50 80 HTTP/1.1 GET /search?q=secret 400 - FieldLength -\r\n"
           // line 10
           "2026-11-21 10:04:00 10.0.0.7 50100 10.0.0.50 80 HTTP/1.1 GET /api/orders 503 1 QueueFull "
           "DefaultAppPool\r\n"
           "2026-11-21 10:04:01 10.0.0.7 50101 10.0.0.50 80 HTTP/1.1 GET /api/orders 503 1 QueueFull "
           "DefaultAppPool\r\n"
           "2026-11-21 10:04:02 10.0.0.8 50200 10.0.0.50 80 HTTP/1.1 GET /api/orders 503 1 QueueFull "
           "DefaultAppPool\r\n"
           "2026-11-21 10:05:10 fe80::1%3 50300 fe80::50%3 80 - - - - - Timer_ConnectionIdle -\r\n";
}

SourceId addCaptureAndFindings(Analysis &a, SourceId w3c, SourceId httpErr)
{
    StringPool &pool = *a.strings;
    auto src = std::make_unique<Source>();
    src->id = SourceId(static_cast<std::uint32_t>(a.sources.size()));
    src->path = "capture/client-side.pcapng";
    src->format = FormatId::Pcapng;
    src->formatVariant = "pcapng (1 section, Ethernet)";
    src->fileSize = 48'213;
    src->readCompleted = true;
    src->clockOffset = kCaptureLag;
    src->clockOffsetApplied = true;
    src->capture = std::make_unique<CaptureData>();
    CaptureData &cap = *src->capture;
    cap.packets = 64;
    cap.linkTypes = {1};
    cap.firstConnection = static_cast<std::uint32_t>(a.connections.size());
    cap.firstTransaction = static_cast<std::uint32_t>(a.transactions.size());

    auto addConnection = [&](std::string_view client, std::uint16_t port, TimeUs first, TimeUs last, std::uint64_t f0,
                             std::uint64_t f1) -> Connection & {
        Connection c;
        c.id = ConnectionId(static_cast<std::uint32_t>(a.connections.size()));
        c.source = src->id;
        c.client = endpoint(client, port);
        c.server = endpoint("10.0.0.50", 80);
        c.protocol = AppProtocol::Http;
        c.firstTime = first - kCaptureLag;
        c.lastTime = last - kCaptureLag;
        c.firstFrame = f0;
        c.lastFrame = f1;
        c.sawSyn = c.sawSynAck = true;
        c.firstTransaction = static_cast<std::uint32_t>(a.transactions.size());
        a.connections.push_back(c);
        return a.connections.back();
    };
    auto addTransaction = [&](Connection &conn, std::string_view method, std::string_view target) -> Transaction & {
        Transaction t;
        t.id = TransactionId(static_cast<std::uint32_t>(a.transactions.size()));
        t.connection = conn.id;
        t.source = src->id;
        t.indexInConnection = conn.transactionCount++;
        t.hasRequest = true;
        t.method = pool.intern(method);
        t.target = pool.intern(target);
        t.requestVersion = HttpVersion::Http11;
        t.request.host = pool.intern("www.contoso.example");
        t.request.userAgent = pool.intern("curl/7.68.0");
        a.transactions.push_back(t);
        return a.transactions.back();
    };
    auto head = [&](std::string_view text, std::uint64_t &offset, std::uint32_t &size) {
        offset = cap.headArena.size();
        size = static_cast<std::uint32_t>(text.size());
        cap.headArena.append(text);
    };

    // Connection 0: the KB898708 fingerprint, a 100 Continue after the 200 OK.
    {
        Connection &c0 = addConnection("10.0.0.5", 51000, at(10, 0, 0, 0), at(10, 0, 1, 300), 1, 20);
        Transaction &t = addTransaction(c0, "POST", "/upload.aspx?id=7&token=s3cr3t");
        const TimeUs t0 = at(10, 0, 0, 0) - kCaptureLag;
        t.request.expect = pool.intern("100-continue");
        t.request.contentLength = 5000;
        t.requestFraming = BodyFraming::ContentLength;
        t.requestTime = t.requestHeadEndTime = t0;
        t.requestBodyFirstTime = t0 + 4 * kUsPerMs;
        t.requestBodyLastTime = t0 + 40 * kUsPerMs;
        t.requestFrame = t.requestHeadEndFrame = 4;
        t.requestBodyFirstFrame = 6;
        t.requestBodyLastFrame = 10;
        t.requestHeaderBytes = 240;
        t.requestBodyBytes = 5000;
        t.requestComplete = true;
        t.interims.push_back({100, t0 + 3 * kUsPerMs, 5, false});
        t.hasResponse = true;
        t.status = 200;
        t.reason = pool.intern("OK");
        t.responseVersion = HttpVersion::Http11;
        t.response.server = pool.intern("Microsoft-IIS/6.0");
        t.responseTime = t0 + 1200 * kUsPerMs;
        t.responseEndTime = t0 + 1201 * kUsPerMs;
        t.responseFrame = 14;
        t.responseEndFrame = 14;
        t.responseComplete = true;
        t.interims.push_back({100, t0 + 1202 * kUsPerMs, 15, true});
        head("POST /upload.aspx?id=7&token=s3cr3t HTTP/1.1\r\nHost: www.contoso.example\r\nUser-Agent: "
             "curl/7.68.0\r\nCookie: ASPSESSIONID=abc123\r\nAuthorization: Basic dXNlcjpwYXNzd29yZA==\r\n"
             "Content-Length: 5000\r\nExpect: 100-continue\r\n\r\n",
             t.requestHeadOffset, t.requestHeadSize);
        head("HTTP/1.1 200 OK\r\nServer: Microsoft-IIS/6.0\r\nContent-Length: 2\r\n\r\n", t.responseHeadOffset,
             t.responseHeadSize);
        c0.end.kind = ConnectionEnd::Kind::Fin;
        c0.end.by = Peer::Client;
        c0.end.time = at(10, 0, 1, 300) - kCaptureLag;
        c0.end.frame = 18;
    }
    // Connection 1: chunked POSTs on one keep-alive connection, then a reset by the server.
    {
        Connection &c1 = addConnection("10.0.0.5", 51002, at(10, 1, 0), at(10, 2, 5), 21, 60);
        for (int i = 0; i < 3; ++i) {
            Transaction &t = addTransaction(c1, "POST", "/upload.aspx?id=9");
            const TimeUs t0 = at(10, 1, 0) + i * 20 * kUsPerSecond - kCaptureLag;
            t.request.transferEncoding = pool.intern("chunked");
            t.requestFraming = BodyFraming::Chunked;
            t.requestChunks = 4;
            t.requestBodyBytes = 4096;
            t.requestTime = t0;
            t.requestFrame = 22 + static_cast<std::uint64_t>(i) * 12;
            t.requestComplete = i < 2;
            if (i < 2) {
                t.hasResponse = true;
                t.status = 200;
                t.reason = pool.intern("OK");
                t.responseTime = t0 + 80 * kUsPerMs;
                t.responseEndTime = t0 + 90 * kUsPerMs;
                t.responseFrame = t.requestFrame + 6;
                t.responseEndFrame = t.responseFrame;
                t.responseComplete = true;
            }
        }
        c1.reset.kind = c1.end.kind = ConnectionEnd::Kind::Rst;
        c1.reset.by = c1.end.by = Peer::Server;
        c1.reset.time = c1.end.time = at(10, 2, 5) - kCaptureLag;
        c1.reset.frame = c1.end.frame = 60;
        c1.reset.unansweredRequests = c1.end.unansweredRequests = 1;
    }
    // Connection 2: a healthy GET.
    {
        Connection &c2 = addConnection("10.0.0.6", 51400, at(10, 0, 3), at(10, 0, 4), 61, 64);
        Transaction &t = addTransaction(c2, "GET", "/default.aspx");
        t.request.userAgent = pool.intern("Mozilla/5.0 (Windows NT 10.0)");
        t.requestTime = at(10, 0, 3) - kCaptureLag;
        t.requestFrame = 62;
        t.requestComplete = true;
        t.hasResponse = true;
        t.status = 200;
        t.reason = pool.intern("OK");
        t.responseTime = t.requestTime + 14 * kUsPerMs;
        t.responseEndTime = t.requestTime + 15 * kUsPerMs;
        t.responseFrame = t.responseEndFrame = 63;
        t.responseComplete = true;
    }
    cap.connectionCount = static_cast<std::uint32_t>(a.connections.size()) - cap.firstConnection;
    cap.transactionCount = static_cast<std::uint32_t>(a.transactions.size()) - cap.firstTransaction;
    cap.httpRequests = cap.transactionCount;
    cap.httpResponses = cap.transactionCount - 1;
    cap.httpInterim = 2;
    src->records = cap.transactionCount;
    for (std::uint32_t i = 0; i < cap.transactionCount; ++i) {
        const Transaction &t = a.transactions[cap.firstTransaction + i];
        src->widenTimeRange(t.requestTime);
        src->widenTimeRange(t.responseEndTime);
    }
    src->widenTimeRange(a.connections[cap.firstConnection + 1].reset.time);
    const SourceId capId = src->id;
    const ConnectionId c0(cap.firstConnection), c1(cap.firstConnection + 1);
    const TransactionId t0(cap.firstTransaction), t3(cap.firstTransaction + 3);
    a.sources.push_back(std::move(src));

    ClockOffset off;
    off.source = capId;
    off.reference = w3c;
    off.offset = kCaptureLag;
    off.matches = 4;
    off.spread = 3 * kUsPerMs;
    off.applied = true;
    a.clockOffsets.push_back(off);

    // Findings, in the order a detector run might emit them (the report sorts by severity).
    Finding info;
    info.id = "http11-keepalive-by-design";
    info.title = "HTTP/1.1 connections stay open although keep-alives look disabled (by design)";
    info.severity = Severity::Info;
    info.confidence = Confidence::Low;
    info.confidenceReason = "only the connection pattern of one client was seen";
    info.summary = "The HTTP/1.1 client kept its connection for several requests. The keep-alive setting only "
                   "governs HTTP/1.0 clients.";
    info.kb = {"Q195179"};
    info.first = at(10, 1, 0);
    info.last = at(10, 2, 5);
    info.count = 3;
    info.connections = {a.connections[c1.value].key()};
    info.clients = {"10.0.0.5"};
    info.remediation = {{"by-design", "Nothing to fix: HTTP/1.1 clients must send Connection: close.", ""}};
    a.findings.push_back(info);

    Finding kb;
    kb.id = "kb898708";
    kb.title = "IIS 6.0 sent \"100 Continue\" after the final response";
    kb.severity = Severity::Critical;
    kb.confidence = Confidence::High;
    kb.confidenceReason = "the capture shows the stray 100 and the W3C log has the same request";
    kb.summary = "A 100 Continue arrived after the 200 OK of the same POST; clients that wait for the next "
                 "response read it as the answer to their next request.";
    kb.kb = {"KB898708", "RFC 2616 §8.2.3"};
    kb.references = {"https://www.rfc-editor.org/rfc/rfc2616#section-8.2.3", "javascript:alert(1)"};
    kb.first = at(10, 0, 0);
    kb.last = at(10, 0, 1, 202);
    kb.count = 1;
    kb.connections = {a.connections[c0.value].key()};
    kb.clients = {"10.0.0.5"};
    Evidence capEv;
    capEv.source = capId;
    capEv.frame = 15;
    capEv.time = at(10, 0, 1, 202);
    capEv.text = "HTTP/1.1 100 Continue after HTTP/1.1 200 OK (POST /upload.aspx?id=7&token=s3cr3t)";
    capEv.connection = c0;
    capEv.transaction = t0;
    kb.evidence.push_back(capEv);
    kb.evidence.push_back(logEvidence(a, w3c, 5, at(10, 0, 1)));
    kb.evidenceTotal = 2;
    kb.remediation = {
        {"hotfix", "Install the Http.sys update of KB898708 (Http.sys 5.2.3790.2433).", "Windows Server 2003 SP1"},
        {"workaround", "Let the client send the body without Expect: 100-continue.", ""}};
    a.findings.push_back(kb);

    Finding reset;
    reset.id = "chunked-post-reset";
    reset.title = "Keep-alive connection with chunked POSTs reset by the server";
    reset.severity = Severity::Warning;
    reset.confidence = Confidence::High;
    reset.confidenceReason = "the HTTPERR Timer_HeaderWait line and the capture's RST are on the same 4-tuple";
    reset.summary = "After 3 chunked POSTs on one connection the server reset it; HTTP.sys logged Timer_HeaderWait.";
    reset.kb = {"KB967853"};
    reset.first = at(10, 1, 0);
    reset.last = at(10, 2, 5);
    reset.count = 1;
    reset.connections = {a.connections[c1.value].key()};
    reset.clients = {"10.0.0.5"};
    reset.evidence.push_back(logEvidence(a, httpErr, 6, at(10, 2, 5)));
    Evidence rst;
    rst.source = capId;
    rst.frame = 60;
    rst.time = at(10, 2, 5);
    rst.text = "RST from 10.0.0.50:80 after 3 chunked POSTs (1 unanswered)";
    rst.connection = c1;
    rst.transaction = t3;
    reset.evidence.push_back(rst);
    reset.evidenceTotal = 2;
    reset.remediation = {{"hotfix", "Install the Http.sys update of KB967853.", "Windows Server 2003 SP2"},
                         {"workaround", "Send Content-Length instead of chunked bodies.", ""}};
    a.findings.push_back(reset);

    Finding dropped;
    dropped.id = "connection-dropped";
    dropped.title = "Clients disconnected before the response was complete";
    dropped.severity = Severity::Warning;
    dropped.confidence = Confidence::Medium;
    dropped.confidenceReason = "HTTPERR Connection_Dropped lines";
    dropped.first = at(10, 0, 4);
    dropped.last = at(10, 0, 5);
    dropped.count = 57;
    dropped.clients = {"10.0.0.5", "10.0.0.6", "10.0.0.7"};
    for (int i = 0; i < 30; ++i)
        dropped.evidence.push_back(logEvidence(a, httpErr, 5, at(10, 0, 5)));
    dropped.evidence.push_back(logEvidence(a, w3c, 7, at(10, 0, 4)));
    dropped.evidenceTotal = 57;
    dropped.remediation = {{"config", "Align the load balancer's idle timeout with the server's.", ""}};
    a.findings.push_back(dropped);

    computeSummaries(a);
    return capId;
}

IncidentFixture makeIncident(const std::filesystem::path &folder)
{
    writeText(folder / "W3SVC1" / "ex261121.log", incidentW3cLog());
    writeText(folder / "HTTPERR" / "httperr1.log", incidentHttpErrLog());
    AnalyzeOptions options;
    options.inputs = {folder};
    options.threads = 1;
    CancelToken cancel;
    Progress progress;
    IncidentFixture fx;
    fx.analysis = analyze(options, cancel, progress);
    if (!fx.analysis)
        throw std::runtime_error("fixture analysis failed");
    fx.analysis->rootLabel = "web01-incident";
    // The detectors' findings on these logs are the knowledge base's tests to check; the report tests
    // need a known set, with a capture the logs alone cannot give.
    fx.analysis->findings.clear();
    fx.w3c = findSource(*fx.analysis, "ex261121.log");
    fx.httpErr = findSource(*fx.analysis, "httperr1.log");
    fx.capture = addCaptureAndFindings(*fx.analysis, fx.w3c, fx.httpErr);
    return fx;
}

std::unique_ptr<Analysis> makeHostileAnalysis(std::string_view payload)
{
    auto a = std::make_unique<Analysis>();
    StringPool &pool = *a->strings;
    const std::string p(payload);
    const StrId ps = pool.intern(p);
    a->rootLabel = p;
    a->inputs = {p};

    auto log = std::make_unique<Source>();
    log->id = SourceId(0);
    log->path = "W3SVC1/" + p + ".log";
    log->format = FormatId::W3c;
    log->formatVariant = p;
    log->readCompleted = true;
    log->log = std::make_unique<LogData>();
    log->log->software = p;
    log->log->timeBasis = TimeBasis::LocalUnknown;
    log->log->layouts.push_back({{"date", "time", "c-ip", "cs-uri-stem", "cs(User-Agent)"}, 1, false});
    RecordStore<AccessRecord>::Segment rows;
    for (int i = 0; i < 4; ++i) {
        AccessRecord r;
        r.time = at(10, i, 0);
        r.line = static_cast<std::uint32_t>(2 + i);
        r.clientIp = LogAddress::text(ps);
        r.uriStem = ps;
        r.userAgent = ps;
        r.host = ps;
        r.method = ps;
        r.status = static_cast<std::uint16_t>(i == 3 ? 500 : 200);
        r.timeTakenMs = static_cast<std::uint32_t>(10 * (i + 1));
        rows.push_back(r);
        log->widenTimeRange(r.time);
    }
    log->records = rows.size();
    log->log->access.appendSegment(std::move(rows));
    log->problems.add(Problem{3, Problem::kNoOffset, 0, ProblemLevel::Warning, p, p});
    log->rejected = 1;
    a->sources.push_back(std::move(log));

    auto err = std::make_unique<Source>();
    err->id = SourceId(1);
    err->path = "HTTPERR/" + p;
    err->format = FormatId::HttpErr;
    err->readCompleted = true;
    err->log = std::make_unique<LogData>();
    RecordStore<HttpErrRecord>::Segment errs;
    HttpErrContext context;
    context.serverIp = ps;
    context.reason = ps;
    context.queue = ps;
    err->log->httpErrContexts.push_back(context);
    for (int i = 0; i < 3; ++i) {
        HttpErrRecord r;
        r.time = at(10, i, 30);
        r.line = static_cast<std::uint32_t>(5 + i);
        r.clientIp = LogAddress::text(ps);
        r.uri = ps;
        r.status = 503;
        errs.push_back(r);
        err->widenTimeRange(r.time);
    }
    err->records = errs.size();
    err->log->httpErr.appendSegment(std::move(errs));
    a->sources.push_back(std::move(err));

    auto cap = std::make_unique<Source>();
    cap->id = SourceId(2);
    cap->path = p + ".pcapng";
    cap->format = FormatId::Pcapng;
    cap->readCompleted = true;
    cap->capture = std::make_unique<CaptureData>();
    cap->capture->application = p;
    Connection c;
    c.id = ConnectionId(0);
    c.source = cap->id;
    c.client = endpoint("192.0.2.1", 1000);
    c.server = endpoint("192.0.2.2", 80);
    c.transactionCount = 1;
    a->connections.push_back(c);
    Transaction t;
    t.id = TransactionId(0);
    t.connection = c.id;
    t.source = cap->id;
    t.hasRequest = t.hasResponse = true;
    t.method = t.target = t.reason = ps;
    t.request.host = t.request.userAgent = t.request.expect = t.response.server = ps;
    t.requestTime = at(10, 0, 10);
    t.responseTime = t.responseEndTime = at(10, 0, 11);
    t.status = 200;
    t.requestFrame = 1;
    t.interims.push_back({100, at(10, 0, 12), 3, true});
    t.requestHeadOffset = 0;
    t.requestHeadSize = static_cast<std::uint32_t>(p.size());
    cap->capture->headArena = p;
    cap->capture->connectionCount = 1;
    cap->capture->transactionCount = 1;
    cap->records = 1;
    cap->widenTimeRange(t.requestTime);
    cap->widenTimeRange(t.responseEndTime);
    a->transactions.push_back(t);
    a->sources.push_back(std::move(cap));

    a->skipped.push_back({p, p, {p}});
    ClockOffset off;
    off.source = SourceId(2);
    off.reference = SourceId(0);
    off.note = p;
    off.applied = true;
    a->clockOffsets.push_back(off);

    Finding f;
    f.id = p;
    f.title = p;
    f.severity = Severity::Critical;
    f.confidence = Confidence::High;
    f.confidenceReason = p;
    f.summary = p;
    f.kb = {p, "javascript:alert(1)"};
    f.references = {"javascript:alert(1)", p, "https://ok.example/a\"onmouseover=alert(1)", "data:text/html,<b>x"};
    f.first = at(10, 0, 0);
    f.last = at(10, 1, 0);
    f.count = 2;
    f.connections = {p};
    f.clients = {p};
    Evidence logEv;
    logEv.source = SourceId(0);
    logEv.line = 2;
    logEv.time = at(10, 0, 0);
    logEv.text = p;
    Evidence capEv;
    capEv.source = SourceId(2);
    capEv.frame = 1;
    capEv.text = p;
    capEv.connection = ConnectionId(0);
    capEv.transaction = TransactionId(0);
    f.evidence = {logEv, capEv};
    f.evidenceTotal = 2;
    f.remediation = {{p, p, p}};
    a->findings.push_back(f);

    computeSummaries(*a);
    return a;
}

} // namespace hs::test
