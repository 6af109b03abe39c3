// SPDX-License-Identifier: MIT
// A read-only, row-addressable view of one of the core's stores (W3C records, HTTPERR records,
// transactions, connections) for the virtualised table models (STYLE practice 5).
//
// Contract: every method is const and thread-safe (no caches, no lazily built members) because the
// filter/sort jobs call them from worker threads while the UI thread paints. Display strings are
// built on demand; the model caches them for the rows on screen.
#pragma once

#include "model/analysis.h"

#include <QString>
#include <QVariant>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hs::ui {

// How a column sorts: by a number (times, counts, enum values, ranks), by an interned string
// (ranked by its text once per sort), by a client address (IPv4 in numeric order, then the other
// texts in text order), or by text built per row (only for small tables).
enum class SortKind : std::uint8_t { Number, Interned, Address, Text };

struct ColumnSpec {
    QString title;
    QString tooltip; // e.g. the W3C field the column shows
    SortKind sort = SortKind::Number;
    bool alignRight = false; // numbers
    int widthChars = 10;     // default width, in average characters
};

// A field the filter bar can name. `names` are the accepted spellings (first = canonical).
struct FieldSpec {
    std::vector<std::string> names;
    int id = 0;
    bool numeric = false; // accepts >, >=, <, <=, =
    bool multi = false;   // space-separated values: a term matches when any value matches
    QString help;
};

// A resolved field: a FieldSpec id, or a raw log field read from the line (`rawName`).
struct FieldRef {
    int id = -1;
    bool numeric = false;
    bool multi = false;
    std::string rawName;
};
inline constexpr int kRawField = -2;

class RecordTable {
public:
    virtual ~RecordTable() = default;

    virtual std::size_t size() const = 0;
    virtual const std::vector<ColumnSpec> &columns() const = 0;
    virtual QString display(std::size_t row, int column) const = 0;
    // Sort keys (the worker sorts numbers, never strings, except SortKind::Text columns).
    virtual std::int64_t numberKey(std::size_t row, int column) const;
    virtual StrId internedKey(std::size_t row, int column) const;
    virtual LogAddress addressKey(std::size_t row, int column) const;
    virtual std::string textKey(std::size_t row, int column) const;
    virtual std::string_view internedText(StrId id) const = 0;
    // The value for the model's SortRole: a number or a string.
    QVariant sortValue(std::size_t row, int column) const;

    virtual TimeUs time(std::size_t row) const = 0;  // kNoTime when the row has none
    virtual bool isError(std::size_t row) const = 0; // drawn in the error colour
    virtual int statusColumn() const { return -1; }  // the column tinted for errors

    // Filtering.
    virtual const std::vector<FieldSpec> &fields() const = 0;
    virtual std::optional<FieldRef> resolveField(std::string_view name) const;
    // Sets `out` to the field's text on this row; false when the row has no such field.
    virtual bool fieldText(std::size_t row, const FieldRef &field, std::string &scratch,
                           std::string_view &out) const = 0;
    virtual std::optional<double> fieldNumber(std::size_t row, const FieldRef &field) const = 0;
    // What free-text patterns search: the raw log line, or a line of the row's values.
    virtual std::string_view freeText(std::size_t row, std::string &scratch) const = 0;

    // Locating rows for jumps (findings' evidence, chart clicks, follow connection).
    virtual std::optional<std::size_t> rowForLine(SourceId, std::uint64_t) const { return std::nullopt; }
    virtual std::optional<std::size_t> rowForTransaction(TransactionId) const { return std::nullopt; }
    virtual std::optional<std::size_t> rowForConnection(ConnectionId) const { return std::nullopt; }
    virtual ConnectionId connectionOf(std::size_t) const { return {}; }

    // Rich text for the detail pane.
    virtual QString detailHtml(std::size_t row) const = 0;

    const Analysis &analysis() const { return *analysis_; }
    const std::shared_ptr<const Analysis> &analysisPtr() const { return analysis_; }

protected:
    explicit RecordTable(std::shared_ptr<const Analysis> analysis) : analysis_(std::move(analysis)) {}
    // Helpers for implementations.
    static std::string_view numberText(std::uint64_t value, std::string &scratch);
    static std::optional<FieldRef> lookup(const std::vector<FieldSpec> &fields, std::string_view name);

private:
    std::shared_ptr<const Analysis> analysis_;
};

// Concatenated per-source stores (all W3C sources form one table): row -> (part, index in part).
struct PartIndex {
    std::vector<std::size_t> starts; // first row of each part
    std::size_t total = 0;
    std::pair<std::size_t, std::size_t> locate(std::size_t row) const noexcept;
};

// Ranks of sources by path, so "Source" sorts alphabetically as a number.
std::vector<std::uint32_t> sourceRanks(const Analysis &analysis);

} // namespace hs::ui
