/* One round trip to the registry: build the request, send it, report what
 * came back (warnings, errors with their violations, or no reply). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "names.h"
#include "pbjson.h"
#include "print.h"

int cli_random_id(char out[CLI_ID_LEN + 1])
{
    unsigned char raw[CLI_ID_LEN / 2];
    FILE *f = fopen("/dev/urandom", "rb");
    if (!f)
        return -1;
    size_t got = fread(raw, 1, sizeof raw, f);
    fclose(f);
    if (got != sizeof raw)
        return -1;
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
    return 0;
}

static int ensure_client(cli_t *cli)
{
    if (cli->client)
        return CLI_OK;
    fc_client_opts_t opts = {
        .endpoint = cli->endpoint,
        .server_public_key = cli->server_key,
        .client_cert = cli->cert,
        .timeout_ms = cli->timeout_ms,
    };
    cli->client = fc_client_new(&opts);
    if (!cli->client) {
        fprintf(stderr, "error: cannot set up a connection to %s "
                        "(check --endpoint, --server-key and --cert)\n", cli->endpoint);
        return CLI_USAGE;
    }
    return CLI_OK;
}

static void default_explain(void *ctx, const char *field, const char *description, char *buf,
                            size_t size)
{
    (void)ctx;
    snprintf(buf, size, "%s%s%s", field && *field ? field : "", field && *field ? ": " : "",
             description ? description : "");
}

/* The registry ends a message with its first violation ("invalid
 * organisation: organisation.org_number: ...") so that a reader of the
 * message alone can act; printed as it is and then again in the list of
 * violations, the same problem would appear twice. Returns the length of the
 * message before that ending (0 when the message is nothing else), or -1
 * when the message does not end with it. */
static int message_head(const char *message, const Fcavtal__V1__FieldViolation *v)
{
    char tail[1024];
    default_explain(NULL, v->field, v->description, tail, sizeof tail);
    size_t m = strlen(message), t = strlen(tail);
    if (t == 0 || t > m || strcmp(message + m - t, tail) != 0)
        return -1;
    size_t head = m - t;
    if (head == 0)
        return 0;
    if (head >= 2 && message[head - 2] == ':' && message[head - 1] == ' ')
        return (int)(head - 2);
    return -1;
}

/* One line per problem: the message with its first violation in the
 * caller's terms, then any further violations. */
static void print_status(const Fcavtal__V1__Status *st, cli_explain_fn explain, void *ctx)
{
    const ProtobufCEnumValue *code =
        protobuf_c_enum_descriptor_get_value(&fcavtal__v1__code__descriptor, (int)st->code);
    const char *message = st->message && *st->message ? st->message : "(no message)";
    char line[1024];
    size_t next = 0;
    int head = st->n_violations ? message_head(message, st->violations[0]) : -1;
    fprintf(stderr, "error: %s: ", code ? code->name : "UNKNOWN");
    if (head >= 0) {
        explain(ctx, st->violations[0]->field, st->violations[0]->description, line, sizeof line);
        fprintf(stderr, "%.*s%s%s\n", head, message, head ? ": " : "", line);
        next = 1;
    } else {
        fprintf(stderr, "%s\n", message);
    }
    for (size_t i = next; i < st->n_violations; i++) {
        explain(ctx, st->violations[i]->field, st->violations[i]->description, line, sizeof line);
        fprintf(stderr, "  %s\n", line);
    }
}

/* Warnings come first: they matter even when the request failed. */
static int check_status(const Fcavtal__V1__Status *status, char *const *warnings,
                        size_t n_warnings, bool quiet, cli_explain_fn explain, void *ctx)
{
    bool failed = status && status->code != FCAVTAL__V1__CODE__OK;
    if (quiet)
        return failed ? CLI_FAILED : CLI_OK;
    for (size_t i = 0; i < n_warnings; i++)
        fprintf(stderr, "warning: %s\n", warnings[i]);
    if (failed) {
        print_status(status, explain ? explain : default_explain, ctx);
        return CLI_FAILED;
    }
    return CLI_OK;
}

int cli_check_status(const Fcavtal__V1__Status *status, char *const *warnings,
                     size_t n_warnings, bool quiet)
{
    return check_status(status, warnings, n_warnings, quiet, NULL, NULL);
}

static int check_reply(const cli_reply_t *reply, bool quiet, cli_explain_fn explain, void *ctx)
{
    return check_status(reply->status, reply->warnings, reply->n_warnings, quiet, explain, ctx);
}

static int set_envelope(cli_request_t *req, const char *request_id, const char *actor)
{
    char *id = strdup(request_id);
    char *who = strdup(actor ? actor : "");
    if (!id || !who) {
        free(id);
        free(who);
        return -1;
    }
    /* Fields built by pbjson are malloc-owned or the shared empty string. */
    if (req->request_id != protobuf_c_empty_string)
        free(req->request_id);
    if (req->actor != protobuf_c_empty_string)
        free(req->actor);
    req->request_id = id;
    req->actor = who;
    return 0;
}

static int send_with_id(cli_t *cli, cli_request_t *req, const char *request_id,
                        cli_reply_t **reply, cli_explain_fn explain, void *ctx)
{
    *reply = NULL;
    int rc = ensure_client(cli);
    if (rc != CLI_OK)
        return rc;
    if (set_envelope(req, request_id, cli->actor) != 0) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    ProtobufCMessage *got = fc_client_call(cli->client, &req->base,
                                           &fcavtal__v1__registry_reply__descriptor);
    if (!got) {
        if (!cli->quiet)
            fprintf(stderr, "error: no reply from %s within %d ms\n", cli->endpoint,
                cli->timeout_ms);
        return CLI_NO_REPLY;
    }
    cli_reply_t *r = (cli_reply_t *)got;
    rc = check_reply(r, cli->quiet, explain, ctx);
    if (rc != CLI_OK) {
        protobuf_c_message_free_unpacked(got, NULL);
        return rc;
    }
    *reply = r;
    return CLI_OK;
}

int cli_send(cli_t *cli, cli_request_t *req, cli_reply_t **reply, cli_explain_fn explain,
             void *ctx)
{
    return send_with_id(cli, req, cli->request_id, reply, explain, ctx);
}

/* Local conversion errors get the same "path: message" shape as the
 * server's violations, without the request's oneof name in front. */
static void print_input_error(const char *method, const pbj_error_t *err)
{
    const char *path = err->path;
    size_t n = strlen(method);
    if (strncmp(path, method, n) == 0 && (path[n] == '.' || path[n] == '\0'))
        path += path[n] ? n + 1 : n;
    fprintf(stderr, "error: %s%s%s\n", path, *path ? ": " : "", err->message);
}

static cli_request_t *build_request(const char *method, json_t *body)
{
    json_t *wrap = json_object();
    if (!wrap || json_object_set_new(wrap, method, body) != 0) {
        json_decref(wrap);
        fprintf(stderr, "error: out of memory\n");
        return NULL;
    }
    pbj_error_t err;
    ProtobufCMessage *msg =
        pbj_from_json(&fcavtal__v1__registry_request__descriptor, wrap, NULL, &err);
    json_decref(wrap);
    if (!msg)
        print_input_error(method, &err);
    return (cli_request_t *)msg;
}

int cli_call(cli_t *cli, const char *method, json_t *body, bool fresh_id, cli_reply_t **reply)
{
    *reply = NULL;
    if (!body) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    cli_request_t *req = build_request(method, body);
    if (!req)
        return CLI_FAILED;
    char fresh[CLI_ID_LEN + 1];
    const char *id = cli->request_id;
    if (fresh_id) {
        if (cli_random_id(fresh) != 0) {
            fprintf(stderr, "error: cannot read /dev/urandom for a request id\n");
            protobuf_c_message_free_unpacked(&req->base, NULL);
            return CLI_FAILED;
        }
        id = fresh;
    }
    int rc = send_with_id(cli, req, id, reply, NULL, NULL);
    protobuf_c_message_free_unpacked(&req->base, NULL);
    return rc;
}

/* Bodies whose text output names organisations and operations by id. */
static bool wants_names(const cli_reply_t *reply)
{
    switch (reply->body_case) {
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATION:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATIONS:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATION:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATIONS:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRE:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRES:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_COMPOSITION:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_AGREEMENT:
        return true;
    default:
        return false;
    }
}

int cli_output(cli_t *cli, const cli_reply_t *reply)
{
    if (!cli->json) {
        if (wants_names(reply))
            names_load(cli);
        return print_reply(reply) == 0 ? CLI_OK : CLI_FAILED;
    }
    json_t *body = pbj_oneof_to_json(&reply->base, (uint32_t)reply->body_case);
    int rc = body ? json_dumpf(body, stdout, JSON_INDENT(2) | JSON_ENCODE_ANY)
                  : (fputs("{}", stdout) < 0 ? -1 : 0);
    json_decref(body);
    putchar('\n');
    if (rc != 0 || fflush(stdout) != 0) {
        fprintf(stderr, "error: cannot write the output\n");
        return CLI_FAILED;
    }
    return CLI_OK;
}

int cli_run(cli_t *cli, const char *method, json_t *body)
{
    cli_reply_t *reply = NULL;
    int rc = cli_call(cli, method, body, false, &reply);
    if (rc != CLI_OK)
        return rc;
    rc = cli_output(cli, reply);
    protobuf_c_message_free_unpacked(&reply->base, NULL);
    return rc;
}
