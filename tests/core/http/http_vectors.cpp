// SPDX-License-Identifier: MIT
#include "http_vectors.h"

#include "support/test_paths.h"

#include <cstdlib>
#include <sstream>

namespace hs::test {

namespace {

// 0: no marker at pos; else 1 for client (">>>"/"><>"), 2 for server ("<<<"/"<><"). `gap` tells
// the mixed markers; `len` the marker line's length with its line end.
int markerAt(const std::string &b, std::size_t pos, bool &gap, std::size_t &len)
{
    if (pos + 3 >= b.size())
        return 0;
    const char c0 = b[pos], c1 = b[pos + 1], c2 = b[pos + 2];
    int who = 0;
    if (c0 == '<' && (c1 == '<' || c1 == '>') && c2 == '<')
        who = 2;
    else if (c0 == '>' && (c1 == '>' || c1 == '<') && c2 == '>')
        who = 1;
    if (!who)
        return 0;
    if (b[pos + 3] == '\n') {
        len = 4;
    } else if (b[pos + 3] == '\r' && pos + 4 < b.size() && b[pos + 4] == '\n') {
        len = 5;
    } else {
        return 0;
    }
    gap = c1 != c2;
    return who;
}

void appendUtf8(std::string &out, unsigned long cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        cp &= 0xFFFF;
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// The input transformation of llhttp's test/md-test.ts.
std::string decodeLlhttpInput(std::string in)
{
    if (!in.empty() && in.back() == '\n')
        in.pop_back();
    std::string s;
    for (std::size_t i = 0; i < in.size(); ++i) { // a backslash before a line end joins the lines
        if (in[i] == '\\' && i + 1 < in.size() && (in[i + 1] == '\n' || in[i + 1] == '\r')) {
            ++i;
            if (in[i] == '\r' && i + 1 < in.size() && in[i + 1] == '\n')
                ++i;
            continue;
        }
        s += in[i];
    }
    std::string crlf;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
            crlf += "\r\n";
            ++i;
        } else if (s[i] == '\r' || s[i] == '\n') {
            crlf += "\r\n";
        } else {
            crlf += s[i];
        }
    }
    std::string out;
    for (std::size_t i = 0; i < crlf.size(); ++i) {
        if (crlf[i] != '\\' || i + 1 >= crlf.size()) {
            out += crlf[i];
            continue;
        }
        const char e = crlf[i + 1];
        if (e == 'r' || e == 'n' || e == 't' || e == 'f') {
            out += e == 'r' ? '\r' : e == 'n' ? '\n' : e == 't' ? '\t' : '\f';
            ++i;
        } else if (e == 'x' && i + 2 < crlf.size() && std::isxdigit(static_cast<unsigned char>(crlf[i + 2]))) {
            std::size_t j = i + 2;
            while (j < crlf.size() && std::isxdigit(static_cast<unsigned char>(crlf[j])))
                ++j;
            appendUtf8(out, std::strtoul(crlf.substr(i + 2, j - i - 2).c_str(), nullptr, 16));
            i = j - 1;
        } else if (e >= '0' && e <= '7') {
            std::size_t j = i + 1;
            while (j < crlf.size() && j < i + 4 && crlf[j] >= '0' && crlf[j] <= '7')
                ++j;
            appendUtf8(out, std::strtoul(crlf.substr(i + 1, j - i - 1).c_str(), nullptr, 8));
            i = j - 1;
        } else {
            out += crlf[i];
        }
    }
    return out;
}

std::string metaType(const std::string &line)
{
    const std::size_t key = line.find("\"type\"");
    if (key == std::string::npos)
        return {};
    const std::size_t open = line.find('"', line.find(':', key) + 1);
    const std::size_t close = line.find('"', open + 1);
    return open == std::string::npos || close == std::string::npos ? std::string{}
                                                                   : line.substr(open + 1, close - open - 1);
}

} // namespace

ConversationScript readLibhtpConversation(const std::string &b)
{
    ConversationScript script;
    std::size_t pos = 0;
    bool gap = false;
    std::size_t len = 0;
    int who = markerAt(b, 0, gap, len);
    if (!who)
        return script;
    while (who) {
        const std::size_t start = pos + len;
        // The block ends before the '\n' that precedes the next marker (and one '\r' before it).
        std::size_t end = b.size();
        int nextWho = 0;
        bool nextGap = false;
        std::size_t nextLen = 0;
        std::size_t nextPos = b.size();
        if (!markerAt(b, start, nextGap, nextLen)) {
            for (std::size_t i = start; i < b.size(); ++i) {
                if (b[i] == '\n' && (nextWho = markerAt(b, i + 1, nextGap, nextLen))) {
                    end = i;
                    if (end > start && b[end - 1] == '\r')
                        --end;
                    nextPos = i + 1;
                    break;
                }
            }
        } else { // an empty block
            end = start;
            nextWho = markerAt(b, start, nextGap, nextLen);
            nextPos = start;
        }
        if (end > start) {
            const Dir dir = who == 1 ? kToServer : kToClient;
            if (gap)
                script.gap(dir, end - start);
            else if (dir == kToServer)
                script.client(std::string_view(b).substr(start, end - start));
            else
                script.server(std::string_view(b).substr(start, end - start));
        }
        who = nextWho;
        gap = nextGap;
        len = nextLen;
        pos = nextPos;
    }
    return script;
}

std::vector<LlhttpCase> readLlhttpCases(const std::filesystem::path &file)
{
    std::vector<LlhttpCase> cases;
    std::istringstream in(readFile(file));
    std::string line, title;
    std::size_t lineNo = 0;
    LlhttpCase pending;
    bool havePending = false;
    std::string *block = nullptr;
    std::string blockText;
    while (std::getline(in, line)) {
        ++lineNo;
        if (block) {
            if (line.rfind("```", 0) == 0) {
                *block = blockText;
                if (block == &pending.log) {
                    cases.push_back(pending);
                    havePending = false;
                }
                block = nullptr;
            } else {
                blockText += line + "\n";
            }
            continue;
        }
        if (line.rfind("#", 0) == 0) {
            title = line;
        } else if (line.rfind("<!-- meta=", 0) == 0) {
            pending = LlhttpCase{};
            pending.file = file.filename().string();
            pending.line = lineNo;
            pending.title = title;
            pending.type = metaType(line);
            pending.meta = line;
            havePending = true;
        } else if (havePending && line.rfind("```http", 0) == 0) {
            block = &pending.input;
            blockText.clear();
        } else if (havePending && line.rfind("```log", 0) == 0) {
            pending.input = decodeLlhttpInput(pending.input);
            block = &pending.log;
            blockText.clear();
        }
    }
    return cases;
}

LlhttpExpectation readLlhttpLog(const std::string &log)
{
    LlhttpExpectation e;
    std::istringstream in(log);
    std::string line;
    std::string method; // of the message being logged
    while (std::getline(in, line)) {
        if (line.find(" message begin") != std::string::npos) {
            method.clear();
        } else if (line.find(" headers complete") != std::string::npos) {
            ++e.heads;
            const std::size_t st = line.find("status=");
            if (st != std::string::npos)
                e.statuses.push_back(std::atoi(line.c_str() + st + 7));
            else
                e.methods.push_back(method);
        } else if (line.find(" message complete") != std::string::npos) {
            ++e.messagesComplete;
        } else if (line.find(" error code=") != std::string::npos) {
            e.error = true;
        } else {
            const std::size_t m = line.find("span[method]=\"");
            if (m != std::string::npos) {
                const std::size_t from = m + 14;
                method += line.substr(from, line.rfind('"') - from);
            }
        }
    }
    return e;
}

} // namespace hs::test
