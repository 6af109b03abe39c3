// SPDX-License-Identifier: MIT
// Readers for third-party HTTP parser test vectors kept in the shared data folder (read at test
// time, never copied into the repository):
//   - libhtp conversations (test/files/*.t): ">>>" client and "<<<" server blocks; "><>" / "<><"
//     blocks are gaps of that many bytes. Block boundaries follow libhtp's own test/test.c: a block
//     ends before the line end that precedes the next marker line.
//   - llhttp markdown fixtures (test/request/*.md, test/response/*.md): a `<!-- meta={...} -->`
//     line, an ```http block (line ends become CRLF, escapes \r \n \t \f \xHH \NNN are decoded, a
//     trailing backslash joins lines) and the ```log block of expected parser callbacks.
#pragma once

#include "http_script.h"

#include <filesystem>
#include <string>
#include <vector>

namespace hs::test {

// The conversation of one libhtp .t file; empty when the file does not start with a marker.
ConversationScript readLibhtpConversation(const std::string &fileBytes);

struct LlhttpCase {
    std::string file;
    std::size_t line = 0; // of the meta comment, 1-based
    std::string title;    // the nearest heading above
    std::string type;     // meta "type": request, response, request-lenient-headers, …
    std::string meta;     // the whole meta line (other flags: "skipBody", "pause", "noScan")
    std::string input;    // decoded message bytes
    std::string log;      // expected callback log
    bool isRequest() const { return type.rfind("request", 0) == 0; }
};

std::vector<LlhttpCase> readLlhttpCases(const std::filesystem::path &file);

// Figures taken from an llhttp log.
struct LlhttpExpectation {
    std::size_t heads = 0;            // "headers complete" lines
    std::vector<int> statuses;        // status=NNN of each head (responses)
    std::vector<std::string> methods; // span[method] values, in order
    std::size_t messagesComplete = 0; // "message complete" lines
    bool error = false;               // the parser stopped with an error
};
LlhttpExpectation readLlhttpLog(const std::string &log);

} // namespace hs::test
