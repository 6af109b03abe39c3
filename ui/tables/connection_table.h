// SPDX-License-Identifier: MIT
// TCP connections reconstructed from captures (Analysis::connections).
#pragma once

#include "tables/record_table.h"

namespace hs::ui {

class ConnectionTable final : public RecordTable {
public:
    enum Column {
        First,
        Last,
        Duration,
        Source,
        Client,
        Server,
        Protocol,
        Requests,
        Packets,
        Bytes,
        End,
        Issues,
        Notes,
        Frame,
        ColumnCount
    };

    explicit ConnectionTable(std::shared_ptr<const Analysis> analysis);

    std::size_t size() const override { return analysis().connections.size(); }
    const std::vector<ColumnSpec> &columns() const override;
    QString display(std::size_t row, int column) const override;
    std::int64_t numberKey(std::size_t row, int column) const override;
    std::string textKey(std::size_t row, int column) const override;
    std::string_view internedText(StrId id) const override { return analysis().str(id); }
    TimeUs time(std::size_t row) const override { return conn(row).firstTime; }
    bool isError(std::size_t row) const override { return conn(row).reset.kind == ConnectionEnd::Kind::Rst; }
    int statusColumn() const override { return End; }
    const std::vector<FieldSpec> &fields() const override;
    bool fieldText(std::size_t row, const FieldRef &field, std::string &scratch, std::string_view &out) const override;
    std::optional<double> fieldNumber(std::size_t row, const FieldRef &field) const override;
    std::string_view freeText(std::size_t row, std::string &scratch) const override;
    std::optional<std::size_t> rowForConnection(ConnectionId id) const override;
    ConnectionId connectionOf(std::size_t row) const override { return conn(row).id; }
    QString detailHtml(std::size_t row) const override;

    const hs::Connection &conn(std::size_t row) const { return analysis().connections[row]; }

private:
    std::vector<std::uint32_t> sourceRank_;
};

std::string_view protocolName(AppProtocol protocol) noexcept;
// "RST by server", "FIN by client", "open".
QString connectionEndText(const hs::Connection &connection);

} // namespace hs::ui
