// SPDX-License-Identifier: MIT
#include "capture/net/capture_read.h"

#include "capture/net/capture_session.h"
#include "capture/net/http_stream_sink.h"
#include "model/string_pool.h"

namespace hs::net {

void readCapture(ReadContext &ctx, const CaptureParser &parse)
{
    Source &source = ctx.source;
    if (!source.capture)
        source.capture = std::make_unique<CaptureData>();
    InternCache strings(ctx.strings); // this reader's thread: header values rarely reach the pool's lock
    HttpConversationOptions http;
    http.headArenaBudget = ctx.options.headArenaBudget;
    http.internCache = &strings;
    HttpSinkFactory factory(ctx.strings, *source.capture, http);
    CaptureSession session(source, factory, true);
    CaptureReadControl control(&ctx.cancel, &ctx.progress);
    const CaptureParseResult result = parse(session, control);
    session.finish();
    control.done(source.bytes.size());
    source.formatVariant = result.variant;
    source.readCompleted = !result.stopped && !result.fatal;
}

} // namespace hs::net
