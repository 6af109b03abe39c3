// SPDX-License-Identifier: MIT
// Factories of the built-in detectors, one unit per symptom id (ARCHITECTURE §7).
#pragma once

#include "kb/detector.h"

#include <memory>

namespace hs::kb {

// 100 Continue after the final response: kb898708 on IIS 6.0 or an unknown server, else
// continue-after-final-response (one detector, two entries).
std::unique_ptr<Detector> makeStrayContinue(const SymptomEntry &kb898708, const SymptomEntry *generic);
std::unique_ptr<Detector> makeChunkedPostReset(const SymptomEntry &entry);
std::unique_ptr<Detector> makeHttp11KeepAliveByDesign(const SymptomEntry &entry);
std::unique_ptr<Detector> makeContinueToHttp10Client(const SymptomEntry &entry);
std::unique_ptr<Detector> makeServerWaitsForBodyBefore100(const SymptomEntry &entry);
std::unique_ptr<Detector> makeContinueWithoutFinalResponse(const SymptomEntry &entry);
std::unique_ptr<Detector> makeExpectWithoutBody(const SymptomEntry &entry);
std::unique_ptr<Detector> makeExpect100ClientWait(const SymptomEntry &entry);
std::unique_ptr<Detector> makeExpect100CaseMismatch(const SymptomEntry &entry);
std::unique_ptr<Detector> makeExpectationFailed417(const SymptomEntry &entry);
std::unique_ptr<Detector> makeEarlyResponseReset(const SymptomEntry &entry);
std::unique_ptr<Detector> makeKeepAliveIdleRace(const SymptomEntry &entry);
std::unique_ptr<Detector> makeConnectionDropped(const SymptomEntry &entry);
std::unique_ptr<Detector> makeSlowRequestBody(const SymptomEntry &entry);
std::unique_ptr<Detector> makeSlowReader(const SymptomEntry &entry);
std::unique_ptr<Detector> makeServiceUnavailable503(const SymptomEntry &entry);
std::unique_ptr<Detector> makeAppPoolAbandoned(const SymptomEntry &entry);
std::unique_ptr<Detector> makeOversizedRequestHeaders(const SymptomEntry &entry);
std::unique_ptr<Detector> makeAmbiguousFramingTeCl(const SymptomEntry &entry);
std::unique_ptr<Detector> makeClientCertRenegotiation413(const SymptomEntry &entry);
std::unique_ptr<Detector> makeHttpErrReasonGroup(const SymptomEntry &entry);

} // namespace hs::kb
