/* CSV and SIE exports of a stored run, in chunks. Making the file is the
 * expensive part (a yearly run of every centre has a million share rows),
 * so the last file made is kept until another is asked for: a client
 * fetching it chunk by chunk makes it once. Runs never change once stored
 * (discarding drops them, and the cache key holds the status). */
#include <stdio.h>
#include "fcavtal/text.h"
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "fcavtal/costs/csv.h"
#include "fcavtal/costs/sie.h"
#include "run_load.h"
#include "wire.h"

struct cst__export_cache_t {
    uint64_t run, organisation;
    int status, format, table;
    fc_date_t generated;
    char *filename, *media_type;
    char *data;
    size_t len;
};

void cst_state_clear(cst_state_t *state)
{
    if (state->exports) {
        free(state->exports->filename);
        free(state->exports->media_type);
        free(state->exports->data);
        free(state->exports);
        state->exports = NULL;
    }
}

enum { FORMAT_CSV = 1, FORMAT_SIE = 2 };

static bool same(const cst__export_cache_t *c, const cst__export_cache_t *key)
{
    return c && c->run == key->run && c->organisation == key->organisation &&
           c->status == key->status && c->format == key->format && c->table == key->table &&
           fc_date_cmp(c->generated, key->generated) == 0;
}

static fc_status_t serve(fc_call_t *call, const cst__export_cache_t *c, uint64_t offset,
                         cst__reply_t *rep)
{
    if (offset > c->len) {
        fc_call_violation(call, "offset", "the file has %zu bytes", c->len);
        return fc_call_fail(call, FC_OUT_OF_RANGE, "offset %llu is past the file's %zu bytes",
                            (unsigned long long)offset, c->len);
    }
    size_t n = c->len - offset < CST_EXPORT_CHUNK ? c->len - (size_t)offset : CST_EXPORT_CHUNK;
    Fcavtal__V1__CostsExport *e = malloc(sizeof *e);
    if (e == NULL)
        return fc_call_oom(call);
    fcavtal__v1__costs_export__init(e);
    rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_EXPORT;
    rep->export = e;
    e->filename = cst__wire_strdup(c->filename);
    e->media_type = cst__wire_strdup(c->media_type);
    e->content.data = malloc(n ? n : 1);
    e->content.len = n;
    e->offset = offset;
    e->total_bytes = c->len;
    if (!e->filename || !e->media_type || !e->content.data)
        return fc_call_oom(call);
    if (n)
        memcpy(e->content.data, c->data + offset, n);
    return FC_OK;
}

/* Keeps `made` (data, names) as the state's cache and serves from it. */
static fc_status_t keep_and_serve(fc_call_t *call, cst__export_cache_t *made, uint64_t offset,
                                  cst__reply_t *rep)
{
    cst_state_t *state = fc_call_state(call);
    cst__export_cache_t *c = malloc(sizeof *c);
    if (c == NULL) {
        free(made->data);
        free(made->filename);
        free(made->media_type);
        return fc_call_oom(call);
    }
    *c = *made;
    cst_state_clear(state);
    state->exports = c;
    return serve(call, c, offset, rep);
}

static fc_status_t engine_failed(fc_call_t *call, fc_status_t st, const cst_error_t *err)
{
    return cst__wire_fail(call, st, err, "the export cannot be made");
}

/* ------------------------------------------------------------ CSV */

static const char *table_name(int t)
{
    switch (t) {
    case FCAVTAL__V1__CSV_TABLE__CSV_TABLE_SHARES: return "andelar";
    case FCAVTAL__V1__CSV_TABLE__CSV_TABLE_BALANCES: return "saldon";
    case FCAVTAL__V1__CSV_TABLE__CSV_TABLE_TRANSFERS: return "overforingar";
    default: return "skillnader";
    }
}

static fc_status_t make_csv(fc_call_t *call, const cst__run_pb_t *h, int table, char **data,
                            size_t *len)
{
    bool correction = h->kind == FCAVTAL__V1__RUN_KIND__RUN_KIND_CORRECTION;
    cst_error_t err = {0};
    fc_status_t st;
    if (correction && (table == FCAVTAL__V1__CSV_TABLE__CSV_TABLE_TRANSFERS ||
                       table == FCAVTAL__V1__CSV_TABLE__CSV_TABLE_DIFFERENCES)) {
        cst_correction_t *c;
        if ((st = cst__run_load_correction(call, h, &c)))
            return st;
        st = cst_csv_correction(c, table == FCAVTAL__V1__CSV_TABLE__CSV_TABLE_TRANSFERS
                                       ? CST_CSV_CORRECTION_TRANSFERS : CST_CSV_DIFFERENCES,
                                data, len, &err);
        cst_correction_destroy(&c);
        return st ? engine_failed(call, st, &err) : FC_OK;
    }
    if (table == FCAVTAL__V1__CSV_TABLE__CSV_TABLE_DIFFERENCES)
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "run %llu is a settlement: only a "
                            "correction has differences", (unsigned long long)h->id);
    cst__load_t what = {.contents = table == FCAVTAL__V1__CSV_TABLE__CSV_TABLE_SHARES};
    cst_run_t *run;
    if ((st = cst__run_load(call, h, &what, &run)))
        return st;
    st = cst_csv_run(run, (cst_csv_table_t)table, data, len, &err);
    cst_run_destroy(&run);
    return st ? engine_failed(call, st, &err) : FC_OK;
}

CST_HANDLER(cst__export_csv, Fcavtal__V1__ExportCsv)
{
    if (body->table < FCAVTAL__V1__CSV_TABLE__CSV_TABLE_SHARES ||
        body->table > FCAVTAL__V1__CSV_TABLE__CSV_TABLE_DIFFERENCES) {
        fc_call_violation(call, "export_csv.table", "SHARES, BALANCES, TRANSFERS or DIFFERENCES");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "which table? SHARES, BALANCES, "
                            "TRANSFERS or DIFFERENCES");
    }
    cst__run_pb_t *h;
    fc_status_t st = cst__run_header(call, body->run_id, &h);
    if (st)
        return st;
    cst__export_cache_t key = {.run = h->id, .status = h->status, .format = FORMAT_CSV,
                               .table = body->table};
    cst_state_t *state = fc_call_state(call);
    if (same(state->exports, &key)) {
        fcavtal__v1__settlement_run__free_unpacked(h, NULL);
        return serve(call, state->exports, body->offset, rep);
    }
    st = make_csv(call, h, body->table, &key.data, &key.len);
    char label[64];
    cst_period_t p = {CST_PERIOD_CUSTOM, {1, 1, 1}, {1, 1, 1}};
    if (!st) {
        cst__wire_period(call, h->period, "period", &p);
        cst__wire_period_label(p, label, sizeof label);
        if (((key.filename = fc_format("avrakning-%s-run%llu-%s.csv", label,
                     (unsigned long long)h->id, table_name(body->table))) == NULL))
            key.filename = NULL;
        key.media_type = strdup("text/csv; charset=utf-8");
        if (!key.filename || !key.media_type) {
            free(key.data);
            free(key.filename);
            free(key.media_type);
            st = fc_call_oom(call);
        }
    }
    fcavtal__v1__settlement_run__free_unpacked(h, NULL);
    return st ? st : keep_and_serve(call, &key, body->offset, rep);
}

/* ------------------------------------------------------------ SIE */

static fc_status_t load_chart(fc_call_t *call, uint64_t org, Fcavtal__V1__ChartOfAccounts **c)
{
    fc_status_t st = fc_record_get(call, CST_REC_CHART, org, (ProtobufCMessage **)c);
    if (st == FC_NOT_FOUND) {
        fc_call_violation(call, "export_sie.organisation_id", "no chart of accounts");
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "organisation %llu has no chart of "
                            "accounts: finance sets one with set_chart_of_accounts first",
                            (unsigned long long)org);
    }
    return st;
}

static const char *signature(fc_call_t *call)
{
    const char *actor = fc_call_actor(call), *colon = strchr(actor, ':');
    return colon ? colon + 1 : actor;
}

static fc_status_t make_sie(fc_call_t *call, const cst__run_pb_t *h, uint64_t org,
                            fc_date_t generated, char **data, size_t *len, char **orgnr)
{
    Fcavtal__V1__ChartOfAccounts *chart = NULL;
    fc_status_t st = load_chart(call, org, &chart);
    cst__accounts_t acc = {0};
    if (!st)
        st = cst__chart_accounts(call, chart, &acc);
    cst_sie_meta_t meta = {"fcavtal", "0.1.0", generated, signature(call)};
    cst_error_t err = {0};
    cst_run_t *run = NULL;
    cst_correction_t *corr = NULL;
    if (!st && h->kind == FCAVTAL__V1__RUN_KIND__RUN_KIND_CORRECTION) {
        st = cst__run_load_correction(call, h, &corr);
        if (!st && (st = cst_sie_correction(corr, org, &acc.acc, &meta, data, len, &err)))
            st = engine_failed(call, st, &err);
    } else if (!st) {
        st = cst__run_load(call, h, NULL, &run);
        if (!st && (st = cst_sie_run(run, org, &acc.acc, &meta, data, len, &err)))
            st = engine_failed(call, st, &err);
    }
    const cst_ledger_t *l = run ? &run->ledger : corr ? &corr->difference : NULL;
    ptrdiff_t at = l ? cst_ledger_organisation(l, org) : -1;
    *orgnr = strdup(at >= 0 ? l->organisations[at].org_number : "");
    if (!st && *orgnr == NULL)
        st = fc_call_oom(call);
    cst_run_destroy(&run);
    cst_correction_destroy(&corr);
    cst__accounts_clear(&acc);
    if (chart)
        fcavtal__v1__chart_of_accounts__free_unpacked(chart, NULL);
    return st;
}

CST_HANDLER(cst__export_sie, Fcavtal__V1__ExportSie)
{
    fc_date_t generated = fc_call_today(call);
    if (body->generated && !fc_date_from_pb(body->generated, &generated)) {
        fc_call_violation(call, "export_sie.generated", "a date that exists");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "#GEN needs a date that exists");
    }
    cst__run_pb_t *h;
    fc_status_t st = cst__run_header(call, body->run_id, &h);
    if (st)
        return st;
    cst__export_cache_t key = {.run = h->id, .organisation = body->organisation_id,
                               .status = h->status, .format = FORMAT_SIE, .generated = generated};
    cst_state_t *state = fc_call_state(call);
    if (same(state->exports, &key)) {
        fcavtal__v1__settlement_run__free_unpacked(h, NULL);
        return serve(call, state->exports, body->offset, rep);
    }
    char *orgnr = NULL;
    st = make_sie(call, h, body->organisation_id, generated, &key.data, &key.len, &orgnr);
    if (!st) {
        char label[64];
        cst_period_t p = {CST_PERIOD_CUSTOM, {1, 1, 1}, {1, 1, 1}};
        cst__wire_period(call, h->period, "period", &p);
        cst__wire_period_label(p, label, sizeof label);
        if (((key.filename = fc_format("avrakning-%s-run%llu-%s.si", label,
                     (unsigned long long)h->id, orgnr)) == NULL))
            key.filename = NULL;
        key.media_type = strdup("text/plain; charset=IBM437");
        if (!key.filename || !key.media_type) {
            free(key.data);
            free(key.filename);
            free(key.media_type);
            st = fc_call_oom(call);
        }
    }
    free(orgnr);
    fcavtal__v1__settlement_run__free_unpacked(h, NULL);
    return st ? st : keep_and_serve(call, &key, body->offset, rep);
}
