/* The render service's request path on arbitrary bytes: the engine and the
 * shipped templates are loaded; the read model of the registry is empty, so
 * what is fuzzed is decoding, validation, lookups and the core's requests. */
#include <stdlib.h>

#include "fuzz_server.h"
#include "service.h"
#include "templates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rsv_state_t *state(void)
{
    static rsv_state_t s;
    if (s.engine)
        return &s;
    rnd_error_t err = RND_ERROR_INIT;
    if (rnd_engine_new(&s.engine, &err)
        || rsv_templates_open(FC_SOURCE_DIR "/deploy/templates", &s.templates, &err))
        abort();
    rnd_error_reset(&err);
    s.max_reply = (size_t)1 << 20;
    s.max_document = (size_t)16 << 20;
    return &s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_request(fuzz_server(&rsv_service, state()), &fcavtal__v1__render_reply__descriptor,
                 data, size);
    return 0;
}
