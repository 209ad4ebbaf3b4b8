/* fcavtal audit | snapshot | today: what the core answers for every service
 * (docs/protocol.md), so one command serves them all; --service chooses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core_print.h"
#include "fcavtal/pbjson.h"
#include "reflect.h"

#define SERVICE_FLAG {"service", NULL, FLAG_STRING, "registry, notify, costs, render, or an " \
                      "extra one from the config file"}

static const cli_flag_t audit_flags[] = {
    SERVICE_FLAG,
    {"entity", "entity", FLAG_STRING, "record type, e.g. organisation, centre, agreement"},
    {"id", "id", FLAG_ID, "only this record (with --entity)"},
    {"after", "after_seq", FLAG_NUM, "only events after this sequence number"},
    {"limit", "limit", FLAG_NUM, "at most this many events (default 100)"},
    {0},
};

static const cli_flag_t snapshot_flags[] = {SERVICE_FLAG, {0}};

static const cli_flag_t today_flags[] = {
    {"service", NULL, FLAG_STRING, "only this service (default: every one configured)"},
    {0},
};

static void usage(const char *name, const char *args, const char *summary,
                  const cli_flag_t *flags, FILE *out)
{
    fprintf(out, "usage: fcavtal %s%s%s [options]\n\n%s\n", name, args ? " " : "",
            args ? args : "", summary);
    fprintf(out, "\noptions:\n");
    fflush(out);
    cli_print_flags(flags);
}

/* Parses the command's flags: CLI_OK to go on, -1 when help was printed,
 * else the exit code of a usage error. */
static int parse(int argc, char **argv, const char *name, const char *args, size_t max_args,
                 const char *summary, const cli_flag_t *flags, cli_args_t *a)
{
    if (cli_args_parse(argc, argv, flags, a) != 0)
        return CLI_USAGE;
    if (a->help) {
        usage(name, args, summary, flags, stdout);
        return -1;
    }
    if (a->n_positional > max_args) {
        fprintf(stderr, "error: '%s' takes %s\n", name, args ? args : "no arguments");
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* The flags with a request key, as a JSON body. */
static json_t *flags_body(const cli_args_t *a)
{
    json_t *body = json_object();
    if (!body) {
        fprintf(stderr, "error: out of memory\n");
        return NULL;
    }
    if (cli_args_to_json(a, body) != 0) {
        json_decref(body);
        return NULL;
    }
    return body;
}

/* ---------------------------------------------------------------- audit */

static const char AUDIT_HELP[] =
    "Show a service's audit trail: who changed what, when, with which request id.";

int cmd_audit(cli_t *cli, int argc, char **argv)
{
    cli_args_t a;
    int rc = parse(argc, argv, "audit", NULL, 0, AUDIT_HELP, audit_flags, &a);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    cli_service_t *svc = cli_service_arg(cli, cli_arg(&a, "service"));
    json_t *body = svc ? flags_body(&a) : NULL;
    if (!body)
        return CLI_USAGE;
    ProtobufCMessage *reply = NULL;
    if ((rc = cli_call_to(cli, svc, "audit", body, false, &reply)) != CLI_OK)
        return rc;
    const ProtobufCMessage *log = cli_get_msg(reply, "audit");
    if (cli->json) {
        json_t *doc = log ? pbj_to_json(log) : NULL;
        rc = cli_print_json(doc);
        json_decref(doc);
    } else {
        rc = log && core_print_audit(log) == 0 ? CLI_OK : CLI_FAILED;
    }
    protobuf_c_message_free_unpacked(reply, NULL);
    return rc;
}

/* -------------------------------------------------------------- snapshot */

static const char SNAPSHOT_HELP[] =
    "Read a service's whole state, every page of it: the number of records of each\n"
    "type, or with --json every record.";

/* The request for the page after `cursor` (empty: the first). */
static ProtobufCMessage *page_request(const cli_service_t *svc, const ProtobufCBinaryData *cursor)
{
    Fcavtal__V1__SnapshotRequest *q = malloc(sizeof *q);
    if (!q)
        return NULL;
    fcavtal__v1__snapshot_request__init(q);
    if (cursor->len) {
        q->cursor.data = malloc(cursor->len);
        if (!q->cursor.data) {
            free(q);
            return NULL;
        }
        memcpy(q->cursor.data, cursor->data, cursor->len);
        q->cursor.len = cursor->len;
    }
    return cli_request_with(svc->def->request, "snapshot", &q->base);
}

static int next_page(cli_t *cli, core_snapshot_t *s, ProtobufCBinaryData *cursor)
{
    ProtobufCMessage *req = page_request(s->svc, cursor);
    if (!req) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    ProtobufCMessage *reply = NULL;
    int rc = cli_send(cli, req, &reply, NULL, NULL);
    protobuf_c_message_free_unpacked(req, NULL);
    if (rc != CLI_OK)
        return rc;
    const ProtobufCMessage *page = cli_get_msg(reply, "snapshot");
    free(cursor->data);
    cursor->data = NULL;
    cursor->len = 0;
    rc = page ? core_snapshot_add(s, page, cursor) : -1;
    protobuf_c_message_free_unpacked(reply, NULL);
    if (rc != 0) {
        fprintf(stderr, "error: %s: %s\n", s->svc->name,
                page ? "out of memory" : "the reply holds no snapshot page");
        return CLI_FAILED;
    }
    return CLI_OK;
}

int cmd_snapshot(cli_t *cli, int argc, char **argv)
{
    cli_args_t a;
    int rc = parse(argc, argv, "snapshot", NULL, 0, SNAPSHOT_HELP, snapshot_flags, &a);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    cli_service_t *svc = cli_service_arg(cli, cli_arg(&a, "service"));
    if (!svc)
        return CLI_USAGE;
    cli->service = svc;
    core_snapshot_t s;
    if (core_snapshot_init(&s, svc, cli->json) != 0) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    ProtobufCBinaryData cursor = {0, NULL};
    do
        rc = next_page(cli, &s, &cursor);
    while (rc == CLI_OK && cursor.len > 0);
    free(cursor.data);
    if (rc == CLI_OK)
        rc = cli->json ? cli_print_json(s.doc) : core_print_snapshot(&s) == 0 ? CLI_OK : CLI_FAILED;
    core_snapshot_clear(&s);
    return rc;
}

/* ----------------------------------------------------------------- today */

static const char TODAY_HELP[] =
    "Show the date of every service configured (the registry, and each service\n"
    "given by a flag, the environment or the config file; see 'fcavtal config'),\n"
    "or of the one --service names. 'today set DATE' moves it forward on each,\n"
    "which only a service started with --simulate allows.";

/* The services 'today' asks: the registry, and every other whose place was
 * said (a default endpoint alone may well have nobody behind it). */
static size_t today_services(cli_t *cli, const char *only, cli_fanout_t *slots)
{
    if (only) {
        cli_service_t *svc = cli_service_arg(cli, only);
        if (svc)
            slots[0].svc = svc;
        return svc ? 1 : 0;
    }
    size_t n = 0;
    for (size_t i = 0; i < cli->n_services; i++) {
        cli_service_t *svc = &cli->services[i];
        bool said = strcmp(svc->name, "registry") == 0 || svc->endpoint.from != CLI_FROM_DEFAULT;
        if (said && !svc->def->request)
            fprintf(stderr, "note: %s: skipped, this fcavtal does not know its protocol yet\n",
                    svc->name);
        else if (said)
            slots[n++].svc = svc;
    }
    return n;
}

int cmd_today(cli_t *cli, int argc, char **argv)
{
    cli_args_t a;
    int rc = parse(argc, argv, "today", "[set DATE]", 2, TODAY_HELP, today_flags, &a);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    bool set = a.n_positional > 0;
    char why[256];
    if (set && (a.n_positional != 2 || strcmp(a.positional[0], "set") != 0)) {
        fprintf(stderr, "error: 'today' takes nothing, or: set DATE\n");
        return CLI_USAGE;
    }
    if (set && pbj_date_error(a.positional[1], why, sizeof why)) {
        fprintf(stderr, "error: DATE: %s\n", why);
        return CLI_USAGE;
    }
    cli_fanout_t slots[CLI_MAX_SERVICES];
    size_t n = today_services(cli, cli_arg(&a, "service"), slots);
    if (n == 0)
        return CLI_USAGE;
    json_t *body = set ? json_pack("{ss}", "today", a.positional[1]) : json_object();
    if (!body) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    rc = cli_fanout(cli, slots, n, set ? "set_today" : "today", body);
    json_decref(body);
    /* One service asked for its date answers as before: the date alone. */
    bool alone = n == 1 && !set;
    int out = cli->json ? core_print_today_json(slots, n, alone)
                        : core_print_today(slots, n, alone);
    cli_fanout_clear(slots, n);
    return rc != CLI_OK ? rc : out;
}
