/* The notify service's request path on arbitrary bytes, with the default
 * policy and no channels, registry or follower: decoding, validation,
 * queries over its own store, calendars and the core's requests. */
#include "fuzz_server.h"
#include "notify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ntf_t *state(void)
{
    static ntf_t s;
    static int ready;
    if (!ready) {
        ntf_policy_default(&s.policy);
        ready = 1;
    }
    return &s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_request(fuzz_server(&ntf_service, state()), &fcavtal__v1__notify_reply__descriptor,
                 data, size);
    return 0;
}
