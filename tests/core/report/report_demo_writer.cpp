// SPDX-License-Identifier: MIT
// Writes the incident fixture's report (plain and redacted) for the browser test:
//   report_demo_writer OUT_DIR
// The logs are written to OUT_DIR/incident/ and analysed by the real readers first.
#include "kb/catalog.h"
#include "report/html_kb.h"
#include "report/html_report.h"
#include "report/redact.h"
#include "report_fixture.h"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace {

bool writeReport(const std::filesystem::path &path, const hs::Analysis &analysis, hs::Redactor *redactor)
{
    hs::HtmlOptions options;
    options.redactor = redactor;
    std::vector<hs::kb::LoadProblem> problems;
    options.reasonInfo = hs::reasonLookup(hs::kb::loadBuiltinKnowledgeBase(problems));
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    hs::writeHtmlReport(analysis, out, options);
    out.close();
    if (!out) {
        std::cerr << "report_demo_writer: cannot write " << path << "\n";
        return false;
    }
    std::cout << path.string() << "\n";
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::cerr << "usage: report_demo_writer OUT_DIR\n";
        return 2;
    }
    const std::filesystem::path out = argv[1];
    std::error_code ec;
    std::filesystem::remove_all(out / "incident", ec);
    std::filesystem::create_directories(out / "incident", ec);
    const hs::test::IncidentFixture fx = hs::test::makeIncident(out / "incident");
    hs::Redactor redactor(*fx.analysis);
    const bool ok = writeReport(out / "report-fixture.html", *fx.analysis, nullptr) &&
                    writeReport(out / "report-fixture-redacted.html", *fx.analysis, &redactor);
    return ok ? 0 : 1;
}
