#include "fuzz_server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/log.h"

static fc_config_t cfg;
static char dir[64];

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

fc_server_t *fuzz_server(const fc_service_def_t *def, void *state)
{
    static fc_server_t *server;
    if (server)
        return server;
    snprintf(dir, sizeof dir, "/tmp/fcavtal-fuzz-XXXXXX");
    if (!mkdtemp(dir) || fc_config_init(&cfg, def->name, 0))
        abort();
    atexit(remove_dir);
    char *argv[] = { "fuzz", "--data", dir, "--bind", "inproc://fuzz-requests", "--publish",
                     "inproc://fuzz-events", "--map-size-mb", "1024", "--simulate",
                     "--today", "2025-06-01", NULL };
    if (fc_config_parse(&cfg, def->name, 12, argv))
        abort();
    fc_log_set_level("error");
    char err[256];
    server = fc_server_new(def, &cfg, state, err, sizeof err);
    if (!server) {
        fprintf(stderr, "fuzz: %s\n", err);
        abort();
    }
    return server;
}

void fuzz_request(fc_server_t *server, const ProtobufCMessageDescriptor *reply_desc,
                  const uint8_t *data, size_t size)
{
    uint8_t *reply = NULL;
    size_t n = 0;
    if (fc_server_handle_payload(server, data, size, &reply, &n))
        abort();   /* every request gets a reply */
    ProtobufCMessage *rep = protobuf_c_message_unpack(reply_desc, NULL, n, reply);
    if (!rep)
        abort();   /* and it decodes */
    protobuf_c_message_free_unpacked(rep, NULL);
    free(reply);
}
