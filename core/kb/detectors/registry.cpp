// SPDX-License-Identifier: MIT
// Built by a function, never by static-init registration (STYLE anti-pattern 3): a static library
// would silently drop self-registering detectors.
#include "kb/detectors/detectors.h"
#include "kb/detectors/reason_groups.h"

namespace hs::kb {

std::vector<std::unique_ptr<Detector>> createDetectors(const KnowledgeBase &kb)
{
    using Factory = std::unique_ptr<Detector> (*)(const SymptomEntry &);
    static constexpr std::pair<std::string_view, Factory> kBuiltins[] = {
        {"chunked-post-reset", makeChunkedPostReset},
        {"http11-keepalive-by-design", makeHttp11KeepAliveByDesign},
        {"continue-to-http10-client", makeContinueToHttp10Client},
        {"server-waits-for-body-before-100", makeServerWaitsForBodyBefore100},
        {"continue-without-final-response", makeContinueWithoutFinalResponse},
        {"expect-without-body", makeExpectWithoutBody},
        {"expect-100-client-wait", makeExpect100ClientWait},
        {"expect-100-case-mismatch", makeExpect100CaseMismatch},
        {"expectation-failed-417", makeExpectationFailed417},
        {"early-response-reset", makeEarlyResponseReset},
        {"keepalive-idle-race", makeKeepAliveIdleRace},
        {"connection-dropped", makeConnectionDropped},
        {"slow-request-body", makeSlowRequestBody},
        {"slow-reader", makeSlowReader},
        {"service-unavailable-503", makeServiceUnavailable503},
        {"app-pool-abandoned", makeAppPoolAbandoned},
        {"oversized-request-headers", makeOversizedRequestHeaders},
        {"ambiguous-framing-te-cl", makeAmbiguousFramingTeCl},
        {"client-cert-renegotiation-413", makeClientCertRenegotiation413},
    };
    std::vector<std::unique_ptr<Detector>> out;
    for (const SymptomEntry &e : kb.symptoms()) {
        if (e.detector == DetectorKind::HttpErrReasons) {
            out.push_back(makeHttpErrReasonGroup(e));
            continue;
        }
        if (e.id == "kb898708") {
            out.push_back(makeStrayContinue(e, kb.symptom("continue-after-final-response")));
            continue;
        }
        for (const auto &[id, factory] : kBuiltins)
            if (e.id == id) {
                out.push_back(factory(e));
                break;
            }
        // continue-after-final-response is emitted by the kb898708 detector.
    }
    return out;
}

std::unique_ptr<Detector> makeHttpErrReasonGroup(const SymptomEntry &entry)
{
    return std::make_unique<ReasonGroupDetector>(entry);
}

} // namespace hs::kb
