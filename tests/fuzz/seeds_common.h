/* A seed per body of any service's request: every oneof member set to an
 * empty message, with a request id, so the fuzzer starts from every route. */
#ifndef FC_FUZZ_SEEDS_COMMON_H
#define FC_FUZZ_SEEDS_COMMON_H

#include <protobuf-c/protobuf-c.h>

/* Writes DIR/<member>.bin for each body; returns how many, or -1. */
int fuzz_write_body_seeds(const ProtobufCMessageDescriptor *request, const char *dir);

#endif
