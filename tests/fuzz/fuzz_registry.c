/* The registry's request path on arbitrary bytes. */
#include "fuzz_server.h"
#include "registry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_request(fuzz_server(&fc_registry_service, NULL),
                 &fcavtal__v1__registry_reply__descriptor, data, size);
    return 0;
}
