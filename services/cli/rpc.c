/* One round trip to a service: build its request, send it, report what
 * came back (warnings, errors with their violations, or no reply). Works
 * for any service through its descriptors (reflect.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fcavtal/pbjson.h"
#include "reflect.h"

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

int cli_connect(cli_t *cli, cli_service_t *svc)
{
    if (svc->client)
        return CLI_OK;
    fc_client_opts_t opts = {
        .endpoint = svc->endpoint.value,
        .server_public_key = svc->server_key.value,
        .client_cert = cli->cert,
        .timeout_ms = cli->timeout_ms,
    };
    svc->client = fc_client_new(&opts);
    if (!svc->client) {
        fprintf(stderr, "error: cannot set up a connection to %s at %s "
                        "(check its endpoint and server key, see 'fcavtal config', and --cert)\n",
                svc->name, svc->endpoint.value);
        return CLI_USAGE;
    }
    return CLI_OK;
}

void cli_report_no_reply(const cli_t *cli, const cli_service_t *svc)
{
    if (!cli->quiet)
        fprintf(stderr, "error: no reply from %s at %s within %d ms\n", svc->name,
                svc->endpoint.value, cli->timeout_ms);
}

static void default_explain(void *ctx, const char *field, const char *description, char *buf,
                            size_t size)
{
    (void)ctx;
    snprintf(buf, size, "%s%s%s", field && *field ? field : "", field && *field ? ": " : "",
             description ? description : "");
}

/* Services end a message with its first violation ("invalid
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
static void print_status(const Fcavtal__V1__Status *st, const char *label,
                         cli_explain_fn explain, void *ctx)
{
    const ProtobufCEnumValue *code =
        protobuf_c_enum_descriptor_get_value(&fcavtal__v1__code__descriptor, (int)st->code);
    const char *message = st->message && *st->message ? st->message : "(no message)";
    char line[1024];
    size_t next = 0;
    int head = st->n_violations ? message_head(message, st->violations[0]) : -1;
    fprintf(stderr, "error: %s%s: ", label ? label : "", code ? code->name : "UNKNOWN");
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
int cli_check_reply(const cli_t *cli, const ProtobufCMessage *reply, const char *label,
                    cli_explain_fn explain, void *ctx)
{
    const Fcavtal__V1__Status *st = cli_reply_status(reply);
    bool failed = st && st->code != FCAVTAL__V1__CODE__OK;
    if (cli->quiet)
        return failed ? CLI_FAILED : CLI_OK;
    char **warnings;
    size_t n = cli_get_repeated(reply, "warnings", (void **)&warnings);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "warning: %s%s\n", label ? label : "", warnings[i]);
    if (failed) {
        print_status(st, label, explain ? explain : default_explain, ctx);
        return CLI_FAILED;
    }
    return CLI_OK;
}

static int set_text(ProtobufCMessage *msg, const char *name, const char *value)
{
    const ProtobufCFieldDescriptor *f = cli_field(msg->descriptor, name);
    if (!f || f->type != PROTOBUF_C_TYPE_STRING || f->label == PROTOBUF_C_LABEL_REPEATED)
        return -1;
    char *copy = strdup(value);
    if (!copy)
        return -1;
    char **slot = (char **)((char *)msg + f->offset);
    /* Text built by pbjson is malloc-owned or the shared empty string. */
    if (*slot != protobuf_c_empty_string && *slot != f->default_value)
        free(*slot);
    *slot = copy;
    return 0;
}

int cli_set_envelope(ProtobufCMessage *req, const char *request_id, const char *actor)
{
    return set_text(req, "request_id", request_id) == 0 &&
                   set_text(req, "actor", actor ? actor : "") == 0
               ? 0 : -1;
}

static int send_with_id(cli_t *cli, cli_service_t *svc, ProtobufCMessage *req,
                        const char *request_id, ProtobufCMessage **reply, cli_explain_fn explain,
                        void *ctx)
{
    *reply = NULL;
    int rc = cli_connect(cli, svc);
    if (rc != CLI_OK)
        return rc;
    if (cli_set_envelope(req, request_id, cli->actor) != 0) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    ProtobufCMessage *got = fc_client_call(svc->client, req, svc->def->reply);
    if (!got) {
        cli_report_no_reply(cli, svc);
        return CLI_NO_REPLY;
    }
    rc = cli_check_reply(cli, got, NULL, explain, ctx);
    if (rc != CLI_OK) {
        protobuf_c_message_free_unpacked(got, NULL);
        return rc;
    }
    *reply = got;
    return CLI_OK;
}

int cli_send(cli_t *cli, ProtobufCMessage *req, ProtobufCMessage **reply, cli_explain_fn explain,
             void *ctx)
{
    return send_with_id(cli, cli->service, req, cli->request_id, reply, explain, ctx);
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

ProtobufCMessage *cli_build_request(const cli_service_t *svc, const char *method, json_t *body)
{
    json_t *wrap = json_object();
    if (!wrap || json_object_set_new(wrap, method, body) != 0) {
        json_decref(wrap);
        fprintf(stderr, "error: out of memory\n");
        return NULL;
    }
    pbj_error_t err;
    ProtobufCMessage *msg = pbj_from_json(svc->def->request, wrap, NULL, &err);
    json_decref(wrap);
    if (!msg)
        print_input_error(method, &err);
    return msg;
}

int cli_call_to(cli_t *cli, cli_service_t *svc, const char *method, json_t *body,
                bool fresh_id, ProtobufCMessage **reply)
{
    *reply = NULL;
    if (!body) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    ProtobufCMessage *req = cli_build_request(svc, method, body);
    if (!req)
        return CLI_FAILED;
    char fresh[CLI_ID_LEN + 1];
    const char *id = cli->request_id;
    if (fresh_id) {
        if (cli_random_id(fresh) != 0) {
            fprintf(stderr, "error: cannot read /dev/urandom for a request id\n");
            protobuf_c_message_free_unpacked(req, NULL);
            return CLI_FAILED;
        }
        id = fresh;
    }
    int rc = send_with_id(cli, svc, req, id, reply, NULL, NULL);
    protobuf_c_message_free_unpacked(req, NULL);
    return rc;
}

int cli_call(cli_t *cli, const char *method, json_t *body, bool fresh_id,
             ProtobufCMessage **reply)
{
    return cli_call_to(cli, cli->service, method, body, fresh_id, reply);
}

int cli_print_json(const json_t *doc)
{
    int rc = doc ? json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_ENCODE_ANY)
                 : (fputs("{}", stdout) < 0 ? -1 : 0);
    putchar('\n');
    if (rc != 0 || fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "error: cannot write the output\n");
        return CLI_FAILED;
    }
    return CLI_OK;
}

int cli_output(cli_t *cli, const ProtobufCMessage *reply)
{
    if (!cli->json && cli->service->def->print) {
        if (cli->service->def->print(cli, reply) == 0 && fflush(stdout) == 0 && !ferror(stdout))
            return CLI_OK;
        fprintf(stderr, "error: cannot write the output\n");
        return CLI_FAILED;
    }
    const ProtobufCFieldDescriptor *body = cli_oneof_set(reply);
    json_t *doc = body ? pbj_oneof_to_json(reply, body->id) : NULL;
    int rc = cli_print_json(doc);
    json_decref(doc);
    return rc;
}

int cli_run(cli_t *cli, const char *method, json_t *body)
{
    ProtobufCMessage *reply = NULL;
    int rc = cli_call(cli, method, body, false, &reply);
    if (rc != CLI_OK)
        return rc;
    rc = cli_output(cli, reply);
    protobuf_c_message_free_unpacked(reply, NULL);
    return rc;
}
