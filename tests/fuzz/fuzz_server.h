/* A service run in process for fuzzing: one server on a fresh data folder
 * for the whole run, fed one request payload per input. */
#ifndef FC_FUZZ_SERVER_H
#define FC_FUZZ_SERVER_H

#include <stddef.h>
#include <stdint.h>
#include "fcavtal/server.h"

/* Creates the server once (aborts the run if it cannot: a fuzzer without
 * its target finds nothing). */
fc_server_t *fuzz_server(const fc_service_def_t *def, void *state);
/* One input through the whole request path; the reply must decode. */
void fuzz_request(fc_server_t *server, const ProtobufCMessageDescriptor *reply_desc,
                  const uint8_t *data, size_t size);

#endif
