// SPDX-License-Identifier: MIT
// HTTP transactions reconstructed from captures and exports (Analysis::transactions).
#pragma once

#include "tables/record_table.h"

namespace hs::ui {

class TransactionTable final : public RecordTable {
public:
    enum Column {
        Time,
        Source,
        Connection,
        Index,
        Method,
        Target,
        Version,
        Expect,
        Interim,
        Status,
        Reason,
        Duration,
        RequestBody,
        ResponseBody,
        Framing,
        Violations,
        Frame,
        ColumnCount
    };

    explicit TransactionTable(std::shared_ptr<const Analysis> analysis);

    std::size_t size() const override { return analysis().transactions.size(); }
    const std::vector<ColumnSpec> &columns() const override;
    QString display(std::size_t row, int column) const override;
    std::int64_t numberKey(std::size_t row, int column) const override;
    StrId internedKey(std::size_t row, int column) const override;
    std::string_view internedText(StrId id) const override { return analysis().str(id); }
    TimeUs time(std::size_t row) const override;
    bool isError(std::size_t row) const override;
    int statusColumn() const override { return Status; }
    const std::vector<FieldSpec> &fields() const override;
    bool fieldText(std::size_t row, const FieldRef &field, std::string &scratch, std::string_view &out) const override;
    std::optional<double> fieldNumber(std::size_t row, const FieldRef &field) const override;
    std::string_view freeText(std::size_t row, std::string &scratch) const override;
    std::optional<std::size_t> rowForTransaction(TransactionId id) const override;
    ConnectionId connectionOf(std::size_t row) const override { return tx(row).connection; }
    QString detailHtml(std::size_t row) const override;

    const Transaction &tx(std::size_t row) const { return analysis().transactions[row]; }

private:
    const hs::Connection *connection(const Transaction &t) const;
    std::vector<std::uint32_t> sourceRank_;
};

// Short names of the violation bits ("te-cl", "bare-lf", …), space separated.
std::string violationNames(std::uint32_t violations);
std::string_view framingName(BodyFraming framing) noexcept;

} // namespace hs::ui
