// SPDX-License-Identifier: MIT
// The filter bar's language, parsed independently of any table:
//
//   status:503 reason:Timer_HeaderWait c-ip:10.0.0.5 -method:GET time-taken:>=1000 "free text" upload
//
// - `field:value` matches when the whole field value matches `value` as an RE2 pattern, ignoring case
//   (`status:5..`, `reason:Timer_.*`). `-field:value` inverts the term.
// - `field:>N`, `>=N`, `<N`, `<=N`, `=N` compare numbers (status, time-taken, bytes, ports, …).
// - Any other word is an RE2 pattern searched (unanchored, ignoring case) in the raw line or, for
//   capture tables, in the row's text.
// - A value in double quotes is literal text, not a pattern: `source:"W3SVC1/u_ex.log"`,
//   `"Expect: 100-continue"` (a quoted field value must equal the field; quoted free text is searched).
// Every term must match (AND). Positions are QString indices so the bar can point at the culprit.
#pragma once

#include <QString>

#include <string>
#include <vector>

namespace hs::ui {

struct FilterTerm {
    enum class Kind { Text, Field };
    enum class Op { Match, Less, LessEqual, Greater, GreaterEqual, Equal };

    Kind kind = Kind::Text;
    Op op = Op::Match;
    bool negate = false;
    bool literal = false; // the value was quoted
    std::string field;    // as typed (resolved case-insensitively by the table)
    std::string value;    // UTF-8; the pattern or the number after the operator
    int position = 0;     // where the term starts in the filter text
    int length = 0;
};

struct FilterError {
    QString message;
    int position = -1;
    int length = 0;
};

struct FilterParse {
    std::vector<FilterTerm> terms;
    FilterError error; // error.message empty when the text parsed
    bool ok() const noexcept { return error.message.isEmpty(); }
};

FilterParse parseFilter(const QString &text);

// Quotes a value for a generated term (chart clicks): `source:"W3SVC1/u_ex.log"` matches literally.
// Escapes '"' and '\\'.
QString quoteFilterValue(const std::string &literal);

} // namespace hs::ui
