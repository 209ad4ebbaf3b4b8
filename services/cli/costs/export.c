/* An export written whole or not at all: the chunks go to FILE.part, which
 * is renamed once every byte arrived. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "costs.h"

static int fetch(cli_t *cli, const char *method, json_t *body, FILE **out, char *path,
                 size_t path_size, const char *want)
{
    json_int_t offset = 0, total = 0;
    do {
        json_object_set_new(body, "offset", json_integer(offset));
        ProtobufCMessage *got;
        int rc = cli_call(cli, method, json_incref(body), true, &got);
        if (rc != CLI_OK)
            return rc;
        const Fcavtal__V1__CostsExport *e = ((costs_reply_t *)got)->export;
        if (!*out) {
            snprintf(path, path_size, "%s.part", want ? want : e->filename);
            if (!(*out = fopen(path, "wb"))) {
                fprintf(stderr, "error: cannot create %s: %s\n", path, strerror(errno));
                protobuf_c_message_free_unpacked(got, NULL);
                return CLI_FAILED;
            }
        }
        size_t n = e->content.len ? fwrite(e->content.data, 1, e->content.len, *out) : 0;
        bool short_write = n != e->content.len;
        offset += (json_int_t)n;
        total = (json_int_t)e->total_bytes;
        protobuf_c_message_free_unpacked(got, NULL);
        if (short_write) {
            fprintf(stderr, "error: cannot write %s: %s\n", path, strerror(errno));
            return CLI_FAILED;
        }
        if (n == 0 && offset < total) {
            fprintf(stderr, "error: the service sent an empty chunk\n");
            return CLI_FAILED;
        }
    } while (offset < total);
    return CLI_OK;
}

int costs_export_to(cli_t *cli, const char *method, json_t *body, const char *path)
{
    char part[4096] = "";
    FILE *f = NULL;
    int rc = fetch(cli, method, body, &f, part, sizeof part, path);
    json_decref(body);
    if (f && fclose(f) != 0 && rc == CLI_OK) {
        fprintf(stderr, "error: cannot write %s: %s\n", part, strerror(errno));
        rc = CLI_FAILED;
    }
    char final[4096];
    size_t n = strlen(part);
    snprintf(final, sizeof final, "%.*s", n > 5 ? (int)(n - 5) : 0, part);
    if (rc == CLI_OK && rename(part, final) != 0) {
        fprintf(stderr, "error: cannot rename %s: %s\n", part, strerror(errno));
        rc = CLI_FAILED;
    }
    if (rc != CLI_OK && *part)
        remove(part);
    if (rc == CLI_OK && !cli->quiet)
        printf("%s\n", final);
    return rc;
}
