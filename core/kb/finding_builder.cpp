// SPDX-License-Identifier: MIT
#include "kb/finding_builder.h"

namespace hs::kb {

FindingBuilder::FindingBuilder(const SymptomEntry &entry)
{
    f_.id = entry.id;
    f_.title = entry.title;
    f_.severity = entry.severity;
    f_.kb = entry.kb;
    for (const auto &r : entry.references)
        f_.references.push_back(r.url);
    f_.remediation = entry.remediation;
}

void FindingBuilder::coverTime(TimeUs t)
{
    widenTimeRange(f_.first, f_.last, t);
}

void FindingBuilder::addConnection(const Connection &c)
{
    addConnectionKey(c.key());
    if (c.client.valid())
        addClient(c.client.ip.toString());
}

void FindingBuilder::addConnectionKey(const std::string &key)
{
    if (connectionSet_.size() >= kMaxConnections || !connectionSet_.insert(key).second)
        return;
    f_.connections.push_back(key);
}

void FindingBuilder::addClient(const std::string &address)
{
    if (address.empty() || clientSet_.size() >= kMaxClients || !clientSet_.insert(address).second)
        return;
    f_.clients.push_back(address);
}

void FindingBuilder::addEvidence(Evidence e)
{
    ++f_.evidenceTotal;
    coverTime(e.time);
    if (f_.evidence.size() < kMaxEvidence)
        f_.evidence.push_back(std::move(e));
}

void FindingBuilder::prependRemediation(Remediation r)
{
    f_.remediation.insert(f_.remediation.begin(), std::move(r));
}

Finding FindingBuilder::take()
{
    return std::move(f_);
}

} // namespace hs::kb
