/* The cost service's commands (fcavtal costs ...) and the text output of
 * its replies. */
#ifndef FC_CLI_COSTS_H
#define FC_CLI_COSTS_H

#include "cli.h"
#include "fcavtal/v1/costs.pb-c.h"

typedef Fcavtal__V1__CostsReply costs_reply_t;

int cmd_costs(cli_t *cli, int argc, char **argv);

/* The service table's text output of costs' replies. */
int cli_costs_print(cli_t *cli, const ProtobufCMessage *reply);

/* ---- period.c ---- */
/* "2025", "2025Q1", "2025-03" or "2025-01-01..2025-06-30" as the wire's
 * SettlementPeriod ({"kind", "from", "to"}); NULL with the problem printed. */
json_t *costs_period_arg(const char *text);
/* Kronor as people write them ("600 000", "1234,50", "99.5") into öre,
 * exactly, without floating point. 0, or -1 with the problem printed. */
int costs_amount_arg(const char *text, int64_t *ore);

/* ---- load.c ---- */
/* fcavtal costs load FILE: items, local rules and charts of accounts, with
 * centres, operations and organisations named as in the registry. */
int costs_load(cli_t *cli, const char *path);

/* ---- export.c ---- */
/* Every chunk of an export (method "export_csv" or "export_sie", body
 * consumed) into path (NULL: the service's suggested file name). */
int costs_export_to(cli_t *cli, const char *method, json_t *body, const char *path);

/* ---- print.c ---- */
/* A run in full: header, every page of party lines, organisations and
 * transfers (fetched here). */
int costs_print_run_full(cli_t *cli, const Fcavtal__V1__SettlementRun *run);

#endif
