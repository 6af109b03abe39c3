// SPDX-License-Identifier: MIT
// Test helpers for the HTTP conversation: a script of what each direction sent (data, gaps, FIN,
// RST, each step with its own time and frame), a runner that feeds it with any segmentation, and
// a canonical dump of everything the conversation produced, so split-invariance is one string
// comparison and a failure shows the first differing field.
#pragma once

#include "capture/http/http_conversation.h"
#include "model/source.h"
#include "model/string_pool.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hs::test {

struct ScriptStep {
    enum class Kind : std::uint8_t { Data, Gap, Fin, Rst };
    Kind kind = Kind::Data;
    Dir dir = kToServer;
    std::string bytes;
    std::uint64_t gapLength = 0;
    TimeUs time = 0;
    std::uint64_t frame = 0;
};

// Step i happens at kScriptEpoch + i ms and is carried by frame i + 1.
inline constexpr TimeUs kScriptEpoch = 1'700'000'000'000'000;

class ConversationScript {
public:
    ConversationScript &client(std::string_view bytes) { return add(ScriptStep::Kind::Data, kToServer, bytes); }
    ConversationScript &server(std::string_view bytes) { return add(ScriptStep::Kind::Data, kToClient, bytes); }
    ConversationScript &gap(Dir dir, std::uint64_t length);
    ConversationScript &fin(Dir dir) { return add(ScriptStep::Kind::Fin, dir, {}); }
    ConversationScript &rst(Dir sender) { return add(ScriptStep::Kind::Rst, sender, {}); }
    // No handshake seen: the parser may search for the first message instead of requiring it.
    ConversationScript &midstream()
    {
        midstream_ = true;
        return *this;
    }

    const std::vector<ScriptStep> &steps() const noexcept { return steps_; }
    bool isMidstream() const noexcept { return midstream_; }
    static TimeUs timeOf(std::size_t step) noexcept { return kScriptEpoch + static_cast<TimeUs>(step) * 1000; }

private:
    ConversationScript &add(ScriptStep::Kind kind, Dir dir, std::string_view bytes);
    std::vector<ScriptStep> steps_;
    bool midstream_ = false;
};

// Everything one run produced.
struct ConversationRun {
    std::unique_ptr<StringPool> pool = std::make_unique<StringPool>();
    CaptureData capture;
    Connection connection;
    bool mayBeHttp = true;
    bool upgraded = false;

    std::string_view str(StrId id) const { return pool->view(id); }
    const Transaction &tx(std::size_t i) const { return capture.transactions.at(i); }
    std::size_t count() const { return capture.transactions.size(); }
    std::string_view rawRequestHead(std::size_t i) const;
    std::string_view rawResponseHead(std::size_t i) const;
};

// Feeds one data step: the default passes the bytes in one call.
using DataFeeder = std::function<void(HttpConversation &, const ScriptStep &)>;

ConversationRun runScript(const ConversationScript &script, const DataFeeder &feed = {},
                          HttpConversationOptions options = {});

// Every field of every transaction plus the connection's HTTP fields, one per line.
std::string describe(const ConversationRun &run);

// Runs the script unsplit, then with each data step cut at every possible point (both pieces with
// the step's time and frame), then byte by byte. Returns "" when every run describes the same
// result, else which split differed and its first differing line.
std::string splitInvarianceFailure(const ConversationScript &script, HttpConversationOptions options = {});

} // namespace hs::test
