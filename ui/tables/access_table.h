// SPDX-License-Identifier: MIT
// All W3C / IIS / NCSA access records of an analysis as one table (sources one after another, each
// in line order). Any field a source's #Fields declared can be filtered on by name (cs-uri-query,
// cs(Referer), …): it is read from the raw line on demand.
#pragma once

#include "tables/log_rows.h"
#include "tables/record_table.h"

namespace hs::ui {

class AccessTable final : public RecordTable {
public:
    enum Column {
        Time,
        Source,
        ClientIp,
        ServerIp,
        ServerPort,
        Method,
        UriStem,
        Status,
        Substatus,
        Win32,
        TimeTaken,
        ScBytes,
        CsBytes,
        Version,
        Host,
        UserAgent,
        Line,
        ColumnCount
    };

    explicit AccessTable(std::shared_ptr<const Analysis> analysis);

    std::size_t size() const override { return rows_.size(); }
    const std::vector<ColumnSpec> &columns() const override;
    QString display(std::size_t row, int column) const override;
    std::int64_t numberKey(std::size_t row, int column) const override;
    StrId internedKey(std::size_t row, int column) const override;
    LogAddress addressKey(std::size_t row, int column) const override;
    std::string_view internedText(StrId id) const override { return analysis().str(id); }
    TimeUs time(std::size_t row) const override { return record(row).time; }
    bool isError(std::size_t row) const override;
    int statusColumn() const override { return Status; }
    const std::vector<FieldSpec> &fields() const override;
    std::optional<FieldRef> resolveField(std::string_view name) const override;
    bool fieldText(std::size_t row, const FieldRef &field, std::string &scratch, std::string_view &out) const override;
    std::optional<double> fieldNumber(std::size_t row, const FieldRef &field) const override;
    std::string_view freeText(std::size_t row, std::string &scratch) const override;
    std::optional<std::size_t> rowForLine(SourceId source, std::uint64_t line) const override;
    QString detailHtml(std::size_t row) const override;

    const AccessRecord &record(std::size_t row) const { return rows_.record(row); }
    const hs::Source &sourceOf(std::size_t row) const { return rows_.sourceOf(row); }

private:
    LogRows<AccessRecord> rows_;
    std::vector<std::uint32_t> sourceRank_;
};

} // namespace hs::ui
