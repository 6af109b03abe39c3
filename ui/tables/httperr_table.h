// SPDX-License-Identifier: MIT
// All HTTP.sys error log (HTTPERR) records as one table. HTTPERR carries the full 4-tuple, so a row
// can name its connection (`connection:` filter, follow connection into a capture).
#pragma once

#include "model/endpoint.h"
#include "tables/log_rows.h"
#include "tables/record_table.h"

namespace hs::ui {

class HttpErrTable final : public RecordTable {
public:
    enum Column {
        Time,
        Source,
        ClientIp,
        ClientPort,
        ServerIp,
        ServerPort,
        Version,
        Method,
        Uri,
        Status,
        Site,
        Reason,
        Queue,
        Line,
        ColumnCount
    };

    explicit HttpErrTable(std::shared_ptr<const Analysis> analysis);

    std::size_t size() const override { return rows_.size(); }
    const std::vector<ColumnSpec> &columns() const override;
    QString display(std::size_t row, int column) const override;
    std::int64_t numberKey(std::size_t row, int column) const override;
    StrId internedKey(std::size_t row, int column) const override;
    LogAddress addressKey(std::size_t row, int column) const override;
    std::string_view internedText(StrId id) const override { return analysis().str(id); }
    TimeUs time(std::size_t row) const override { return record(row).time; }
    bool isError(std::size_t row) const override { return record(row).status >= 400; }
    int statusColumn() const override { return Status; }
    const std::vector<FieldSpec> &fields() const override;
    std::optional<FieldRef> resolveField(std::string_view name) const override;
    bool fieldText(std::size_t row, const FieldRef &field, std::string &scratch, std::string_view &out) const override;
    std::optional<double> fieldNumber(std::size_t row, const FieldRef &field) const override;
    std::string_view freeText(std::size_t row, std::string &scratch) const override;
    std::optional<std::size_t> rowForLine(SourceId source, std::uint64_t line) const override;
    ConnectionId connectionOf(std::size_t row) const override;
    QString detailHtml(std::size_t row) const override;

    const HttpErrRecord &record(std::size_t row) const { return rows_.record(row); }
    const hs::Source &sourceOf(std::size_t row) const { return rows_.sourceOf(row); }
    const HttpErrContext &contextOf(std::size_t row) const { return sourceOf(row).log->context(record(row)); }
    // The row's 4-tuple, when both addresses parse and both ports are present.
    std::optional<FourTuple> fourTuple(std::size_t row) const;
    // "10.0.0.5:51000->10.0.0.50:80", empty without a 4-tuple.
    std::string connectionKey(std::size_t row) const;

private:
    LogRows<HttpErrRecord> rows_;
    std::vector<std::uint32_t> sourceRank_;
};

// The capture connection with this 4-tuple whose lifetime is closest to `time`; invalid if none.
ConnectionId findConnection(const Analysis &analysis, const FourTuple &tuple, TimeUs time);

} // namespace hs::ui
