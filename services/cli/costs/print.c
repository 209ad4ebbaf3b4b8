/* Text output of the cost service's replies: items and runs as tables, a
 * run's shares, balances and transfers, explanations as the service wrote
 * them; anything else as JSON. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "costs.h"
#include "fcavtal/pbjson.h"
#include "format.h"
#include "table.h"

static const char *category(Fcavtal__V1__CostCategory c, char *buf, size_t n)
{
    return pbj_enum_name(&fcavtal__v1__cost_category__descriptor, (int)c, buf, n);
}

static const char *money(const Fcavtal__V1__Money *m, char *buf, size_t n)
{
    return fmt_money(m ? m->ore : 0, buf, n);
}

static const char *period(const Fcavtal__V1__SettlementPeriod *p, char *buf, size_t n)
{
    char a[16], b[16];
    if (!p)
        return "";
    snprintf(buf, n, "%s..%s", fmt_date(p->from, a, sizeof a), fmt_date(p->to, b, sizeof b));
    return buf;
}

static int print_items(Fcavtal__V1__CostItem *const *items, size_t n)
{
    static const char *const headers[] = {"id", "centre", "category", "amount", "paid by",
                                          "from", "to", "reference", "state"};
    cli_table_t *t = table_new(headers, sizeof headers / sizeof headers[0]);
    if (!t)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const Fcavtal__V1__CostItem *it = items[i];
        char c[32], m[48], a[16], b[16];
        table_cellf(t, "%" PRIu64, it->id);
        table_cellf(t, "%" PRIu64, it->centre_id);
        table_cellf(t, "%s", category(it->category, c, sizeof c));
        table_cellf(t, "%s%s", it->credit ? "-" : "", money(it->amount, m, sizeof m));
        table_cellf(t, "%" PRIu64, it->paid_by_operation_id);
        table_cellf(t, "%s", fmt_date(it->from, a, sizeof a));
        table_cellf(t, "%s", fmt_date(it->to, b, sizeof b));
        table_cellf(t, "%s", it->reference);
        if (it->withdrawn)
            table_cellf(t, "withdrawn");
        else if (it->n_settled_in_run_ids)
            table_cellf(t, "settled in run %" PRIu64, it->settled_in_run_ids[0]);
        else
            table_cellf(t, "open");
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}

static void print_header(const Fcavtal__V1__SettlementRun *r)
{
    char k[32], s[32], p[40], m[48], d[16];
    printf("run %" PRIu64 ": %s, %s, %s\n", r->id,
           pbj_enum_name(&fcavtal__v1__run_kind__descriptor, (int)r->kind, k, sizeof k),
           pbj_enum_name(&fcavtal__v1__run_status__descriptor, (int)r->status, s, sizeof s),
           period(r->period, p, sizeof p));
    print_kv("centres", "%zu", r->n_centre_ids);
    print_kv("items", "%u (%u segments)", r->item_count, r->segment_count);
    print_kv("settled", "%s", money(r->total, m, sizeof m));
    print_kv("parties", "%u in %u organisations, %u transfer%s%s", r->party_count,
             r->organisation_count, r->transfer_count, r->transfer_count == 1 ? "" : "s",
             r->transfers_minimal ? " (the fewest possible)" : "");
    if (r->corrects_run_id)
        print_kv("corrects", "run %" PRIu64 " (differences against run %" PRIu64 ")",
                 r->corrects_run_id, r->baseline_run_id);
    if (r->corrected_by_run_id)
        print_kv("corrected by", "run %" PRIu64, r->corrected_by_run_id);
    print_kv("created", "%s", fmt_date(r->created_on, d, sizeof d));
    if (r->finalised_on)
        print_kv("finalised", "%s by %s", fmt_date(r->finalised_on, d, sizeof d),
                 r->finalised_by);
    if (*r->note)
        print_kv("note", "%s", r->note);
    for (size_t i = 0; i < r->n_warnings; i++)
        print_kv("warning", "%s", r->warnings[i]);
}

static const char *org_name(const Fcavtal__V1__SettlementRun *r, uint64_t id, char *buf, size_t n)
{
    for (size_t i = 0; i < r->n_organisations; i++)
        if (r->organisations[i]->organisation_id == id)
            return r->organisations[i]->name;
    snprintf(buf, n, "organisation %" PRIu64, id);
    return buf;
}

static int print_parties(const Fcavtal__V1__SettlementRun *r, bool correction)
{
    static const char *const plain[] = {"operation", "name", "organisation", "share", "paid",
                                        "balance"};
    static const char *const diff[] = {"operation", "name", "balance before", "balance now",
                                       "difference"};
    cli_table_t *t = correction ? table_new(diff, 5) : table_new(plain, 6);
    if (!t)
        return -1;
    for (size_t i = 0; i < r->n_parties; i++) {
        const Fcavtal__V1__SettlementPartyLine *l = r->parties[i];
        char a[48], b[48], c[48], o[64];
        table_cellf(t, "%" PRIu64, l->operation_id);
        table_cellf(t, "%s", l->name);
        if (correction) {
            table_cellf(t, "%s", money(l->balance_before, a, sizeof a));
            table_cellf(t, "%s", money(l->balance, b, sizeof b));
            table_cellf(t, "%s", money(l->difference, c, sizeof c));
        } else {
            table_cellf(t, "%s", org_name(r, l->organisation_id, o, sizeof o));
            table_cellf(t, "%s", money(l->share, a, sizeof a));
            table_cellf(t, "%s", money(l->paid, b, sizeof b));
            table_cellf(t, "%s", money(l->balance, c, sizeof c));
        }
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}

static int print_orgs(const Fcavtal__V1__SettlementRun *r, bool correction)
{
    static const char *const headers[] = {"organisation", "org number", "share", "paid",
                                          "balance"};
    static const char *const diff[] = {"organisation", "org number", "difference to settle"};
    cli_table_t *t = correction ? table_new(diff, 3) : table_new(headers, 5);
    if (!t)
        return -1;
    for (size_t i = 0; i < r->n_organisations; i++) {
        const Fcavtal__V1__SettlementOrganisationLine *o = r->organisations[i];
        char a[48], b[48], c[48];
        table_cellf(t, "%s", o->name);
        table_cellf(t, "%s", o->org_number ? o->org_number->value : "");
        if (!correction) {
            table_cellf(t, "%s", money(o->share, a, sizeof a));
            table_cellf(t, "%s", money(o->paid, b, sizeof b));
        }
        table_cellf(t, "%s", money(o->balance, c, sizeof c));
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}

static void print_transfers(const Fcavtal__V1__SettlementRun *r)
{
    if (r->n_transfers == 0)
        printf("  (none: every organisation is settled)\n");
    for (size_t i = 0; i < r->n_transfers; i++) {
        const Fcavtal__V1__SettlementTransfer *t = r->transfers[i];
        char a[64], b[64], m[48];
        printf("  %s pays %s to %s\n", org_name(r, t->from_organisation_id, a, sizeof a),
               money(t->amount, m, sizeof m), org_name(r, t->to_organisation_id, b, sizeof b));
    }
}

static int print_runs(Fcavtal__V1__SettlementRun *const *runs, size_t n)
{
    static const char *const headers[] = {"id", "kind", "status", "period", "centres", "items",
                                          "settled", "created", "corrects"};
    cli_table_t *t = table_new(headers, sizeof headers / sizeof headers[0]);
    if (!t)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const Fcavtal__V1__SettlementRun *r = runs[i];
        char k[32], s[32], p[40], m[48], d[16];
        table_cellf(t, "%" PRIu64, r->id);
        table_cellf(t, "%s", pbj_enum_name(&fcavtal__v1__run_kind__descriptor, (int)r->kind, k, sizeof k));
        table_cellf(t, "%s", pbj_enum_name(&fcavtal__v1__run_status__descriptor, (int)r->status, s, sizeof s));
        table_cellf(t, "%s", period(r->period, p, sizeof p));
        table_cellf(t, "%zu%s", r->n_centre_ids, r->n_centre_ids >= 100 ? "+" : "");
        table_cellf(t, "%u", r->item_count);
        table_cellf(t, "%s", money(r->total, m, sizeof m));
        table_cellf(t, "%s", fmt_date(r->created_on, d, sizeof d));
        if (r->corrects_run_id)
            table_cellf(t, "%" PRIu64, r->corrects_run_id);
        else
            table_cellf(t, "-");
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}

static int print_rules(const Fcavtal__V1__CentreRules *r)
{
    char rs[32], d[16], e[16];
    printf("centre %" PRIu64 ": rule set %s%s%s\n", r->centre_id,
           pbj_enum_name(&fcavtal__v1__rule_set__descriptor, (int)r->rule_set, rs, sizeof rs),
           *r->framework ? ", framework " : "", r->framework);
    print_kv("framework in force", "%s", fmt_date(r->framework_effective, d, sizeof d));
    print_kv("established", "%s", fmt_date(r->established, e, sizeof e));
    static const char *const headers[] = {"category", "rule", "source", "from", "to", "why"};
    cli_table_t *t = table_new(headers, 6);
    if (!t)
        return -1;
    for (size_t i = 0; i < r->n_effective; i++) {
        const Fcavtal__V1__EffectiveRule *x = r->effective[i];
        char c[32], k[32], a[16], b[16];
        table_cellf(t, "%s", category(x->category, c, sizeof c));
        table_cellf(t, "%s", pbj_enum_name(&fcavtal__v1__allocation_rule_kind__descriptor,
                                           (int)x->kind, k, sizeof k));
        table_cellf(t, "%s", x->source);
        table_cellf(t, "%s", fmt_date(x->from, a, sizeof a));
        table_cellf(t, "%s", fmt_date(x->to, b, sizeof b));
        table_cellf(t, "%s", x->basis);
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    for (size_t i = 0; i < r->n_gaps; i++)
        printf("no rule: %s\n", r->gaps[i]);
    if (r->local)
        printf("local rules: version %u, %zu rule%s\n", r->local->version, r->local->n_rules,
               r->local->n_rules == 1 ? "" : "s");
    return rc;
}

/* One centre's items with the part settled now, and every segment: days,
 * rule, source and each party's part. */
static int print_segments(const Fcavtal__V1__SettlementRun *r)
{
    printf("\n");
    for (size_t i = 0; i < r->n_items; i++) {
        const Fcavtal__V1__CostItem *it = r->items[i]->item;
        char c[32], m[48], x[48], a[16], b[16];
        printf("item %" PRIu64 " %s %s%s (settled now %s), paid by operation %" PRIu64
               ", %s..%s\n", it->id, category(it->category, c, sizeof c), it->credit ? "-" : "",
               money(it->amount, m, sizeof m), money(r->items[i]->accrued, x, sizeof x),
               it->paid_by_operation_id, fmt_date(it->from, a, sizeof a),
               fmt_date(it->to, b, sizeof b));
        for (size_t s = 0; s < r->n_segments; s++) {
            const Fcavtal__V1__AllocationSegment *g = r->segments[s];
            if (g->item_id != it->id)
                continue;
            printf("  %s\n", g->explanation);
            for (size_t k = 0; k < g->n_members; k++)
                printf("    operation %" PRIu64 ": %s (%s)\n", g->members[k]->operation_id,
                       money(g->members[k]->amount, m, sizeof m), g->members[k]->fraction);
        }
    }
    return 0;
}

static int print_item(const Fcavtal__V1__CostItem *it)
{
    char c[32], m[48], a[16], b[16];
    printf("cost item %" PRIu64 "\n", it->id);
    print_kv("centre", "%" PRIu64, it->centre_id);
    print_kv("category", "%s", category(it->category, c, sizeof c));
    print_kv("amount", "%s%s", money(it->amount, m, sizeof m), it->credit ? " (credit)" : "");
    print_kv("paid by", "operation %" PRIu64, it->paid_by_operation_id);
    print_kv("days", "%s..%s", fmt_date(it->from, a, sizeof a), fmt_date(it->to, b, sizeof b));
    if (*it->note)
        print_kv("note", "%s", it->note);
    if (*it->reference)
        print_kv("reference", "%s", it->reference);
    if (it->withdrawn)
        print_kv("withdrawn", "%s %s", fmt_date(it->withdrawn_on, a, sizeof a), it->withdrawn_note);
    for (size_t i = 0; i < it->n_settled_in_run_ids; i++)
        print_kv("settled in", "run %" PRIu64, it->settled_in_run_ids[i]);
    return 0;
}

int cli_costs_print(cli_t *cli, const ProtobufCMessage *reply)
{
    (void)cli;
    const costs_reply_t *r = (const costs_reply_t *)reply;
    switch (r->body_case) {
    case FCAVTAL__V1__COSTS_REPLY__BODY_ITEM:
        return print_item(r->item);
    case FCAVTAL__V1__COSTS_REPLY__BODY_ITEMS:
        return print_items(r->items->items, r->items->n_items);
    case FCAVTAL__V1__COSTS_REPLY__BODY_ADDED:
        return print_items(r->added->items, r->added->n_items);
    case FCAVTAL__V1__COSTS_REPLY__BODY_RUNS:
        return print_runs(r->runs->items, r->runs->n_items);
    case FCAVTAL__V1__COSTS_REPLY__BODY_RUN:
        print_header(r->run);
        return r->run->page && r->run->page->part == FCAVTAL__V1__RUN_PART__RUN_PART_ITEMS
                   ? print_segments(r->run)
                   : 0;
    case FCAVTAL__V1__COSTS_REPLY__BODY_EXPLANATION:
        return fputs(r->explanation->text, stdout) < 0 ? -1 : 0;
    case FCAVTAL__V1__COSTS_REPLY__BODY_RULES:
        return print_rules(r->rules);
    case FCAVTAL__V1__COSTS_REPLY__BODY_SERVICE_STATUS:
        printf("registry event %" PRIu64 " of %" PRIu64 ", %s; %u rebuild%s; %u organisations, "
               "%u operations, %u centres, %u agreements\n",
               r->service_status->registry_position, r->service_status->registry_seq,
               r->service_status->live ? "live" : "catching up", r->service_status->rebuilds,
               r->service_status->rebuilds == 1 ? "" : "s", r->service_status->organisations,
               r->service_status->operations, r->service_status->centres,
               r->service_status->agreements);
        return 0;
    default: {
        json_t *doc = pbj_oneof_to_json(reply, r->body_case);
        int rc = cli_print_json(doc) == CLI_OK ? 0 : -1;
        json_decref(doc);
        return rc;
    }
    }
}

/* ------------------------------------------------------------ a run in full */

/* Every page of `part` appended into `into` (its lines moved). */
static int gather(cli_t *cli, uint64_t run, const char *part, Fcavtal__V1__SettlementRun *into,
                  ProtobufCMessage ***keep, size_t *n_keep)
{
    for (uint32_t page = 0;; page++) {
        json_t *body = json_pack("{sI ss sI}", "run_id", (json_int_t)run, "part", part, "page",
                                 (json_int_t)page);
        ProtobufCMessage *got;
        int rc = cli_call(cli, "show_run", body, true, &got);
        if (rc != CLI_OK)
            return rc;
        Fcavtal__V1__SettlementRun *r = ((costs_reply_t *)got)->run;
        bool last = !r->page || page + 1 >= r->page->pages;
#define APPEND(field)                                                                      \
        do {                                                                               \
            void *grown = realloc(into->field, (into->n_##field + r->n_##field + 1) *      \
                                                   sizeof *into->field);                   \
            if (!grown)                                                                    \
                return CLI_FAILED;                                                         \
            into->field = grown;                                                           \
            memcpy(into->field + into->n_##field, r->field, r->n_##field * sizeof *r->field); \
            into->n_##field += r->n_##field;                                               \
        } while (0)
        if (!strcmp(part, "parties"))
            APPEND(parties);
        else if (!strcmp(part, "organisations"))
            APPEND(organisations);
        else
            APPEND(transfers);
#undef APPEND
        ProtobufCMessage **grown = realloc(*keep, (*n_keep + 1) * sizeof *grown);
        if (!grown)
            return CLI_FAILED;
        *keep = grown;
        grown[(*n_keep)++] = got; /* owns the lines `into` points to */
        if (last)
            return CLI_OK;
    }
}

int costs_print_run_full(cli_t *cli, const Fcavtal__V1__SettlementRun *run)
{
    Fcavtal__V1__SettlementRun all = FCAVTAL__V1__SETTLEMENT_RUN__INIT;
    ProtobufCMessage **keep = NULL;
    size_t n_keep = 0;
    int rc = gather(cli, run->id, "parties", &all, &keep, &n_keep);
    if (rc == CLI_OK)
        rc = gather(cli, run->id, "organisations", &all, &keep, &n_keep);
    if (rc == CLI_OK)
        rc = gather(cli, run->id, "transfers", &all, &keep, &n_keep);
    bool correction = run->kind == FCAVTAL__V1__RUN_KIND__RUN_KIND_CORRECTION;
    if (rc == CLI_OK) {
        print_header(run);
        printf("\n%s per operation:\n", correction ? "Differences" : "Shares and balances");
        if (print_parties(&all, correction) || (printf("\nPer organisation (netted):\n"), 0) ||
            print_orgs(&all, correction))
            rc = CLI_FAILED;
        printf("\nTransfers%s:\n", correction ? " settling the differences" : "");
        print_transfers(&all);
    }
    free(all.parties);
    free(all.organisations);
    free(all.transfers);
    for (size_t i = 0; i < n_keep; i++)
        protobuf_c_message_free_unpacked(keep[i], NULL);
    free(keep);
    return rc;
}
