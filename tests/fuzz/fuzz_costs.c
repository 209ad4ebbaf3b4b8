/* The costs service's request path on arbitrary bytes (no follower: the
 * read model of the registry is empty): items, rules, runs, exports and the
 * core's requests. */
#include "costs_service.h"
#include "fuzz_server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cst_state_t state = { .threads = 1 };
    fuzz_request(fuzz_server(&cst_service, &state), &fcavtal__v1__costs_reply__descriptor, data,
                 size);
    return 0;
}
