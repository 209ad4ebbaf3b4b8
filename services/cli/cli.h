/* The fcavtal command: shared state, the request round trip and the
 * subcommand dispatcher every command group uses. */
#ifndef FC_CLI_CLI_H
#define FC_CLI_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "args.h"
#include "fcavtal/client.h"
#include "fcavtal/v1/registry.pb-c.h"

/* Exit codes: the contract with scripts. */
enum {
    CLI_OK = 0,
    CLI_FAILED = 1,    /* the service said no, or the input is wrong */
    CLI_USAGE = 2,     /* bad command line */
    CLI_NO_REPLY = 3   /* no reply within the timeout */
};

#define CLI_ID_LEN 32

typedef Fcavtal__V1__RegistryReply cli_reply_t;
typedef Fcavtal__V1__RegistryRequest cli_request_t;

typedef struct {
    const char *endpoint;
    const char *server_key;
    const char *cert;
    const char *actor;
    const char *request_id;  /* --request-id or a fresh random one */
    char random_id[CLI_ID_LEN + 1];
    bool json;
    bool quiet;              /* report nothing (best-effort lookups) */
    int timeout_ms;
    fc_client_t *client;     /* connected on first use */
} cli_t;

/* Rewrites one violation for the user (import maps field paths back to
 * records): "where: description" into buf, without a newline. */
typedef void (*cli_explain_fn)(void *ctx, const char *field, const char *description, char *buf,
                               size_t size);

/* ------------------------------------------------------------------ rpc.c */

/* Fills out with CLI_ID_LEN random hex digits from /dev/urandom. 0 or -1. */
int cli_random_id(char out[CLI_ID_LEN + 1]);

/* Builds a request {method: body} (body is consumed), sends it and waits.
 * fresh_id: use a new random request id (reads made on the user's behalf,
 * so the user's id stays for the mutation). On CLI_OK *reply is the reply
 * with status OK; otherwise the problem was printed and *reply is NULL. */
int cli_call(cli_t *cli, const char *method, json_t *body, bool fresh_id, cli_reply_t **reply);

/* Sends a ready request (request_id and actor are filled in here) and
 * checks the reply like cli_call. explain may be NULL. */
int cli_send(cli_t *cli, cli_request_t *req, cli_reply_t **reply, cli_explain_fn explain,
             void *ctx);

/* Prints the reply body: JSON with --json, else readable text. */
int cli_output(cli_t *cli, const cli_reply_t *reply);

/* cli_call then cli_output: the whole of most commands. */
int cli_run(cli_t *cli, const char *method, json_t *body);

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

/* ------------------------------------------------------- command groups */

int cmd_org(cli_t *cli, int argc, char **argv);
int cmd_op(cli_t *cli, int argc, char **argv);
int cmd_centre(cli_t *cli, int argc, char **argv);
int cmd_agreement(cli_t *cli, int argc, char **argv);
int cmd_audit(cli_t *cli, int argc, char **argv);
int cmd_snapshot(cli_t *cli, int argc, char **argv);
int cmd_today(cli_t *cli, int argc, char **argv);
int cmd_import(cli_t *cli, int argc, char **argv);
/* commands_notify.c: fcavtal-notify at --notify EP / $FCAVTAL_NOTIFY */
int cmd_deadlines(cli_t *cli, int argc, char **argv);
int cmd_notifications(cli_t *cli, int argc, char **argv);
int cmd_calendar(cli_t *cli, int argc, char **argv);

#endif
