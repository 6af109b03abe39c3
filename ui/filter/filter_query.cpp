// SPDX-License-Identifier: MIT
#include "filter/filter_query.h"

#include <QCoreApplication>

namespace hs::ui {
namespace {

bool isFieldStart(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

bool isFieldChar(QChar c)
{
    return isFieldStart(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') ||
           c == QLatin1Char('_') || c == QLatin1Char('(') || c == QLatin1Char(')') || c == QLatin1Char('.');
}

QString tr(const char *text)
{
    return QCoreApplication::translate("hs::ui::Filter", text);
}

// Reads a double-quoted string starting at text[i] == '"'; \" and \\ are escapes. Returns false when
// the closing quote is missing.
bool readQuoted(const QString &text, int &i, QString &out)
{
    ++i;
    while (i < text.size()) {
        const QChar c = text[i];
        if (c == QLatin1Char('\\') && i + 1 < text.size() &&
            (text[i + 1] == QLatin1Char('"') || text[i + 1] == QLatin1Char('\\'))) {
            out += text[i + 1];
            i += 2;
            continue;
        }
        if (c == QLatin1Char('"')) {
            ++i;
            return true;
        }
        out += c;
        ++i;
    }
    return false;
}

void readWord(const QString &text, int &i, QString &out)
{
    while (i < text.size() && !text[i].isSpace())
        out += text[i++];
}

} // namespace

FilterParse parseFilter(const QString &text)
{
    FilterParse result;
    int i = 0;
    while (i < text.size()) {
        if (text[i].isSpace()) {
            ++i;
            continue;
        }
        const int start = i;
        FilterTerm term;
        term.position = start;

        // A field term: [-]name:value, name starting with a letter.
        int j = i;
        bool negate = false;
        if (text[j] == QLatin1Char('-') && j + 1 < text.size() && isFieldStart(text[j + 1])) {
            negate = true;
            ++j;
        }
        int nameEnd = j;
        if (nameEnd < text.size() && isFieldStart(text[nameEnd]))
            while (nameEnd < text.size() && isFieldChar(text[nameEnd]))
                ++nameEnd;
        if (nameEnd > j && nameEnd < text.size() && text[nameEnd] == QLatin1Char(':')) {
            term.kind = FilterTerm::Kind::Field;
            term.negate = negate;
            term.field = text.mid(j, nameEnd - j).toStdString();
            i = nameEnd + 1;
            QString value;
            if (i < text.size() && text[i] == QLatin1Char('"')) {
                term.literal = true;
                if (!readQuoted(text, i, value)) {
                    result.error = {tr("Missing closing quote"), start, static_cast<int>(text.size()) - start};
                    return result;
                }
            } else {
                readWord(text, i, value);
                struct OpText {
                    const char *text;
                    FilterTerm::Op op;
                };
                static const OpText kOps[] = {{">=", FilterTerm::Op::GreaterEqual},
                                              {"<=", FilterTerm::Op::LessEqual},
                                              {">", FilterTerm::Op::Greater},
                                              {"<", FilterTerm::Op::Less},
                                              {"=", FilterTerm::Op::Equal}};
                for (const auto &op : kOps) {
                    if (value.startsWith(QLatin1String(op.text))) {
                        term.op = op.op;
                        value = value.mid(static_cast<qsizetype>(qstrlen(op.text)));
                        break;
                    }
                }
                if (value.isEmpty()) {
                    result.error = {tr("“%1:” needs a value, e.g. %1:503").arg(QString::fromStdString(term.field)),
                                    start, i - start};
                    return result;
                }
                if (term.op != FilterTerm::Op::Match) {
                    bool isNumber = false;
                    value.toDouble(&isNumber);
                    if (!isNumber) {
                        result.error = {tr("“%1” is not a number").arg(value), start, i - start};
                        return result;
                    }
                }
            }
            term.value = value.toStdString();
        } else if (text[i] == QLatin1Char('"')) {
            term.literal = true;
            QString value;
            if (!readQuoted(text, i, value)) {
                result.error = {tr("Missing closing quote"), start, static_cast<int>(text.size()) - start};
                return result;
            }
            term.value = value.toStdString();
        } else {
            QString value;
            readWord(text, i, value);
            term.value = value.toStdString();
        }
        term.length = i - start;
        if (term.kind == FilterTerm::Kind::Text && term.value.empty())
            continue; // "" matches everything
        result.terms.push_back(std::move(term));
    }
    return result;
}

QString quoteFilterValue(const std::string &literal)
{
    QString pattern = QString::fromStdString(literal);
    pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    pattern.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + pattern + QLatin1Char('"');
}

} // namespace hs::ui
