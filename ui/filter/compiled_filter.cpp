// SPDX-License-Identifier: MIT
#include "filter/compiled_filter.h"

#include <QCoreApplication>
#include <QStringList>

#include <re2/re2.h>

namespace hs::ui {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hs::ui::Filter", text);
}

QString knownFieldList(const RecordTable &table)
{
    QStringList names;
    for (const auto &f : table.fields())
        names << QString::fromStdString(f.names.front());
    return names.join(QStringLiteral(", "));
}

} // namespace

CompiledFilter::~CompiledFilter() = default;

CompiledFilter::Result CompiledFilter::compile(const QString &text, const RecordTable &table)
{
    const FilterParse parsed = parseFilter(text);
    if (!parsed.ok())
        return parsed.error;
    return compile(parsed, table);
}

CompiledFilter::Result CompiledFilter::compile(const FilterParse &parsed, const RecordTable &table)
{
    if (parsed.terms.empty())
        return std::shared_ptr<const CompiledFilter>();
    std::shared_ptr<CompiledFilter> filter(new CompiledFilter);
    for (const FilterTerm &t : parsed.terms) {
        Term term;
        term.source = t;
        if (t.kind == FilterTerm::Kind::Field) {
            const auto ref = table.resolveField(t.field);
            if (!ref)
                return FilterError{tr("Unknown field “%1”. Fields here: %2. Put text containing “:” in quotes.")
                                       .arg(QString::fromStdString(t.field), knownFieldList(table)),
                                   t.position, t.length};
            term.field = *ref;
            if (t.op != FilterTerm::Op::Match) {
                if (!ref->numeric)
                    return FilterError{
                        tr("“%1” is not a number field: use %1:pattern").arg(QString::fromStdString(t.field)),
                        t.position, t.length};
                term.number = QString::fromStdString(t.value).toDouble();
                filter->terms_.push_back(std::move(term));
                continue;
            }
        }
        RE2::Options options;
        options.set_case_sensitive(false);
        options.set_log_errors(false);
        options.set_literal(t.literal);
        term.re = std::make_unique<RE2>(t.value, options);
        if (!term.re->ok())
            return FilterError{tr("Bad pattern “%1”: %2")
                                   .arg(QString::fromStdString(t.value), QString::fromStdString(term.re->error())),
                               t.position, t.length};
        filter->terms_.push_back(std::move(term));
    }
    return std::shared_ptr<const CompiledFilter>(std::move(filter));
}

bool CompiledFilter::matches(const RecordTable &table, std::size_t row, Scratch &scratch) const
{
    for (const Term &term : terms_) {
        if (matchTerm(term, table, row, scratch) == term.source.negate)
            return false;
    }
    return true;
}

bool CompiledFilter::matchTerm(const Term &term, const RecordTable &table, std::size_t row, Scratch &scratch) const
{
    if (term.source.kind == FilterTerm::Kind::Text) {
        const std::string_view text = table.freeText(row, scratch.line);
        return RE2::PartialMatch(text, *term.re);
    }
    if (!term.re) {
        const auto value = table.fieldNumber(row, term.field);
        if (!value)
            return false;
        switch (term.source.op) {
        case FilterTerm::Op::Less: return *value < term.number;
        case FilterTerm::Op::LessEqual: return *value <= term.number;
        case FilterTerm::Op::Greater: return *value > term.number;
        case FilterTerm::Op::GreaterEqual: return *value >= term.number;
        case FilterTerm::Op::Equal: return *value == term.number;
        case FilterTerm::Op::Match: break;
        }
        return false;
    }
    std::string_view text;
    if (!table.fieldText(row, term.field, scratch.field, text))
        return false;
    if (!term.field.multi)
        return RE2::FullMatch(text, *term.re);
    // Multi-valued fields ("100 100", "te-cl bare-lf"): any value may match.
    while (!text.empty()) {
        const std::size_t space = text.find(' ');
        const std::string_view value = text.substr(0, space);
        if (!value.empty() && RE2::FullMatch(value, *term.re))
            return true;
        if (space == std::string_view::npos)
            break;
        text.remove_prefix(space + 1);
    }
    return false;
}

} // namespace hs::ui
