/* fcavtal costs: cost items, allocation rules, settlement runs and their
 * exports, at fcavtal-costs (docs/costs.md).
 *
 *   fcavtal costs add CENTRE --category C --amount KR --from D --to D [--paid-by OP] ...
 *   fcavtal costs load FILE
 *   fcavtal costs list [--centre ID] [--period P] [--category C] [--withdrawn]
 *   fcavtal costs withdraw ITEM [--note TEXT]
 *   fcavtal costs run PERIOD [--centres IDS | --municipality ID] [--note TEXT]
 *   fcavtal costs runs [--centre ID] [--status S]
 *   fcavtal costs show RUN [--items CENTRE]
 *   fcavtal costs explain RUN OPERATION [--item ID]
 *   fcavtal costs finalise|discard|correct RUN [--note TEXT]
 *   fcavtal costs export RUN (--csv TABLE | --sie ORG) [-o FILE] [--generated DATE]
 *   fcavtal costs rules CENTRE [--from D --to D] | rules-set CENTRE FILE
 *   fcavtal costs chart ORG | chart-set FILE
 *   fcavtal costs status
 *
 * The service is found like every other (--costs EP, $FCAVTAL_COSTS, the
 * config file's [costs] section). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "costs.h"

/* ------------------------------------------------------------ items */

static const cli_flag_t add_flags[] = {
    {"category", NULL, FLAG_STRING, "coordinator, premises, joint-activity or other (required)"},
    {"amount", NULL, FLAG_STRING, "kronor, e.g. 600000 or \"1 234,50\" (required)"},
    {"from", "from", FLAG_DATE, "the first day the cost covers (required)"},
    {"to", "to", FLAG_DATE, "the last day it covers (required)"},
    {"paid-by", "paid_by_operation_id", FLAG_ID,
     "the operation that paid (default for the coordinator: its employer)"},
    {"note", "note", FLAG_STRING, "what it is"},
    {"reference", "reference", FLAG_STRING, "invoice or case number"},
    {"credit", "credit", FLAG_BOOL, "a credit note: the amount is taken back"},
    {0},
};

static int items_add(cli_t *cli, const cli_args_t *a)
{
    json_int_t centre;
    int64_t ore;
    if (cli_id_arg(a->positional[0], "CENTRE", &centre))
        return CLI_USAGE;
    const char *cat = cli_arg(a, "category"), *amount = cli_arg(a, "amount");
    if (!cat || !amount || !cli_arg(a, "from") || !cli_arg(a, "to")) {
        fprintf(stderr, "error: 'costs add' needs --category, --amount, --from and --to\n");
        return CLI_USAGE;
    }
    if (costs_amount_arg(amount, &ore))
        return CLI_USAGE;
    json_t *item = json_pack("{sI ss sI}", "centre_id", centre, "category", cat, "amount",
                             (json_int_t)ore);
    if (!item || cli_args_to_json(a, item)) {
        json_decref(item);
        return CLI_USAGE;
    }
    return cli_run(cli, "add_cost_item", json_pack("{so}", "item", item));
}

static int items_load(cli_t *cli, const cli_args_t *a)
{
    return costs_load(cli, a->positional[0]);
}

/* The flags of a list as its request body, --period parsed into a
 * range; NULL (usage error) when a flag or the period is malformed. */
static json_t *list_body(const cli_args_t *a)
{
    json_t *body = json_object();
    if (!body || cli_args_to_json(a, body)) {
        json_decref(body);
        return NULL;
    }
    const char *period = cli_arg(a, "period");
    if (period) {
        json_t *p = costs_period_arg(period);
        if (!p || json_object_set_new(body, "period", p)) {
            json_decref(body);
            return NULL;
        }
    }
    return body;
}

static const cli_flag_t list_flags[] = {
    {"centre", "centre_id", FLAG_ID, "only this centre's items"},
    {"period", NULL, FLAG_STRING, "only items with a day in it (2025, 2025Q1, 2025-03, A..B)"},
    {"category", "category", FLAG_STRING, "only this category"},
    {"paid-by", "paid_by_operation_id", FLAG_ID, "only items this operation paid"},
    {"withdrawn", "include_withdrawn", FLAG_BOOL, "withdrawn items too"},
    {"limit", NULL, FLAG_NUM, "stop after N (default: all, page by page)"},
    {0},
};

static int items_list(cli_t *cli, const cli_args_t *a)
{
    json_t *body = list_body(a);
    if (!body)
        return CLI_USAGE;
    const char *limit = cli_arg(a, "limit");
    ProtobufCMessage *reply;
    bool more;
    int rc = cli_list(cli, "list_cost_items", body, limit ? (size_t)atoll(limit) : 0, &reply, &more);
    if (rc != CLI_OK)
        return rc;
    rc = cli_output(cli, reply);
    if (more && !cli->json)
        printf("(more items follow: raise --limit)\n");
    protobuf_c_message_free_unpacked(reply, NULL);
    return rc;
}

static const cli_flag_t note_flags[] = {
    {"note", "note", FLAG_STRING, "why"},
    {0},
};

static int items_withdraw(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ITEM", &id))
        return CLI_USAGE;
    json_t *body = json_pack("{sI}", "item_id", id);
    if (!body || cli_args_to_json(a, body)) {
        json_decref(body);
        return CLI_USAGE;
    }
    return cli_run(cli, "withdraw_cost_item", body);
}

/* ------------------------------------------------------------ runs */

static const cli_flag_t run_flags[] = {
    {"centres", "centre_ids", FLAG_LIST, "these centres (comma-separated ids; default: every "
                                         "centre with costs)"},
    {"municipality", "municipality_id", FLAG_ID, "the municipality's centres"},
    {"note", "note", FLAG_STRING, "a note on the run"},
    {0},
};

/* A run's reply in full: its parties, organisations and transfers. */
static int run_reply_full(cli_t *cli, ProtobufCMessage *reply)
{
    const costs_reply_t *r = (const costs_reply_t *)reply;
    int rc = cli->json || r->body_case != FCAVTAL__V1__COSTS_REPLY__BODY_RUN
                 ? cli_output(cli, reply)
                 : costs_print_run_full(cli, r->run);
    protobuf_c_message_free_unpacked(reply, NULL);
    return rc;
}

static int runs_run(cli_t *cli, const cli_args_t *a)
{
    json_t *p = costs_period_arg(a->positional[0]);
    if (!p)
        return CLI_USAGE;
    json_t *body = json_pack("{so}", "period", p);
    if (!body || cli_args_to_json(a, body)) {
        json_decref(body);
        return CLI_USAGE;
    }
    ProtobufCMessage *reply;
    int rc = cli_call(cli, "run_settlement", body, false, &reply);
    return rc == CLI_OK ? run_reply_full(cli, reply) : rc;
}

static const cli_flag_t runs_flags[] = {
    {"centre", "centre_id", FLAG_ID, "runs covering this centre"},
    {"status", "status", FLAG_STRING, "draft, finalised or discarded"},
    {"kind", "kind", FLAG_STRING, "settlement or correction"},
    {"period", NULL, FLAG_STRING, "runs overlapping it"},
    {0},
};

static int runs_list(cli_t *cli, const cli_args_t *a)
{
    json_t *body = list_body(a);
    if (!body)
        return CLI_USAGE;
    ProtobufCMessage *reply;
    bool more;
    int rc = cli_list(cli, "list_runs", body, 0, &reply, &more);
    if (rc == CLI_OK) {
        rc = cli_output(cli, reply);
        protobuf_c_message_free_unpacked(reply, NULL);
    }
    return rc; /* every page: runs are few */
}

static const cli_flag_t show_flags[] = {
    {"items", NULL, FLAG_ID, "this centre's items and segments instead"},
    {0},
};

static int runs_show(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "RUN", &id))
        return CLI_USAGE;
    json_t *body = json_pack("{sI}", "run_id", id);
    const char *centre = cli_arg(a, "items");
    if (centre) {
        unsigned long long c;
        if (cli_parse_id(centre, &c)) {
            fprintf(stderr, "error: --items takes a centre id\n");
            json_decref(body);
            return CLI_USAGE;
        }
        json_object_set_new(body, "part", json_string("items"));
        json_object_set_new(body, "centre_id", json_integer((json_int_t)c));
        return cli_run(cli, "show_run", body);
    }
    ProtobufCMessage *reply;
    int rc = cli_call(cli, "show_run", body, false, &reply);
    return rc == CLI_OK ? run_reply_full(cli, reply) : rc;
}

static const cli_flag_t explain_flags[] = {
    {"item", "item_id", FLAG_ID, "only this item"},
    {0},
};

static int runs_explain(cli_t *cli, const cli_args_t *a)
{
    json_int_t run, op;
    if (cli_id_arg(a->positional[0], "RUN", &run) || cli_id_arg(a->positional[1], "OPERATION", &op))
        return CLI_USAGE;
    json_t *body = json_pack("{sI sI}", "run_id", run, "operation_id", op);
    if (!body || cli_args_to_json(a, body)) {
        json_decref(body);
        return CLI_USAGE;
    }
    return cli_run(cli, "explain", body);
}

static int run_action(cli_t *cli, const cli_args_t *a, const char *method)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "RUN", &id))
        return CLI_USAGE;
    json_t *body = json_pack("{sI}", "run_id", id);
    if (!body || cli_args_to_json(a, body)) {
        json_decref(body);
        return CLI_USAGE;
    }
    if (strcmp(method, "correct_run") != 0)
        return cli_run(cli, method, body);
    ProtobufCMessage *reply;
    int rc = cli_call(cli, method, body, false, &reply);
    return rc == CLI_OK ? run_reply_full(cli, reply) : rc;
}

static int runs_finalise(cli_t *cli, const cli_args_t *a)
{
    return run_action(cli, a, "finalise_run");
}

static int runs_discard(cli_t *cli, const cli_args_t *a)
{
    return run_action(cli, a, "discard_run");
}

static int runs_correct(cli_t *cli, const cli_args_t *a)
{
    return run_action(cli, a, "correct_run");
}

/* ------------------------------------------------------------ exports */

static const cli_flag_t export_flags[] = {
    {"csv", NULL, FLAG_STRING, "shares, balances, transfers or differences"},
    {"sie", NULL, FLAG_ID, "SIE 4I for this organisation (its chart of accounts)"},
    {"output", NULL, FLAG_STRING, "file to write (-o; default: the suggested name)"},
    {"generated", "generated", FLAG_DATE, "SIE #GEN date (default: the service's today)"},
    {0},
};

static int runs_export(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "RUN", &id))
        return CLI_USAGE;
    const char *csv = cli_arg(a, "csv"), *sie = cli_arg(a, "sie");
    if (!csv == !sie) {
        fprintf(stderr, "error: 'costs export' needs --csv TABLE or --sie ORG\n");
        return CLI_USAGE;
    }
    json_t *body = json_pack("{sI}", "run_id", id);
    if (csv)
        json_object_set_new(body, "table", json_string(csv));
    if (sie) {
        unsigned long long org;
        if (cli_parse_id(sie, &org)) {
            fprintf(stderr, "error: --sie takes an organisation id\n");
            json_decref(body);
            return CLI_USAGE;
        }
        json_object_set_new(body, "organisation_id", json_integer((json_int_t)org));
        if (cli_arg(a, "generated"))
            json_object_set_new(body, "generated", json_string(cli_arg(a, "generated")));
    }
    return costs_export_to(cli, csv ? "export_csv" : "export_sie", body, cli_arg(a, "output"));
}

/* ------------------------------------------------------------ rules, charts */

static const cli_flag_t rules_flags[] = {
    {"from", "from", FLAG_DATE, "resolve the rules from this day (default: this year)"},
    {"to", "to", FLAG_DATE, "to this day"},
    {0},
};

static int rules_get(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "CENTRE", &id))
        return CLI_USAGE;
    json_t *body = json_pack("{sI}", "centre_id", id);
    if (!body || cli_args_to_json(a, body)) {
        json_decref(body);
        return CLI_USAGE;
    }
    return cli_run(cli, "get_allocation_rules", body);
}

static int rules_set(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "CENTRE", &id))
        return CLI_USAGE;
    json_t *local = cli_load_json(a->positional[1]);
    if (!local)
        return CLI_FAILED;
    json_object_set_new(local, "centre_id", json_integer(id));
    return cli_run(cli, "set_allocation_rules", json_pack("{so}", "local", local));
}

static int chart_get(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ORG", &id))
        return CLI_USAGE;
    return cli_run(cli, "get_chart_of_accounts", json_pack("{sI}", "id", id));
}

static int chart_set(cli_t *cli, const cli_args_t *a)
{
    json_t *chart = cli_load_json(a->positional[0]);
    return chart ? cli_run(cli, "set_chart_of_accounts", json_pack("{so}", "chart", chart))
                 : CLI_FAILED;
}

static int costs_status(cli_t *cli, const cli_args_t *a)
{
    (void)a;
    return cli_run(cli, "status", json_object());
}

static const cli_flag_t no_flags[] = {{0}};

static const cli_sub_t subs[] = {
    {"add", "CENTRE", 1, "add a cost item", add_flags, items_add},
    {"load", "FILE", 1, "load items, local rules and charts from a JSON file", no_flags,
     items_load},
    {"list", NULL, 0, "list cost items", list_flags, items_list},
    {"withdraw", "ITEM", 1, "withdraw a cost item (it stays, runs leave it out)", note_flags,
     items_withdraw},
    {"run", "PERIOD", 1, "settle a period (2025, 2025Q1, 2025-03, FROM..TO): a draft run",
     run_flags, runs_run},
    {"runs", NULL, 0, "list settlement runs", runs_flags, runs_list},
    {"show", "RUN", 1, "a run's shares, balances and transfers", show_flags, runs_show},
    {"explain", "RUN OPERATION", 2, "every figure behind an operation's balance", explain_flags,
     runs_explain},
    {"finalise", "RUN", 1, "finalise a draft run: it never changes again", note_flags,
     runs_finalise},
    {"discard", "RUN", 1, "discard a draft run", note_flags, runs_discard},
    {"correct", "RUN", 1, "correct a finalised run: a draft of the differences", note_flags,
     runs_correct},
    {"export", "RUN", 1, "CSV (Swedish spreadsheet) or SIE 4I for one organisation",
     export_flags, runs_export},
    {"rules", "CENTRE", 1, "the allocation rules that apply to a centre", rules_flags,
     rules_get},
    {"rules-set", "CENTRE FILE", 2, "replace a centre's local rules (JSON: {\"rules\": [...]})",
     no_flags, rules_set},
    {"chart", "ORG", 1, "an organisation's chart of accounts", no_flags, chart_get},
    {"chart-set", "FILE", 1, "set a chart of accounts (JSON ChartOfAccounts)", no_flags,
     chart_set},
    {"status", NULL, 0, "how far costs has followed the registry", no_flags, costs_status},
    {NULL, NULL, 0, NULL, NULL, NULL},
};

/* -o is the one short option, as in most tools that write a file. */
int cmd_costs(cli_t *cli, int argc, char **argv)
{
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args)
        return CLI_FAILED;
    for (int i = 0; i < argc; i++)
        args[i] = strcmp(argv[i], "-o") == 0 ? (char *)"--output" : argv[i];
    int rc = cli_dispatch(cli, "costs", subs, argc, args);
    free(args);
    return rc;
}
