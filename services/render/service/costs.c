#include "costs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/agreement_wire.h"
#include "fcavtal/render_context.h"
#include "context.h"

typedef Fcavtal__V1__CentreSettlement settlement_t;

#define CAT(x) FCAVTAL__V1__COST_CATEGORY__COST_CATEGORY_##x
#define YEAR FCAVTAL__V1__PERIOD_KIND__PERIOD_KIND_YEAR

typedef struct {
    int latest_year;        /* the version's year: nothing later */
    settlement_t *best;     /* owned */
    int best_year;
} pick_t;

static int year_of(const settlement_t *s)
{
    fc_date_t from;
    if (!s->period || s->period->kind != YEAR || !fc_date_from_pb(s->period->from, &from))
        return 0;
    return from.year;
}

static fc_status_t consider(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)call, (void)stop;
    pick_t *p = arg;
    settlement_t *s = (settlement_t *)record;
    int year = year_of(s);
    /* Ids grow with finalisation: of one year, a later one revises. */
    if (year && year <= p->latest_year && (!p->best || year >= p->best_year)) {
        if (p->best)
            protobuf_c_message_free_unpacked(&p->best->base, NULL);
        p->best = s, p->best_year = year;
        return FC_OK;
    }
    protobuf_c_message_free_unpacked(record, NULL);
    return FC_OK;
}

static int64_t amount(Fcavtal__V1__CategoryAmounts *const *v, size_t n, int cat, bool paid)
{
    for (size_t i = 0; i < n; i++)
        if ((int)v[i]->category == cat) {
            const Fcavtal__V1__Money *m = paid ? v[i]->paid : v[i]->share;
            return m ? m->ore : 0;
        }
    return 0;
}

/* The rules' sources for a category: "VG §14.1", "Nyttjanderättsavtal §2". */
static void sources(const settlement_t *s, int cat, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < s->n_sources && len < size; i++)
        if ((int)s->sources[i]->category == cat && *s->sources[i]->source)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
                                    s->sources[i]->source);
}

static fc_status_t take_shares(const settlement_t *s, rsv_cost_split_t *out)
{
    out->shares = calloc(s->n_parties ? s->n_parties : 1, sizeof *out->shares);
    if (!out->shares)
        return FC_RESOURCE_EXHAUSTED;
    for (size_t i = 0; i < s->n_parties; i++) {
        const Fcavtal__V1__CentreSettlementParty *p = s->parties[i];
        int64_t share = amount(p->by_category, p->n_by_category, CAT(COORDINATOR), false);
        if (share)
            out->shares[out->n_shares++] = (rsv_cost_share_t){ p->operation_id, share };
    }
    return FC_OK;
}

/* Who paid the coordinator (the employer, VG §14.1) and how much the
 * others make good. */
static void settlement_text(rsv_world_t *w, const settlement_t *s, rsv_cost_split_t *out)
{
    const Fcavtal__V1__CentreSettlementParty *payer = NULL;
    int64_t most = 0;
    for (size_t i = 0; i < s->n_parties; i++) {
        int64_t paid = amount(s->parties[i]->by_category, s->parties[i]->n_by_category,
                              CAT(COORDINATOR), true);
        if (paid > most)
            most = paid, payer = s->parties[i];
    }
    if (!payer)
        return;
    int64_t others = 0;
    for (size_t i = 0; i < out->n_shares; i++)
        if (out->shares[i].operation_id != payer->operation_id)
            others += out->shares[i].ore;
    char who[256] = "", paid[64], back[64], on[FC_DATE_STRLEN] = "", src[128];
    rsv_party_label(w, 0, payer->operation_id, who, sizeof who);
    fc_date_t fin;
    if (fc_date_from_pb(s->finalised_on, &fin))
        fc_date_format(fin, on);
    sources(s, CAT(COORDINATOR), src, sizeof src);
    snprintf(out->settlement, sizeof out->settlement,
             "Enligt avräkningen för %s (avräkning %llu, fastställd %s) betalade %s "
             "samordnarens kostnad, %s, och ersätts av de övriga parterna med sammanlagt %s%s%s%s.",
             out->period, (unsigned long long)s->run_id, on, who,
             rnd_format_money(most, paid, sizeof paid), rnd_format_money(others, back, sizeof back),
             *src ? " (" : "", src, *src ? ")" : "");
}

static void other_costs_text(const settlement_t *s, rsv_cost_split_t *out)
{
    static const struct { int cat; const char *label; } OTHER[] = {
        { CAT(PREMISES), "gemensamma lokaler" },
        { CAT(JOINT_ACTIVITY), "gemensamma aktiviteter" },
        { CAT(OTHER), "övriga gemensamma kostnader" } };
    char list[sizeof out->other_costs] = "";
    size_t len = 0;
    for (size_t i = 0; i < sizeof OTHER / sizeof OTHER[0] && len < sizeof list; i++) {
        int64_t total = amount(s->totals, s->n_totals, OTHER[i].cat, false);
        if (!total)
            continue;
        char money[64], src[128];
        sources(s, OTHER[i].cat, src, sizeof src);
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s %s%s%s%s",
                                len ? ", " : "", OTHER[i].label,
                                rnd_format_money(total, money, sizeof money), *src ? " (" : "",
                                src, *src ? ")" : "");
    }
    if (len)
        snprintf(out->other_costs, sizeof out->other_costs, "Enligt avräkningen för %s: %s.",
                 out->period, list);
}

fc_status_t rsv_costs_split(rsv_world_t *w, rsv_cost_split_t *out)
{
    memset(out, 0, sizeof *out);
    if (!w->centre)
        return FC_NOT_FOUND;
    pick_t p = { .latest_year = w->date.year };
    fc_index_key_t key;
    fc_index_key_u64(&key, w->centre->id);
    fc_status_t st = fc_record_index_scan(w->call, REC_COST_SETTLEMENT, IX_SETTLEMENT_CENTRE, &key,
                                          0, consider, &p);
    if (!st && !p.best)
        st = FC_NOT_FOUND;
    if (!st) {
        const settlement_t *s = p.best;
        out->coordinator_annual_ore = amount(s->totals, s->n_totals, CAT(COORDINATOR), false);
        snprintf(out->period, sizeof out->period, "%d", p.best_year);
        st = take_shares(s, out);
        if (!st) {
            settlement_text(w, s, out);
            other_costs_text(s, out);
        }
    }
    if (p.best)
        protobuf_c_message_free_unpacked(&p.best->base, NULL);
    if (st && st != FC_NOT_FOUND)
        rsv_cost_split_clear(out);
    return st;
}

void rsv_cost_split_clear(rsv_cost_split_t *split)
{
    free(split->shares);
    memset(split, 0, sizeof *split);
}
