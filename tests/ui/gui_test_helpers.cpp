// SPDX-License-Identifier: MIT
#include "gui_test_helpers.h"

#include "support/test_paths.h"
#include "tasks/analyze.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

namespace hs::test {

std::filesystem::path uiBundle()
{
    return dataDir() / "ui" / "bundle";
}

std::unique_ptr<Analysis> analyseBundle()
{
    AnalyzeOptions options;
    options.inputs.push_back(uiBundle());
    options.threads = 2;
    CancelToken cancel;
    Progress progress;
    return analyze(options, cancel, progress);
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return true;
}

SourceId sourceByPath(const Analysis &analysis, std::string_view suffix)
{
    for (const auto &s : analysis.sources)
        if (s->path.size() >= suffix.size() &&
            s->path.compare(s->path.size() - suffix.size(), suffix.size(), suffix) == 0)
            return s->id;
    return {};
}

Finding makeFinding(const Analysis &analysis, std::uint64_t w3cLine, std::uint64_t httpErrLine)
{
    Finding f;
    f.id = "service-unavailable-503";
    f.title = "Requests rejected with 503 (QueueFull)";
    f.severity = Severity::Critical;
    f.confidence = Confidence::Medium;
    f.confidenceReason = "One decisive source: the HTTPERR log.";
    f.summary = "HTTP.sys answered 503 because the application pool's queue was full.";
    f.kb = {"KB943891"};
    f.references = {"HTTP.sys error logging https://learn.microsoft.com/troubleshoot/developer/webapps/iis/"};
    f.remediation = {{"config", "Raise the application pool's queue length (queueLength).", ""},
                     {"workaround", "Recycle the application pool.", ""},
                     {"hotfix", "Install the update.", "Windows Server 2003 SP1"}};
    const SourceId w3c = sourceByPath(analysis, "W3SVC1/u_ex261121.log");
    const SourceId err = sourceByPath(analysis, "httperr1.log");
    Evidence e1;
    e1.source = err;
    e1.line = httpErrLine;
    e1.text = std::string(analysis.source(err).rawLine(httpErrLine));
    Evidence e2;
    e2.source = w3c;
    e2.line = w3cLine;
    e2.text = std::string(analysis.source(w3c).rawLine(w3cLine));
    for (const auto &r : analysis.source(err).log->httpErr.segments().front())
        if (r.line == httpErrLine)
            e1.time = r.time;
    for (const auto &seg : analysis.source(w3c).log->access.segments())
        for (const auto &r : seg)
            if (r.line == w3cLine)
                e2.time = r.time;
    f.evidence = {e1, e2};
    f.evidenceTotal = 2;
    f.count = 2;
    f.first = std::min(e1.time, e2.time);
    f.last = std::max(e1.time, e2.time);
    f.connections = {"10.0.0.5:51000->10.0.0.50:80"};
    return f;
}

} // namespace hs::test
