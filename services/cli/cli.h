/* The fcavtal command: the services it talks to, the request round trip
 * and the subcommand dispatcher every command group uses. */
#ifndef FC_CLI_CLI_H
#define FC_CLI_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "args.h"
#include "fcavtal/client.h"
#include "fcavtal/v1/common.pb-c.h"

/* Exit codes: the contract with scripts. */
enum {
    CLI_OK = 0,
    CLI_FAILED = 1,    /* the service said no, or the input is wrong */
    CLI_USAGE = 2,     /* bad command line */
    CLI_NO_REPLY = 3   /* no reply within the timeout */
};

#define CLI_ID_LEN 32
#define CLI_MAX_SERVICES 16
#define CLI_NAME_MAX 64
#define CLI_FROM_MAX 512

typedef struct cli cli_t;

/* Text output of a reply of the service (the body it carries); 0, or -1
 * when the output could not be written. */
typedef int (*cli_print_fn)(cli_t *cli, const ProtobufCMessage *reply);

/* A service the command knows (main.c's table). */
typedef struct {
    const char *name;  /* "registry": flags --registry and --registry-key, environment
                          FCAVTAL_REGISTRY and FCAVTAL_REGISTRY_KEY, config section */
    int port;          /* default endpoint tcp://127.0.0.1:<port> */
    /* Its request and reply messages; NULL while this build does not know
     * its protocol (the service's commands are not written yet). */
    const ProtobufCMessageDescriptor *request;
    const ProtobufCMessageDescriptor *reply;
    cli_print_fn print;     /* text output of its replies; NULL: as JSON */
    void (*clear)(void);    /* frees what its printers cached; may be NULL */
} cli_service_def_t;

/* Where a setting came from, weakest first: a stronger one replaces it. */
typedef enum { CLI_FROM_DEFAULT, CLI_FROM_FILE, CLI_FROM_ENV, CLI_FROM_FLAG } cli_from_t;

/* One setting and where it came from ("--registry", "FCAVTAL_ENDPOINT",
 * the config file's path, "default"). */
typedef struct {
    char *value;  /* owned; NULL: not set */
    cli_from_t from;
    char from_what[CLI_FROM_MAX];
} cli_setting_t;

/* A service as this run sees it: one of the table's, or an extra instance
 * of one (a config file section naming its service). */
typedef struct {
    const cli_service_def_t *def;
    char name[CLI_NAME_MAX];
    cli_setting_t endpoint;
    cli_setting_t server_key;
    fc_client_t *client;  /* connected on first use */
} cli_service_t;

struct cli {
    cli_service_t services[CLI_MAX_SERVICES];
    size_t n_services;
    cli_service_t *service;  /* the service of the command group being run */
    char config_path[CLI_FROM_MAX];  /* "" when there is none to read */
    bool config_found;
    const char *cert;
    const char *actor;
    const char *request_id;  /* --request-id or a fresh random one */
    char random_id[CLI_ID_LEN + 1];
    bool json;
    bool quiet;              /* report nothing (best-effort lookups) */
    int timeout_ms;
};

/* Rewrites one violation for the user (import maps field paths back to
 * records): "where: description" into buf, without a newline. */
typedef void (*cli_explain_fn)(void *ctx, const char *field, const char *description, char *buf,
                               size_t size);

/* -------------------------------------------------------------- settings.c */

/* The services of `defs` (n of them) with their default endpoints. */
void cli_settings_init(cli_t *cli, const cli_service_def_t *defs, size_t n);
/* Replaces the setting unless it holds a stronger one. 0, or -1 out of memory. */
int cli_setting_set(cli_setting_t *s, const char *value, cli_from_t from, const char *from_what);
/* Reads the config file (--config, $FCAVTAL_CONFIG or ~/.config/fcavtal/cli.cfg)
 * and the environment. CLI_OK, or CLI_USAGE with the problem printed. */
int cli_settings_load(cli_t *cli, const char *config_flag);
void cli_settings_clear(cli_t *cli);
/* The service named `name`, or NULL. */
cli_service_t *cli_service(cli_t *cli, const char *name);
/* "registry, notify, costs, render": for messages. */
const char *cli_service_names(const cli_t *cli, char *buf, size_t n);
/* The service for a --service option (NULL: the registry), checked to be
 * one this build can talk to; NULL with a usage error printed. */
cli_service_t *cli_service_arg(cli_t *cli, const char *name);

/* ------------------------------------------------------------------ rpc.c */

/* Fills out with CLI_ID_LEN random hex digits from /dev/urandom. 0 or -1. */
int cli_random_id(char out[CLI_ID_LEN + 1]);

/* Builds svc's request {method: body} (body is consumed), sends it and
 * waits. fresh_id: use a new random request id (reads made on the user's
 * behalf, so the user's id stays for the mutation). On CLI_OK *reply is the
 * reply with status OK; otherwise the problem was printed and *reply is NULL. */
int cli_call_to(cli_t *cli, cli_service_t *svc, const char *method, json_t *body,
                bool fresh_id, ProtobufCMessage **reply);

/* cli_call_to the service of the running command group. */
int cli_call(cli_t *cli, const char *method, json_t *body, bool fresh_id,
             ProtobufCMessage **reply);

/* Sends a ready request of the group's service (request_id and actor are
 * filled in here) and checks the reply like cli_call. explain may be NULL. */
int cli_send(cli_t *cli, ProtobufCMessage *req, ProtobufCMessage **reply, cli_explain_fn explain,
             void *ctx);

/* Prints the reply's body: JSON with --json, else the service's text. */
int cli_output(cli_t *cli, const ProtobufCMessage *reply);
/* Prints JSON to stdout as every command does. CLI_OK or CLI_FAILED. */
int cli_print_json(const json_t *doc);

/* cli_call then cli_output: the whole of most commands. */
int cli_run(cli_t *cli, const char *method, json_t *body);

/* The pieces the round trip is made of, for fanout.c. */
int cli_connect(cli_t *cli, cli_service_t *svc);
ProtobufCMessage *cli_build_request(const cli_service_t *svc, const char *method, json_t *body);
int cli_set_envelope(ProtobufCMessage *req, const char *request_id, const char *actor);
/* Warnings and a failed status, each line after `label` ("registry: ") when
 * not NULL. CLI_OK or CLI_FAILED. */
int cli_check_reply(const cli_t *cli, const ProtobufCMessage *reply, const char *label,
                    cli_explain_fn explain, void *ctx);
void cli_report_no_reply(const cli_t *cli, const cli_service_t *svc);

/* --------------------------------------------------------------- fanout.c */

typedef struct {
    cli_service_t *svc;
    ProtobufCMessage *reply;  /* owned; NULL unless rc is CLI_OK */
    int rc;
} cli_fanout_t;

/* Sends {method: body} to every slot's service at once and waits, all
 * together, at most the timeout. Each slot ends with CLI_OK and its reply,
 * or an exit code with the problem printed after the service's name.
 * Returns CLI_OK when every slot did. */
int cli_fanout(cli_t *cli, cli_fanout_t *slots, size_t n, const char *method,
               const json_t *body);
void cli_fanout_clear(cli_fanout_t *slots, size_t n);

/* ---------------------------------------------------------------- pages.c */

/* Every page of a list (method's body has limit and after_id, the reply's
 * list has items and next_after_id) in one reply, or at most max items
 * (0: all). *more: items are left after the last one kept. Consumes body. */
int cli_list(cli_t *cli, const char *method, json_t *body, size_t max, ProtobufCMessage **reply,
             bool *more);

/* ------------------------------------------------------------- dispatch.c */

typedef struct cli_sub cli_sub_t;
struct cli_sub {
    const char *name;        /* "add" */
    const char *args;        /* positional arguments for usage: "ID FILE" */
    size_t n_args;           /* how many positionals are required */
    const char *summary;
    const cli_flag_t *flags;
    int (*run)(cli_t *cli, const cli_args_t *args);
};

/* Runs argv[0] of the group's subcommands: parses flags, checks the count
 * of positionals, prints help. */
int cli_dispatch(cli_t *cli, const char *group, const cli_sub_t *subs, int argc, char **argv);
void cli_group_usage(const char *group, const cli_sub_t *subs, FILE *out);

/* ------------------------------------------------------------ jsonfile.c */

/* Loads a JSON document from path ("-" for stdin). NULL with the problem
 * (file error, or syntax error with line and column) printed. */
json_t *cli_load_json(const char *path);

/* A positional id argument; prints a usage error and returns -1 if bad. */
int cli_id_arg(const char *text, const char *what, json_int_t *out);

/* ---------------------------------------------- commands every service has */

int cmd_audit(cli_t *cli, int argc, char **argv);
int cmd_snapshot(cli_t *cli, int argc, char **argv);
int cmd_today(cli_t *cli, int argc, char **argv);
int cmd_config(cli_t *cli, int argc, char **argv);

#endif
