// SPDX-License-Identifier: MIT
// W3C extended field identifiers (DOMAIN.md §C) as the reader understands them, the default field
// sets IIS writes when no #Fields directive survives, and on-demand extraction of any field from a
// record's raw line.
#pragma once

#include "formats/line_splitter.h"
#include "model/records.h"
#include "model/source.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hs {

enum class W3cField : std::uint8_t {
    Other, // custom or unused: kept in the raw line only
    Date,
    Time,
    DateLocal, // IIS Advanced Logging date-local/time-local: server-local time
    TimeLocal,
    ClientIp,
    ServerIp,
    ServerPort,
    Method,
    UriStem,
    UriQuery,
    Username,
    UserAgent,
    Referer,
    Cookie,
    Host,
    Status,
    Substatus,
    Win32Status,
    ScBytes,
    CsBytes,
    TimeTaken,
    Version,
    SiteName,
    ComputerName,
};

W3cField classifyW3cField(std::string_view name) noexcept; // case-insensitive

struct KnownLayout {
    std::string_view label; // "IIS 8.0+ default field set"
    std::vector<std::string> fields;
};
// Default field sets of IIS versions, tried (by field count and value shape) for lines without a
// usable #Fields directive.
const std::vector<KnownLayout> &knownW3cLayouts();

// Splits a W3C/HTTPERR data line on single spaces. Consecutive spaces give empty fields (IIS
// writes an empty value that way in some Exchange logs). Returns the number of fields found;
// fills at most `capacity` views.
std::size_t splitFields(std::string_view line, std::string_view *out, std::size_t capacity) noexcept;

// splitFields plus what the same pass saw (LineScan): readers need to know whether a line holds
// NUL bytes (binary junk) or bytes >= 0x80 (check UTF-8) without scanning it twice more.
LineScan scanFields(std::string_view line, std::string_view *out, std::size_t capacity) noexcept;

// The W3C draft's general form, used when single-space splitting does not fit the declared fields:
// runs of spaces/tabs separate fields and "quoted strings" (with "" as an escaped quote) may hold
// spaces. Writers other than IIS use it (IIS Advanced Logging, Oracle Web Cache, Incapsula).
// Unquoted values are views into `line`; quoted values are unescaped into `scratch`, which must
// outlive the views. Returns the number of fields.
std::size_t splitFieldsQuoted(std::string_view line, std::string_view *out, std::size_t capacity, std::string &scratch);

// The raw value (still '+'-encoded, "-" for empty) of field `name` in the record's line, or
// nullopt when the record's layout does not have it. Works for every access-log format: IIS native
// and NCSA lines answer to the W3C names of the same values (cs-method, cs-uri-query, …).
std::optional<std::string_view> w3cFieldValue(const Source &source, const AccessRecord &record, std::string_view name);
std::optional<std::string_view> httpErrFieldValue(const Source &source, const HttpErrRecord &record,
                                                  std::string_view name);

} // namespace hs
