// SPDX-License-Identifier: MIT
#include "kb_test_support.h"

#include "kb/diagnose.h"
#include "kb/samples/sample_analysis.h"
#include "tasks/analyze.h"
#include "tasks/cancel.h"

#include <stdexcept>

namespace hs::test {

const kb::KnowledgeBase &builtinKb()
{
    static const kb::KnowledgeBase kb = [] {
        std::vector<kb::LoadProblem> problems;
        auto loaded = kb::loadBuiltinKnowledgeBase(problems);
        if (!problems.empty())
            throw std::runtime_error("built-in knowledge base has problems: " + problems.front().path + ": " +
                                     problems.front().message);
        return loaded;
    }();
    return kb;
}

std::unique_ptr<Analysis> diagnoseSample(const kb::Sample &sample, std::string &error)
{
    auto a = kb::buildSampleAnalysis(sample, error);
    if (!a)
        return nullptr;
    CancelToken cancel;
    kb::diagnose(*a, builtinKb(), kb::DiagnoseOptions{}, cancel);
    return a;
}

std::unique_ptr<Analysis> diagnoseLines(const Lines &lines, const std::vector<ClockOverride> *overrides)
{
    kb::Sample s;
    s.name = "test";
    s.w3c = lines.w3c;
    s.httperr = lines.httperr;
    s.capture = lines.capture;
    std::string error;
    auto a = kb::buildSampleAnalysis(s, error);
    if (!a)
        throw std::runtime_error("sample does not build: " + error);
    CancelToken cancel;
    kb::DiagnoseOptions options;
    options.clockOverrides = overrides;
    kb::diagnose(*a, builtinKb(), options, cancel);
    return a;
}

const Finding *findingById(const Analysis &a, std::string_view id)
{
    for (const auto &f : a.findings)
        if (f.id == id)
            return &f;
    return nullptr;
}

std::vector<const Finding *> findingsById(const Analysis &a, std::string_view id)
{
    std::vector<const Finding *> out;
    for (const auto &f : a.findings)
        if (f.id == id)
            out.push_back(&f);
    return out;
}

std::string describeFindings(const Analysis &a)
{
    std::string out;
    for (const auto &f : a.findings)
        out += (out.empty() ? "" : ", ") + f.id + " (" + std::string(toString(f.confidence)) + ", " +
               std::string(toString(f.severity)) + ", count " + std::to_string(f.count) + ")";
    return out.empty() ? "no findings" : out;
}

std::string evidenceKind(const Analysis &a, const Evidence &e)
{
    if (!e.source.valid() || e.source.value >= a.sources.size())
        return {};
    switch (a.sources[e.source.value]->format) {
    case FormatId::W3c: return "w3c";
    case FormatId::HttpErr: return "httperr";
    case FormatId::Pcap:
    case FormatId::Pcapng:
    case FormatId::Har:
    case FormatId::Saz: return "capture";
    default: return {};
    }
}

std::vector<const Finding *> alarms(const Analysis &a)
{
    std::vector<const Finding *> out;
    for (const auto &f : a.findings)
        if (f.severity >= Severity::Warning)
            out.push_back(&f);
    return out;
}

std::vector<std::string> w3cHeader(std::string_view software)
{
    return {"#Software: " + std::string(software), "#Version: 1.0", "#Date: 2026-11-21 10:00:00",
            "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version "
            "cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken"};
}

std::vector<std::string> httpErrHeader()
{
    return {"#Software: Microsoft HTTP API 2.0", "#Version: 1.0", "#Date: 2026-11-21 10:00:00",
            "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason "
            "s-queuename"};
}

} // namespace hs::test
