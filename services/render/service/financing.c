/* Financing (VG §15 "Finansiering", Bilaga 1 §15; Örebro "Ekonomi"), and
 * the two Bilaga 1 sections the premises decide: insurance (§14) and fire
 * safety (§12). Each party bears its own staff costs; the coordinator cost
 * is shared by the framework's rule:
 *   VG §14.1: equally among the base operations;
 *   Örebro: equally between the principals, then equally among each
 *   principal's parties.
 * The fractions follow from the parties; the amounts are what the costs
 * service settled, when it has settled a year for the centre (costs.h). */
#include <stdio.h>
#include <string.h>

#include "context.h"
#include "costs.h"
#include "words.h"

#define AKIND(x) FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_##x
#define STATUS(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x

/* A party that shares the coordinator cost: a base operation. */
static bool shares_cost(rsv_world_t *w, const Fcavtal__V1__Party *p)
{
    const DocOperation *op = p->operation_id ? rsv_world_op(w, p->operation_id) : NULL;
    return op && rsv_is_base_operation(op->kind);
}

/* The denominator of party i's share: N base operations (VG), or
 * principals x that principal's parties (Örebro). 0: no share. */
static unsigned denominator(rsv_world_t *w, size_t i)
{
    const DocAgreement *a = w->agreement;
    if (!shares_cost(w, a->parties[i]))
        return 0;
    unsigned n = 0, principals = 0, own = 0;
    for (size_t j = 0; j < a->n_parties; j++) {
        if (!shares_cost(w, a->parties[j]))
            continue;
        n++;
        bool first_of_principal = true;
        for (size_t k = 0; k < j && first_of_principal; k++)
            first_of_principal = !shares_cost(w, a->parties[k])
                                 || a->parties[k]->organisation_id
                                        != a->parties[j]->organisation_id;
        principals += first_of_principal;
        own += a->parties[j]->organisation_id == a->parties[i]->organisation_id;
    }
    return w->rules == RND_RULES_OREBRO ? principals * own : n;
}

static const rsv_cost_share_t *amount_of(const rsv_cost_split_t *split,
                                         const Fcavtal__V1__Party *p)
{
    for (size_t i = 0; split && i < split->n_shares; i++)
        if (p->operation_id && split->shares[i].operation_id == p->operation_id)
            return &split->shares[i];
    return NULL;
}

static void shares(rsv_build_t *b, rsv_world_t *w, const rsv_cost_split_t *split,
                   rnd_value_t *financing)
{
    const DocAgreement *a = w->agreement;
    rnd_value_t *list = rsv_list(b, financing, "shares");
    for (size_t i = 0; a->kind == AKIND(LOCAL) && i < a->n_parties; i++) {
        unsigned d = denominator(w, i);
        if (!d)
            continue;
        const Fcavtal__V1__Party *p = a->parties[i];
        const DocOrganisation *org = rsv_world_org(w, p->organisation_id);
        rnd_value_t *m = rsv_item(b, list);
        rsv_setf(b, m, "party", "%s (%s)", rsv_party_name(w, p->organisation_id, p->operation_id),
                 org ? org->org_number : "");
        const rsv_cost_share_t *amount = amount_of(split, p);
        if (amount)
            rsv_set_money(b, m, "amount", amount->ore);
        else
            rsv_set(b, m, "amount", "");
        rsv_setf(b, m, "fraction", "1/%u", d);
    }
}

static bool in_force(const DocAgreement *a)
{
    return a->status != STATUS(TERMINATED) && a->status != STATUS(EXPIRED);
}

/* The centre's use-right agreement, which regulates the premises
 * (Bilaga 1 §15 "Lokaler", Bilaga 2). */
static const DocAgreement *use_right_of(const rsv_world_t *w)
{
    for (size_t i = 0; i < w->n_siblings; i++)
        if (w->siblings[i]->kind == AKIND(USE_RIGHT) && in_force(w->siblings[i]))
            return w->siblings[i];
    return NULL;
}

static void premises_text(const DocAgreement *u, char *buf, size_t size)
{
    char money[64];
    size_t len = (size_t)snprintf(buf, size, "%s%s", *u->case_number ? "dnr " : "",
                                  *u->case_number ? u->case_number : u->title);
    if (u->use_right && u->use_right->annual_cost && len < size) {
        len += (size_t)snprintf(buf + len, size - len, ", årlig kostnad %s",
                                rnd_format_money(u->use_right->annual_cost->ore, money,
                                                 sizeof money));
        if (u->use_right->base_year && len < size)
            snprintf(buf + len, size - len, " i %d års prisnivå", u->use_right->base_year);
    }
}

/* Bilaga 1 §14: the operation with the largest share of the premises
 * insures the inventory of the shared areas. */
static void insurer(rsv_world_t *w, const DocAgreement *u, char *buf, size_t size)
{
    const Fcavtal__V1__PremisesShare *best = NULL;
    for (size_t i = 0; u && u->use_right && i < u->use_right->n_shares; i++) {
        const Fcavtal__V1__PremisesShare *s = u->use_right->shares[i];
        if (s->operation_id && (!best || s->share_permille > best->share_permille))
            best = s;
    }
    buf[0] = '\0';
    if (best)
        rsv_party_label(w, 0, best->operation_id, buf, size);
}

void rsv_ctx_financing(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx)
{
    rsv_cost_split_t split;
    fc_status_t st = rsv_costs_split(w, &split);
    if (st && st != FC_NOT_FOUND && !w->error)
        w->error = st;
    const rsv_cost_split_t *costs = st == FC_OK ? &split : NULL;
    rnd_value_t *f = rsv_map(b, ctx, "financing");
    rnd_value_t *co = rsv_map(b, f, "coordinator");
    if (costs && costs->coordinator_annual_ore)
        rsv_set_money(b, co, "annual_cost", costs->coordinator_annual_ore);
    else
        rsv_set(b, co, "annual_cost", "");
    const Fcavtal__V1__Coordinator *c = w->centre ? w->centre->coordinator : NULL;
    char text[512] = "";
    if (c && c->employing_operation_id)
        rsv_party_label(w, 0, c->employing_operation_id, text, sizeof text);
    rsv_set(b, co, "employer", text);
    rsv_set(b, f, "period", costs ? costs->period : "");
    shares(b, w, costs, f);
    rsv_set(b, f, "settlement", costs ? costs->settlement : "");
    rsv_set(b, f, "other_costs", costs ? costs->other_costs : "");
    const DocAgreement *u = use_right_of(w);
    text[0] = '\0';
    if (u)
        premises_text(u, text, sizeof text);
    rsv_set(b, f, "premises_agreement", text);
    insurer(w, u, text, sizeof text);
    rsv_set(b, rsv_map(b, ctx, "insurance"), "shared_inventory_insurer", text);
    /* Not in the registry (Bilaga 1 §12): the template names neither. */
    rnd_value_t *fire = rsv_map(b, ctx, "fire_safety");
    rsv_set(b, fire, "representative", "");
    rsv_set(b, fire, "assembly_point", "");
    if (costs)
        rsv_cost_split_clear(&split);
}
