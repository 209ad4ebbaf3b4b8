/* The premises use-right agreement (Bilaga 2): grantor and user with their
 * organisation numbers, the premises with areas and shares, the annual
 * cost at the base year's price level and the compensation per period. */
#include <stdio.h>
#include <string.h>

#include "context.h"
#include "words.h"

#define AKIND(x) FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_##x
#define STATUS(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x

static bool is_grantor(const Fcavtal__V1__Party *p)
{
    return !strcmp(p->role, "grantor");
}

#define SIDE_MAX 16

/* "a", "a och b", "a, b och c". */
static void join(char *buf, size_t size, const char *const *items, size_t n, const char *last)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                i == 0 ? "" : i + 1 == n ? last : ", ", items[i]);
}

/* One side of the agreement: the grantor, or every user together (a
 * use-right may have several users; they are named as one side, their
 * organisations once each). */
static void side(rsv_build_t *b, rsv_world_t *w, bool grantor, rnd_value_t *ctx, const char *key)
{
    const DocAgreement *a = w->agreement;
    const char *orgs[SIDE_MAX], *numbers[SIDE_MAX], *ops[SIDE_MAX];
    uint64_t org_ids[SIDE_MAX];
    size_t n_orgs = 0, n_ops = 0;
    for (size_t i = 0; i < a->n_parties; i++) {
        const Fcavtal__V1__Party *p = a->parties[i];
        if (is_grantor(p) != grantor)
            continue;
        const DocOrganisation *org = rsv_world_org(w, p->organisation_id);
        bool seen = false;
        for (size_t j = 0; j < n_orgs && !seen; j++)
            seen = org_ids[j] == p->organisation_id;
        if (org && !seen && n_orgs < SIDE_MAX) {
            org_ids[n_orgs] = p->organisation_id;
            numbers[n_orgs] = org->org_number;
            orgs[n_orgs++] = org->name;
        }
        if (p->operation_id && n_ops < SIDE_MAX)
            ops[n_ops++] = rsv_party_name(w, 0, p->operation_id);
    }
    char text[1024];
    rnd_value_t *m = rsv_map(b, ctx, key);
    join(text, sizeof text, orgs, n_orgs, " och ");
    rsv_set(b, m, "organisation", text);
    join(text, sizeof text, ops, n_ops, " och ");
    rsv_set(b, m, "operation", text);
    join(text, sizeof text, numbers, n_orgs, " respektive ");
    rsv_set(b, m, "org_number", text);
}

/* 300 per mille -> "30 %", 125 -> "12,5 %". */
static void share_text(int32_t permille, char *buf, size_t size)
{
    if (permille % 10)
        snprintf(buf, size, "%d,%d\u00a0%%", permille / 10, permille % 10);
    else
        snprintf(buf, size, "%d\u00a0%%", permille / 10);
}

static void premises(rsv_build_t *b, rsv_world_t *w, const Fcavtal__V1__UseRight *u,
                     rnd_value_t *ctx)
{
    rnd_value_t *list = rsv_list(b, ctx, "premises");
    for (size_t i = 0; u && i < u->n_shares; i++) {
        const Fcavtal__V1__PremisesShare *s = u->shares[i];
        rnd_value_t *m = rsv_item(b, list);
        char share[32];
        rsv_set(b, m, "area", s->area);
        if (s->square_metres > 0)
            rsv_setf(b, m, "square_metres", "%d", s->square_metres);
        else
            rsv_set(b, m, "square_metres", "");
        rsv_set(b, m, "operation", s->operation_id ? rsv_party_name(w, 0, s->operation_id) : "");
        share_text(s->share_permille, share, sizeof share);
        rsv_set(b, m, "share", s->share_permille > 0 ? share : "");
    }
}

/* Bilaga 2 §4: the compensation per period. The annual cost is split into
 * equal payments only when they are whole öre; otherwise the document
 * names the part of the annual cost, so no amount is ever rounded. */
static void compensation(rsv_build_t *b, const Fcavtal__V1__UseRight *u, rnd_value_t *m)
{
    int per_year = u ? rsv_periods_per_year(u->period) : 0;
    const char *period = u ? rsv_period_name(u->period) : NULL;
    rsv_set(b, m, "period", period ? period : "");
    if (!u || !u->annual_cost || !per_year)
        rsv_set(b, m, "compensation", "");
    else if (u->annual_cost->ore % per_year == 0)
        rsv_set_money(b, m, "compensation", u->annual_cost->ore / per_year);
    else
        rsv_setf(b, m, "compensation", "1/%d av den årliga kostnaden", per_year);
}

static void use_right(rsv_build_t *b, const Fcavtal__V1__UseRight *u, rnd_value_t *ctx)
{
    rnd_value_t *m = rsv_map(b, ctx, "use_right");
    if (u && u->annual_cost)
        rsv_set_money(b, m, "annual_cost", u->annual_cost->ore);
    else
        rsv_set(b, m, "annual_cost", "");
    if (u && u->base_year > 0)
        rsv_setf(b, m, "base_year", "%d", u->base_year);
    else
        rsv_set(b, m, "base_year", "");
    compensation(b, u, m);
    rsv_set(b, m, "payment_terms", "");
}

/* The centre's local collaboration agreement, beside which the use-right
 * applies (Bilaga 2, introduction). */
static void local_agreement(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx)
{
    char text[512] = "";
    for (size_t i = 0; i < w->n_siblings && !text[0]; i++) {
        const DocAgreement *s = w->siblings[i];
        if (s->kind != AKIND(LOCAL) || s->status == STATUS(TERMINATED)
            || s->status == STATUS(EXPIRED))
            continue;
        if (*s->case_number)
            snprintf(text, sizeof text, "dnr %s", s->case_number);
        else
            snprintf(text, sizeof text, "%s", s->title);
    }
    rsv_set(b, ctx, "local_agreement", text);
}

void rsv_ctx_use_right(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx)
{
    const Fcavtal__V1__UseRight *u = w->agreement->use_right;
    side(b, w, true, ctx, "grantor");
    side(b, w, false, ctx, "user");
    premises(b, w, u, ctx);
    use_right(b, u, ctx);
    rsv_list(b, ctx, "grantor_duties");
    rsv_list(b, ctx, "user_duties");
    local_agreement(b, w, ctx);
}
