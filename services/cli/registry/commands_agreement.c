/* fcavtal agreement ...: agreements and their lifecycle (send for signature,
 * withdraw, sign, amend, notice, terminate, expire). */
#include <stdio.h>
#include <string.h>

#include "registry.h"
#include "fcavtal/date.h"
#include "records.h"

static const cli_flag_t list_flags[] = {
    {"kind", "kind", FLAG_STRING, "framework, local or use-right"},
    {"status", "status", FLAG_STRING, "draft, out-for-signature, active, under-notice, ..."},
    {"centre", "centre_id", FLAG_ID, "only agreements of this centre"},
    {"municipality", "municipality_id", FLAG_ID, "only agreements in this municipality"},
    {"region", "region_id", FLAG_ID, "only agreements in this region"},
    {"organisation", "organisation_id", FLAG_ID, "only agreements this organisation is party to"},
    {"limit", NULL, FLAG_NUM, "stop after N (default: all, fetched page by page)"},
    {0},
};

static const cli_flag_t note_flags[] = {
    {"note", "note", FLAG_STRING, "why (kept in the audit trail)"},
    {0},
};

static const cli_flag_t sign_flags[] = {
    {"organisation", "organisation_id", FLAG_ID, "the signing party's organisation id"},
    {"operation", "operation_id", FLAG_ID, "the signing party's operation id, if any"},
    {"date", "date", FLAG_DATE, "date signed (default: today)"},
    {"place", "place", FLAG_STRING, "place signed, e.g. Örebro"},
    {"name", "name", FLAG_STRING, "name of the signatory"},
    {"title", "title", FLAG_STRING, "title of the signatory"},
    {0},
};

static const cli_flag_t amend_flags[] = {
    {"approved-by", "approved_by", FLAG_LIST, "organisation ids that approved, e.g. 1,3"},
    {"note", "note", FLAG_STRING, "why this version exists"},
    {0},
};

static const cli_flag_t notice_flags[] = {
    {"received", "received", FLAG_DATE, "date the written notice was received"},
    {"from", "from_organisation_id", FLAG_ID, "id of the organisation giving notice"},
    {"note", "note", FLAG_STRING, "free text"},
    {0},
};

static const cli_flag_t terminate_flags[] = {
    {"effective", "effective", FLAG_DATE, "date the termination takes effect"},
    {"note", "note", FLAG_STRING, "free text"},
    {0},
};

static int agreement_add(cli_t *cli, const cli_args_t *a)
{
    json_t *rec = record_input(a, a->positional[0]);
    return rec ? record_add(cli, "agreement", rec) : CLI_FAILED;
}

static int agreement_update(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ID", &id) != 0)
        return CLI_USAGE;
    json_t *rec = record_input(a, a->positional[1]);
    return rec ? record_update(cli, "agreement", id, rec) : CLI_FAILED;
}

static int agreement_get(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ID", &id) != 0)
        return CLI_USAGE;
    return record_get(cli, "agreement", id);
}

static int agreement_list(cli_t *cli, const cli_args_t *a)
{
    return record_list(cli, a, "list_agreements", "agreements");
}

static int agreement_history(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ID", &id) != 0)
        return CLI_USAGE;
    return cli_run(cli, "agreement_history", record_id_body(id));
}

/* Flags laid into {"agreement_id": ID, ...}: the body of most actions. */
static json_t *action_body(const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ID", &id) != 0)
        return NULL;
    json_t *body = record_input(a, NULL);
    if (body && json_object_set_new(body, "agreement_id", json_integer(id)) != 0) {
        json_decref(body);
        return NULL;
    }
    return body;
}

static int run_action(cli_t *cli, const cli_args_t *a, const char *method)
{
    json_t *body = action_body(a);
    return body ? cli_run(cli, method, body) : CLI_USAGE;
}

static int agreement_send(cli_t *cli, const cli_args_t *a)
{
    return run_action(cli, a, "send_for_signature");
}

static int agreement_withdraw(cli_t *cli, const cli_args_t *a)
{
    return run_action(cli, a, "withdraw");
}

static int agreement_expire(cli_t *cli, const cli_args_t *a)
{
    return run_action(cli, a, "expire");
}

static int agreement_notice(cli_t *cli, const cli_args_t *a)
{
    return run_action(cli, a, "record_notice");
}

static int agreement_terminate(cli_t *cli, const cli_args_t *a)
{
    return run_action(cli, a, "terminate");
}

/* The signature's fields come from flags; only the id goes outside it. */
static int agreement_sign(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ID", &id) != 0)
        return CLI_USAGE;
    json_t *sig = record_input(a, NULL);
    if (!sig)
        return CLI_USAGE;
    char today[FC_DATE_STRLEN];
    if (!json_object_get(sig, "date") &&
        json_object_set_new(sig, "date", json_string(fc_date_format(fc_date_today(), today)))) {
        json_decref(sig);
        return cli_run(cli, "sign", NULL);  /* reports out of memory */
    }
    return cli_run(cli, "sign", json_pack("{sIso}", "agreement_id", id, "signature", sig));
}

/* Moves rec[from] (or rec[alt]) to body[to]. 0, or -1 out of memory. */
static int move_key(json_t *rec, const char *from, const char *alt, json_t *body, const char *to)
{
    json_t *v = json_object_get(rec, from);
    if (!v && alt)
        v = json_object_get(rec, alt);
    if (!v)
        return 0;
    if (json_object_set(body, to, v) != 0)
        return -1;
    if (strcmp(from, "note") == 0)
        json_object_del(rec, from);  /* not a field of Agreement */
    return 0;
}

/* The file holds the new content; approvals and note may also come from
 * the record itself (approved_by, change_note) when not given as flags. */
static int agreement_amend(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ID", &id) != 0)
        return CLI_USAGE;
    json_t *rec = record_input(a, a->positional[1]);
    if (!rec)
        return CLI_FAILED;
    json_t *body = json_pack("{sI}", "agreement_id", id);
    /* record_input laid the flags onto the record: take them out again. */
    if (!body || move_key(rec, "approved_by", NULL, body, "approved_by") != 0 ||
        move_key(rec, "note", "change_note", body, "note") != 0) {
        json_decref(rec);
        json_decref(body);
        return cli_run(cli, "amend", NULL);  /* reports out of memory */
    }
    if (json_object_set_new(body, "agreement", rec) != 0) {
        json_decref(body);
        return cli_run(cli, "amend", NULL);
    }
    return cli_run(cli, "amend", body);
}

static const cli_sub_t agreement_subs[] = {
    {"add", "FILE", 1, "Register an agreement (a draft) from a JSON record ('-': stdin).",
     NULL, agreement_add},
    {"update", "ID FILE", 2, "Change a draft: the record's top-level fields replace the "
     "current ones.", NULL, agreement_update},
    {"get", "ID", 1, "Show an agreement: term, parties, signatures, notice.", NULL,
     agreement_get},
    {"list", NULL, 0, "List agreements.", list_flags, agreement_list},
    {"history", "ID", 1, "Every version of an agreement.", NULL, agreement_history},
    {"send", "ID", 1, "Send a draft out for signature.", note_flags, agreement_send},
    {"withdraw", "ID", 1, "Take an agreement back from signature to draft.", note_flags,
     agreement_withdraw},
    {"sign", "ID", 1, "Record one party's signature.", sign_flags, agreement_sign},
    {"amend", "ID FILE", 2, "New version with the record in FILE, approved by every party.",
     amend_flags, agreement_amend},
    {"notice", "ID", 1, "Record written notice of termination received.", notice_flags,
     agreement_notice},
    {"terminate", "ID", 1, "Terminate by agreement on an effective date.", terminate_flags,
     agreement_terminate},
    {"expire", "ID", 1, "Mark an agreement whose end date has passed as expired.", note_flags,
     agreement_expire},
    {0},
};

int cmd_agreement(cli_t *cli, int argc, char **argv)
{
    return cli_dispatch(cli, "agreement", agreement_subs, argc, argv);
}
