// SPDX-License-Identifier: MIT
#include "report/html_csp.h"

#include <QByteArray>
#include <QCryptographicHash>

namespace hs::html {

std::string cspHashSource(std::string_view content)
{
    const QByteArray digest = QCryptographicHash::hash(
        QByteArrayView(content.data(), static_cast<qsizetype>(content.size())), QCryptographicHash::Sha256);
    const QByteArray b64 = digest.toBase64();
    return "'sha256-" + std::string(b64.constData(), static_cast<std::size_t>(b64.size())) + "'";
}

std::string contentSecurityPolicy(std::string_view style, std::string_view script)
{
    std::string csp = "default-src 'none'; style-src " + cspHashSource(style) + "; script-src ";
    csp += script.empty() ? std::string("'none'") : cspHashSource(script);
    csp += "; img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
           "frame-src 'none'; base-uri 'none'; form-action 'none'";
    return csp;
}

} // namespace hs::html
