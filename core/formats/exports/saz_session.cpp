// SPDX-License-Identifier: MIT
#include "formats/exports/saz_session.h"

#include "formats/text_scan.h"
#include "model/ip_address.h"

#include <QByteArray>
#include <QString>
#include <QXmlStreamReader>

#include <cstring>

namespace hs {
namespace {

constexpr std::size_t kLocalHeaderSize = 30;

std::uint16_t le16(std::string_view b, std::size_t at) noexcept
{
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | (static_cast<unsigned char>(b[at + 1]) << 8));
}

std::uint32_t le32(std::string_view b, std::size_t at) noexcept
{
    return static_cast<std::uint32_t>(le16(b, at)) | (static_cast<std::uint32_t>(le16(b, at + 2)) << 16);
}

bool isLocalHeader(std::string_view b, std::size_t at) noexcept
{
    return at + 4 <= b.size() && std::memcmp(b.data() + at, "PK\x03\x04", 4) == 0;
}

// The member name of the local header at `at`, or an empty view when it does not fit in `b`.
std::string_view localName(std::string_view b, std::size_t at) noexcept
{
    if (at + kLocalHeaderSize > b.size())
        return {};
    const std::size_t length = le16(b, at + 26);
    if (at + kLocalHeaderSize + length > b.size())
        return {};
    return b.substr(at + kLocalHeaderSize, length);
}

bool namesSazRequest(std::string_view name) noexcept
{
    std::uint64_t session = 0;
    SazPart part = SazPart::Metadata;
    return parseSazMemberName(name, session, part) && part == SazPart::Request;
}

// Fiddler listens on IPv6 sockets and writes IPv4 clients as "::ffff:10.0.0.5"; logs and captures
// know them as 10.0.0.5.
IpAddress unmapped(const IpAddress &ip) noexcept
{
    static constexpr std::uint8_t kPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (ip.isV6() && std::memcmp(ip.bytes.data(), kPrefix, sizeof kPrefix) == 0)
        return IpAddress::v4(ip.bytes.data() + 12);
    return ip;
}

std::string utf8(QStringView s)
{
    const QByteArray b = s.toUtf8();
    return std::string(b.constData(), static_cast<std::size_t>(b.size()));
}

TimeUs timerValue(QStringView text, const char *name, SazMetadata &m)
{
    const std::string value = utf8(text);
    const auto t = parseIso(value);
    if (!t) {
        if (m.bad.size() < 16)
            m.bad.push_back(std::string(name) + "=\"" + value.substr(0, 60) + "\"");
        return kNoTime;
    }
    // DateTime.MinValue ("0001-01-01T00:00:00"): a timer Fiddler never set.
    if (*t < kUsPerDay * 365 * 10)
        return kNoTime;
    return *t;
}

void readTimers(const QXmlStreamAttributes &attributes, SazMetadata &m)
{
    struct Timer {
        const char *name;
        TimeUs SazMetadata::*field;
    };
    static constexpr Timer kTimers[] = {
        {"ClientConnected", &SazMetadata::clientConnected},
        {"ClientBeginRequest", &SazMetadata::clientBeginRequest},
        {"GotRequestHeaders", &SazMetadata::gotRequestHeaders},
        {"ClientDoneRequest", &SazMetadata::clientDoneRequest},
        {"ServerConnected", &SazMetadata::serverConnected},
        {"FiddlerBeginRequest", &SazMetadata::fiddlerBeginRequest},
        {"ServerGotRequest", &SazMetadata::serverGotRequest},
        {"ServerBeginResponse", &SazMetadata::serverBeginResponse},
        {"GotResponseHeaders", &SazMetadata::gotResponseHeaders},
        {"ServerDoneResponse", &SazMetadata::serverDoneResponse},
        {"ClientBeginResponse", &SazMetadata::clientBeginResponse},
        {"ClientDoneResponse", &SazMetadata::clientDoneResponse},
    };
    for (const Timer &timer : kTimers)
        if (attributes.hasAttribute(QLatin1String(timer.name)))
            m.*timer.field = timerValue(attributes.value(QLatin1String(timer.name)), timer.name, m);
}

void readFlag(QStringView name, QStringView value, SazMetadata &m)
{
    const std::string v = utf8(value);
    auto note = [&] {
        if (m.bad.size() < 16)
            m.bad.push_back(utf8(name) + "=\"" + v.substr(0, 60) + "\"");
    };
    if (name.compare(QLatin1String("x-clientip"), Qt::CaseInsensitive) == 0) {
        if (const auto ip = parseIp(v))
            m.client.ip = unmapped(ip->address);
        else
            note();
    } else if (name.compare(QLatin1String("x-clientport"), Qt::CaseInsensitive) == 0) {
        if (!text::parseUnsigned(v, m.client.port))
            note();
    } else if (name.compare(QLatin1String("x-hostip"), Qt::CaseInsensitive) == 0) {
        if (const auto ip = parseIp(v))
            m.serverIp = unmapped(ip->address);
        else
            note();
    } else if (name.compare(QLatin1String("x-egressport"), Qt::CaseInsensitive) == 0) {
        if (!text::parseUnsigned(v, m.egressPort))
            note();
    } else if (name.compare(QLatin1String("x-processinfo"), Qt::CaseInsensitive) == 0) {
        m.process = v.substr(0, v.find(':')); // "msedge:12140"
    }
}

} // namespace

bool parseSazMemberName(std::string_view path, std::uint64_t &session, SazPart &part) noexcept
{
    // raw/<digits>_<c|s|m>.<txt|xml>
    if (path.size() < 11 || !text::startsWithNoCase(path, "raw") || (path[3] != '/' && path[3] != '\\'))
        return false;
    std::string_view rest = path.substr(4);
    const std::size_t underscore = rest.find('_');
    if (underscore == std::string_view::npos || !text::parseUnsigned(rest.substr(0, underscore), session))
        return false;
    const std::string_view suffix = rest.substr(underscore + 1);
    if (text::equalsNoCase(suffix, "c.txt"))
        part = SazPart::Request;
    else if (text::equalsNoCase(suffix, "s.txt"))
        part = SazPart::Response;
    else if (text::equalsNoCase(suffix, "m.xml"))
        part = SazPart::Metadata;
    else
        return false;
    return true;
}

bool zipHeadHasSazRequest(std::string_view head) noexcept
{
    // The members in the order they were written: name, then skip the compressed data.
    std::uint64_t pos = 0;
    for (int members = 0; members < 4096 && isLocalHeader(head, pos); ++members) {
        const std::string_view name = localName(head, pos);
        if (name.empty())
            break;
        if (namesSazRequest(name))
            return true;
        const std::uint16_t flags = le16(head, pos + 6);
        const std::uint32_t compressed = le32(head, pos + 18);
        // Sizes in a trailing data descriptor (flag bit 3) or in a zip64 extra field: the walk
        // cannot skip the data; the scan below takes over.
        if ((flags & 0x0008) != 0 || compressed == 0xFFFFFFFFu)
            break;
        pos += kLocalHeaderSize + name.size() + le16(head, pos + 28) + compressed;
    }
    // Every local header signature in the head, in case the walk could not skip a member.
    for (std::size_t at = head.find("PK\x03\x04"); at != std::string_view::npos; at = head.find("PK\x03\x04", at + 4)) {
        if (namesSazRequest(localName(head, at)))
            return true;
    }
    return false;
}

SazMetadata parseSazMetadata(std::string_view xml)
{
    SazMetadata m;
    QXmlStreamReader reader(QByteArray::fromRawData(xml.data(), static_cast<qsizetype>(xml.size())));
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = reader.name();
        const QXmlStreamAttributes attributes = reader.attributes();
        if (name == QLatin1String("Session")) {
            text::parseUnsigned(utf8(attributes.value(QLatin1String("SID"))), m.sid);
            text::parseUnsigned(utf8(attributes.value(QLatin1String("BitFlags"))), m.bitFlags);
        } else if (name == QLatin1String("SessionTimers")) {
            readTimers(attributes, m);
        } else if (name == QLatin1String("SessionFlag")) {
            readFlag(attributes.value(QLatin1String("N")), attributes.value(QLatin1String("V")), m);
        }
    }
    if (reader.hasError())
        m.xmlError = "line " + std::to_string(reader.lineNumber()) + " column " +
                     std::to_string(reader.columnNumber()) + ": " + utf8(reader.errorString());
    return m;
}

std::size_t headBlockEnd(std::string_view bytes, std::size_t from) noexcept
{
    // The first empty line: CRLF CRLF, or bare LFs from tools that write them.
    for (std::size_t i = bytes.find('\n', from); i != std::string_view::npos; i = bytes.find('\n', i + 1)) {
        if (i + 1 < bytes.size() && bytes[i + 1] == '\n')
            return i + 2;
        if (i + 2 < bytes.size() && bytes[i + 1] == '\r' && bytes[i + 2] == '\n')
            return i + 3;
    }
    return std::string_view::npos;
}

} // namespace hs
