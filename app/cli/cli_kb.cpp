// SPDX-License-Identifier: MIT
#include "cli/cli_kb.h"

#include "formats/text_scan.h"
#include "kb/catalog.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace hs::cli {
namespace {

constexpr std::size_t kWidth = 100;

// Word-wraps `text` at kWidth with every line indented by `indent` spaces.
void wrapped(std::ostream &out, std::string_view text, std::size_t indent)
{
    const std::string pad(indent, ' ');
    std::size_t column = 0;
    bool lineStart = true;
    while (!text.empty()) {
        const auto space = text.find(' ');
        const std::string_view word = text.substr(0, space);
        text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
        if (word.empty())
            continue;
        if (!lineStart && column + 1 + word.size() > kWidth) {
            out << '\n';
            lineStart = true;
        }
        if (lineStart) {
            out << pad;
            column = indent;
            lineStart = false;
        } else {
            out << ' ';
            ++column;
        }
        out << word;
        column += word.size();
    }
    out << '\n';
}

std::string joined(const std::vector<std::string> &items, std::string_view sep = ", ")
{
    std::string out;
    for (const auto &i : items)
        out += (out.empty() ? "" : std::string(sep)) + i;
    return out;
}

void heading(std::ostream &out, std::string_view title)
{
    out << '\n' << title << '\n';
}

void printSymptom(const kb::SymptomEntry &e, std::ostream &out)
{
    out << e.id << " — " << e.title << '\n';
    out << "Severity: " << toString(e.severity);
    if (!e.category.empty())
        out << "    Category: " << e.category;
    if (!e.kb.empty())
        out << "    References: " << joined(e.kb);
    out << '\n';
    out << '\n';
    wrapped(out, e.summary, 0);
    if (!e.cause.empty()) {
        heading(out, "Cause");
        wrapped(out, e.cause, 2);
    }
    if (!e.affected.empty()) {
        heading(out, "Affected");
        for (const auto &a : e.affected) {
            std::string line = "- " + a.product;
            if (!a.versions.empty())
                line += ": " + a.versions;
            if (!a.note.empty())
                line += " (" + a.note + ")";
            wrapped(out, line, 2);
        }
    }
    heading(out, "What proves it");
    for (const auto &[source, text] : e.evidence)
        wrapped(out, source + ": " + text, 2);
    if (!e.httpErrReasons.empty())
        wrapped(out, "HTTPERR reasons watched: " + joined(e.httpErrReasons) + " (httpsleuth-cli kb REASON)", 2);
    if (!e.confidence.empty()) {
        heading(out, "Confidence");
        for (const auto &[level, text] : e.confidence)
            wrapped(out, level + ": " + text, 2);
    }
    heading(out, "Remediation");
    for (const auto &r : e.remediation) {
        std::string line = "[" + r.kind + "] " + r.text;
        if (!r.prerequisites.empty())
            line += " Prerequisite: " + r.prerequisites + ".";
        wrapped(out, line, 2);
    }
    if (!e.clientProfiles.empty()) {
        heading(out, "Known clients");
        for (const auto &c : e.clientProfiles)
            wrapped(out,
                    "- " + c.name + " waits " + std::to_string(static_cast<long>(c.waitMs)) +
                        " ms; to turn it off: " + c.turnOff,
                    2);
    }
    if (!e.byDesign.empty()) {
        heading(out, "By design?");
        wrapped(out, e.byDesign, 2);
    }
    if (!e.references.empty()) {
        heading(out, "Links");
        for (const auto &r : e.references)
            wrapped(out, r.title + ": " + r.url, 2);
    }
    if (!e.parameters.empty()) {
        heading(out, "Detector parameters (override in a --kb-folder entry)");
        for (const auto &[name, value] : e.parameters) {
            std::ostringstream v;
            v << value;
            out << "  " << name << " = " << v.str() << '\n';
        }
    }
    out << "\nSamples: " << e.matches.size() << " that must match, " << e.nonMatches.size()
        << " near misses that must not (checked by the test suite).\n";
}

void printReason(const kb::KnowledgeBase &kb, const kb::ReasonEntry &r, std::ostream &out)
{
    out << r.reason << " — HTTPERR reason phrase (s-reason)\n";
    out << "Status logged: " << r.status;
    if (!r.requestFields.empty())
        out << "    Request fields: " << r.requestFields;
    if (!r.os.empty())
        out << "    Since: " << r.os;
    out << "\n\n";
    wrapped(out, r.meaning, 0);
    if (!r.causes.empty()) {
        heading(out, "Typical causes");
        wrapped(out, r.causes, 2);
    }
    heading(out, "What to do");
    wrapped(out, r.action, 2);
    if (r.benign)
        wrapped(out, "Usually background noise on a healthy server.", 2);
    std::vector<std::string> related = r.symptoms;
    for (const auto &s : kb.symptoms())
        if (std::find(s.httpErrReasons.begin(), s.httpErrReasons.end(), r.reason) != s.httpErrReasons.end() &&
            std::find(related.begin(), related.end(), s.id) == related.end())
            related.push_back(s.id);
    if (!related.empty()) {
        heading(out, "Related symptoms");
        for (const auto &id : related) {
            const kb::SymptomEntry *s = kb.symptom(id);
            out << "  " << id << (s ? "  " + s->title : std::string()) << '\n';
        }
    }
}

void printWin32(const kb::KnowledgeBase &kb, const kb::Win32Entry &w, std::ostream &out)
{
    out << w.code << " — " << w.symbol << " (W3C sc-win32-status)\n\n";
    wrapped(out, w.meaning, 0);
    heading(out, "Reading it in an IIS log");
    wrapped(out, w.reading, 2);
    if (!w.symptoms.empty()) {
        heading(out, "Related symptoms");
        for (const auto &id : w.symptoms) {
            const kb::SymptomEntry *s = kb.symptom(id);
            out << "  " << id << (s ? "  " + s->title : std::string()) << '\n';
        }
    }
}

void printList(const kb::KnowledgeBase &kb, std::ostream &out)
{
    out << "HttpSleuth knowledge base: " << kb.symptoms().size() << " symptoms, " << kb.reasons().size()
        << " HTTPERR reasons, " << kb.win32().size() << " sc-win32-status codes\n\n";
    std::size_t idWidth = 2;
    for (const auto &s : kb.symptoms())
        idWidth = std::max(idWidth, s.id.size());
    out << "  " << std::left << std::setw(static_cast<int>(idWidth)) << "ID"
        << "  " << std::setw(8) << "SEVERITY"
        << "  TITLE\n";
    for (const auto &s : kb.symptoms())
        out << "  " << std::left << std::setw(static_cast<int>(idWidth)) << s.id << "  " << std::setw(8)
            << toString(s.severity) << "  " << s.title << '\n';
    out << std::right;
    out << "\nHTTPERR reasons:\n";
    std::string line;
    for (const auto &r : kb.reasons())
        line += (line.empty() ? "" : " ") + r.reason;
    wrapped(out, line, 2);
    out << "\nFull entry: httpsleuth-cli kb ID — ID is a symptom id, an HTTPERR reason (Timer_HeaderWait), a KB\n"
           "number (KB967853) or an sc-win32-status code (64).\n";
}

} // namespace

int runKb(const std::string &id, std::ostream &out, std::ostream &err)
{
    std::vector<kb::LoadProblem> problems;
    const kb::KnowledgeBase kb = kb::loadBuiltinKnowledgeBase(problems);
    for (const auto &p : problems)
        err << "httpsleuth-cli: knowledge base: " << p.path << ": " << p.message << '\n';
    if (id.empty()) {
        printList(kb, out);
        return 0;
    }
    if (const kb::SymptomEntry *s = kb.symptom(id)) {
        printSymptom(*s, out);
        return 0;
    }
    for (const auto &s : kb.symptoms())
        if (text::equalsNoCase(s.id, id)) {
            printSymptom(s, out);
            return 0;
        }
    if (const kb::ReasonEntry *r = kb.reason(id)) {
        printReason(kb, *r, out);
        return 0;
    }
    std::uint64_t code = 0;
    if (text::parseUnsigned(id, code))
        if (const kb::Win32Entry *w = kb.win32(code)) {
            printWin32(kb, *w, out);
            return 0;
        }
    const auto byArticle = kb.symptomsForArticle(id);
    if (byArticle.size() == 1) {
        printSymptom(*byArticle.front(), out);
        return 0;
    }
    if (byArticle.size() > 1) {
        out << id << " is cited by " << byArticle.size() << " symptoms:\n";
        for (const auto *s : byArticle)
            out << "  " << s->id << "  " << s->title << '\n';
        return 0;
    }
    err << "httpsleuth-cli: '" << id << "' is not a symptom id, HTTPERR reason, KB number or sc-win32-status code "
        << "in the knowledge base; 'httpsleuth-cli kb' lists them\n";
    return 2;
}

} // namespace hs::cli
