/* ExplainShare: everything behind one party's balance in a run, in the
 * engine's words (rule, source section, parties, days and fraction of every
 * segment, what it paid, its organisation's transfers), read from the
 * stored run: only the centres the party takes part in are loaded. */
#include <stdio.h>
#include "fcavtal/text.h"
#include <stdlib.h>
#include <string.h>

#include "fcavtal/costs/money.h"
#include "run_load.h"
#include "run_store.h"
#include "wire.h"

static fc_status_t find_line(fc_call_t *call, const cst__run_pb_t *h, uint64_t op,
                             Fcavtal__V1__SettlementPartyLine **out)
{
    *out = NULL;
    for (uint32_t p = 0; p * CST_PAGE_LINES < h->party_count; p++) {
        cst__page_pb_t *pg;
        fc_status_t st = cst__pages_get(call, h->id, CST_PART_PARTIES, p, &pg);
        if (st)
            return st;
        /* Pages are in operation id order. */
        bool past = pg->n_parties && pg->parties[pg->n_parties - 1]->operation_id >= op;
        for (size_t i = 0; i < pg->n_parties && !*out; i++)
            if (pg->parties[i]->operation_id == op) {
                *out = pg->parties[i];
                pg->parties[i] = pg->parties[--pg->n_parties];
            }
        fcavtal__v1__run_content_page__free_unpacked(pg, NULL);
        if (*out || past)
            break;
    }
    if (*out)
        return FC_OK;
    fc_call_violation(call, "explain.operation_id", "not a party of this run");
    return fc_call_fail(call, FC_NOT_FOUND, "operation %llu has no line in run %llu",
                        (unsigned long long)op, (unsigned long long)h->id);
}

static bool member_pb(const cst_segment_t *s, size_t m, Fcavtal__V1__AllocationSegment *g)
{
    Fcavtal__V1__ShareMember *sm = malloc(sizeof *sm);
    if (sm == NULL)
        return false;
    fcavtal__v1__share_member__init(sm);
    g->members[g->n_members++] = sm;
    sm->operation_id = s->members[m].party;
    sm->amount = cst__wire_money_new(s->members[m].amount);
    sm->weight = s->members[m].weight;
    sm->principal_id = s->members[m].principal;
    return sm->amount && cst_member_fraction(s, m, &sm->fraction) == FC_OK;
}

static Fcavtal__V1__AllocationSegment *segment_pb(const cst_run_t *run, const cst_segment_t *s)
{
    Fcavtal__V1__AllocationSegment *g = malloc(sizeof *g);
    if (g == NULL)
        return NULL;
    fcavtal__v1__allocation_segment__init(g);
    g->item_id = s->item;
    g->centre_id = s->centre;
    g->from = cst__wire_date_new(s->from);
    g->to = cst__wire_date_new(s->to);
    g->days = s->days;
    g->amount = cst__wire_money_new(s->amount);
    g->rule = (Fcavtal__V1__AllocationRuleKind)s->rule;
    g->basis = (Fcavtal__V1__RuleBasis)s->basis;
    g->unit = (Fcavtal__V1__WeightUnit)s->unit;
    g->source = cst__wire_strdup(s->source);
    g->idle_operation_ids = malloc((s->n_idle ? s->n_idle : 1) * sizeof *g->idle_operation_ids);
    g->members = calloc(s->n_members ? s->n_members : 1, sizeof *g->members);
    bool ok = g->from && g->to && g->amount && g->source && g->idle_operation_ids &&
              g->members && cst_segment_explain(run, s, &g->explanation) == FC_OK;
    if (ok && s->n_idle) {
        memcpy(g->idle_operation_ids, s->idle, s->n_idle * sizeof *s->idle);
        g->n_idle_operation_ids = s->n_idle;
    }
    for (size_t m = 0; ok && m < s->n_members; m++)
        ok = member_pb(s, m, g);
    if (!ok) {
        fcavtal__v1__allocation_segment__free_unpacked(g, NULL);
        return NULL;
    }
    return g;
}

static fc_status_t add_segments(fc_call_t *call, const cst_run_t *run, uint64_t op,
                                Fcavtal__V1__ShareExplanation *e)
{
    for (size_t s = 0; s < run->n_segments; s++) {
        const cst_segment_t *seg = &run->segments[s];
        bool mine = false;
        for (size_t m = 0; m < seg->n_members && !mine; m++)
            mine = seg->members[m].party == op;
        if (!mine)
            continue;
        Fcavtal__V1__AllocationSegment **grown =
            realloc(e->segments, (e->n_segments + 1) * sizeof *grown);
        if (grown == NULL)
            return fc_call_oom(call);
        e->segments = grown;
        if ((grown[e->n_segments] = segment_pb(run, seg)) == NULL)
            return fc_call_oom(call);
        e->n_segments++;
    }
    return FC_OK;
}

/* A correction's text starts with what changed; the rest explains the
 * revised figures, and its organisation lines and transfers settle the
 * differences. */
static char *correction_preface(const cst__run_pb_t *h, const Fcavtal__V1__SettlementPartyLine *l)
{
    char a[CST_MONEY_STRLEN], b[CST_MONEY_STRLEN], c[CST_MONEY_STRLEN], d[CST_MONEY_STRLEN];
    char e[CST_MONEY_STRLEN], f[CST_MONEY_STRLEN], g[CST_MONEY_STRLEN];
    return fc_format(
                 "Correction %llu of finalised run %llu (against run %llu): share %s before, %s "
                 "now; paid %s before, %s now; balance %s before, %s now; difference %s.\n"
                 "The figures below are the revised ones; the organisation's figure and the "
                 "transfers settle the differences only.\n",
                 (unsigned long long)h->id, (unsigned long long)h->corrects_run_id,
                 (unsigned long long)h->baseline_run_id,
                 cst_money_format(cst__wire_ore(l->share_before), CST_MONEY_TEXT, a),
                 cst_money_format(cst__wire_ore(l->share), CST_MONEY_TEXT, b),
                 cst_money_format(cst__wire_ore(l->paid_before), CST_MONEY_TEXT, c),
                 cst_money_format(cst__wire_ore(l->paid), CST_MONEY_TEXT, d),
                 cst_money_format(cst__wire_ore(l->balance_before), CST_MONEY_TEXT, e),
                 cst_money_format(cst__wire_ore(l->balance), CST_MONEY_TEXT, f),
                 cst_money_format(cst__wire_ore(l->difference), CST_MONEY_TEXT, g));
}

static fc_status_t explain_text(fc_call_t *call, const cst__run_pb_t *h, const cst_run_t *run,
                                const Fcavtal__V1__SettlementPartyLine *line, char **out)
{
    cst_error_t err = {0};
    char *text = NULL;
    fc_status_t st = cst_run_explain(run, line->operation_id, &text, &err);
    if (st)
        return cst__wire_fail(call, st, &err, NULL);
    if (h->kind != FCAVTAL__V1__RUN_KIND__RUN_KIND_CORRECTION) {
        *out = text;
        return FC_OK;
    }
    char *pre = correction_preface(h, line), *all = NULL;
    if (pre && ((all = fc_format("%s%s", pre, text)) == NULL))
        all = NULL;
    free(pre);
    free(text);
    if (all == NULL)
        return fc_call_oom(call);
    *out = all;
    return FC_OK;
}

CST_HANDLER(cst__explain, Fcavtal__V1__ExplainShare)
{
    cst__run_pb_t *h = NULL;
    Fcavtal__V1__SettlementPartyLine *line = NULL;
    cst_run_t *run = NULL;
    fc_status_t st = cst__run_header(call, body->run_id, &h);
    if (!st && !cst__run_has_contents(h))
        st = fc_call_fail(call, FC_FAILED_PRECONDITION, "run %llu was discarded: nothing to "
                          "explain", (unsigned long long)h->id);
    if (!st)
        st = find_line(call, h, body->operation_id, &line);
    if (!st) {
        cst__load_t what = {.contents = true, .centres = line->centre_ids,
                            .n_centres = line->n_centre_ids, .item_id = body->item_id};
        st = cst__run_load(call, h, &what, &run);
    }
    Fcavtal__V1__ShareExplanation *e = NULL;
    if (!st && (e = malloc(sizeof *e)) == NULL)
        st = fc_call_oom(call);
    if (!st) {
        fcavtal__v1__share_explanation__init(e);
        rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_EXPLANATION;
        rep->explanation = e;
        e->run_id = h->id;
        e->operation_id = body->operation_id;
        st = explain_text(call, h, run, line, &e->text);
    }
    if (!st)
        st = add_segments(call, run, body->operation_id, e);
    cst_run_destroy(&run);
    if (line)
        fcavtal__v1__settlement_party_line__free_unpacked(line, NULL);
    if (h)
        fcavtal__v1__settlement_run__free_unpacked(h, NULL);
    return st;
}
