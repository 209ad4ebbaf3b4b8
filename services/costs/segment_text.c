#include "segment_text.h"

#include <stdlib.h>

#include "fcavtal/costs/money.h"

static const char *unit_word(cst_weight_unit_t u)
{
    switch (u) {
    case CST_UNIT_SHARES: return "shares";
    case CST_UNIT_BASIS_POINTS: return "%";
    case CST_UNIT_SQUARE_METRES: return "m²";
    case CST_UNIT_PERMILLE: return "‰";
    }
    return "";
}

static bool weighted(const cst_segment_t *s)
{
    return s->rule == CST_RULE_FIXED_SHARES || s->rule == CST_RULE_PREMISES_AREA;
}

/* "120 m²", "2 shares", "25,00 %" (basis points read as a percentage). */
static void add_weight(cst__text_t *t, cst_weight_unit_t unit, uint64_t w)
{
    if (unit == CST_UNIT_BASIS_POINTS) {
        char b[CST_MONEY_STRLEN];
        cst__text_add(t, "%s %%", cst_money_format((int64_t)w, CST_MONEY_DECIMAL_COMMA, b));
    } else {
        cst__text_add(t, "%llu %s", (unsigned long long)w, unit_word(unit));
    }
}

/* The principals in key order, without an array: the smallest one above
 * `after` (0: the first), or 0 when none is left. A centre has a handful. */
static uint64_t next_principal(const cst_segment_t *s, uint64_t after)
{
    uint64_t best = 0;
    for (size_t i = 0; i < s->n_members; i++) {
        uint64_t p = s->members[i].principal;
        if (p > after && (best == 0 || p < best))
            best = p;
    }
    return best;
}

static size_t count_principals(const cst_segment_t *s)
{
    size_t n = 0;
    for (uint64_t p = next_principal(s, 0); p; p = next_principal(s, p))
        n++;
    return n;
}

static size_t count_principal(const cst_segment_t *s, uint64_t principal)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n_members; i++)
        k += s->members[i].principal == principal;
    return k;
}

static uint64_t total_weight(const cst_segment_t *s)
{
    uint64_t t = 0;
    for (size_t i = 0; i < s->n_members; i++)
        t += s->members[i].weight; /* validated: a local rule's weights fit an int64 sum */
    return t;
}

void cst__fraction_text(cst__text_t *t, const cst_segment_t *s, size_t k)
{
    const cst_member_t *m = &s->members[k];
    if (s->rule == CST_RULE_EQUAL_PRINCIPALS) {
        cst__text_add(t, "1/%zu × 1/%zu", count_principals(s), count_principal(s, m->principal));
    } else if (weighted(s)) {
        add_weight(t, s->unit, m->weight);
        cst__text_add(t, " of ");
        add_weight(t, s->unit, total_weight(s));
    } else {
        cst__text_add(t, "1/%zu", s->n_members);
    }
}

static void add_name(cst__text_t *t, const cst_run_t *run, const cst_segment_t *s,
                     bool organisation, uint64_t key)
{
    char buf[CST_NAME_STRLEN];
    cst__text_add(t, "%s", cst_run_name(run, s->centre, organisation, key, buf));
}

/* The members (of one principal, or all when principal is 0), with their
 * weights under a weighted rule. */
static void add_members(cst__text_t *t, const cst_run_t *run, const cst_segment_t *s,
                        uint64_t principal)
{
    bool first = true;
    for (size_t i = 0; i < s->n_members; i++) {
        if (principal && s->members[i].principal != principal)
            continue;
        if (!first)
            cst__text_add(t, ", ");
        add_name(t, run, s, false, s->members[i].party);
        if (weighted(s)) {
            cst__text_add(t, " ");
            add_weight(t, s->unit, s->members[i].weight);
        }
        first = false;
    }
}

static void add_how(cst__text_t *t, const cst_run_t *run, const cst_segment_t *s)
{
    switch (s->rule) {
    case CST_RULE_EQUAL_BASE:
        cst__text_add(t, "equally among the %zu base operations taking part (", s->n_members);
        break;
    case CST_RULE_EQUAL_PARTIES:
        cst__text_add(t, "equally among the %zu parties taking part (", s->n_members);
        break;
    case CST_RULE_FIXED_SHARES:
        cst__text_add(t, "by the agreed fixed shares (");
        break;
    case CST_RULE_PREMISES_AREA:
        cst__text_add(t, "by premises area (");
        break;
    case CST_RULE_EQUAL_PRINCIPALS:
        cst__text_add(t, "equally between the %zu principals, then equally among each "
                         "principal's parties (", count_principals(s));
        for (uint64_t p = next_principal(s, 0); p; p = next_principal(s, p)) {
            if (p != next_principal(s, 0))
                cst__text_add(t, "; ");
            add_name(t, run, s, true, p);
            cst__text_add(t, ": ");
            add_members(t, run, s, p);
        }
        cst__text_add(t, ")");
        return;
    }
    add_members(t, run, s, 0);
    cst__text_add(t, ")");
}

static void add_days(cst__text_t *t, const cst_segment_t *s, const cst_run_item_t *item)
{
    char f[FC_DATE_STRLEN], to[FC_DATE_STRLEN], a[CST_MONEY_STRLEN];
    cst__text_add(t, " on %s..%s (%lld days): %s", fc_date_format(s->from, f),
                  fc_date_format(s->to, to), (long long)s->days,
                  cst_money_format(s->amount, CST_MONEY_TEXT, a));
    if (item == NULL)
        return;
    char whole[CST_MONEY_STRLEN], g[FC_DATE_STRLEN], h[FC_DATE_STRLEN];
    cst__text_add(t, " of %s accruing evenly over %s..%s",
                  cst_money_format(item->amount, CST_MONEY_TEXT, whole),
                  fc_date_format(item->from, g), fc_date_format(item->to, h));
}

void cst__segment_text(cst__text_t *t, const cst_run_t *run, const cst_segment_t *s)
{
    /* A run read with only some of its items still has each segment's
     * item: segments are read with the items they belong to. */
    const cst_run_item_t *item = cst_run_item(run, s->item);
    cst__text_add(t, "%s: %s: cost item %llu", s->source, cst_rule_basis_text(s->basis),
                  (unsigned long long)s->item);
    if (item)
        cst__text_add(t, " (%s)", cst_category_name(item->category));
    cst__text_add(t, " is shared ");
    add_how(t, run, s);
    add_days(t, s, item);
    cst__text_add(t, ".");
    for (size_t i = 0; i < s->n_idle; i++) {
        cst__text_add(t, "%s", i ? ", " : " Taking part without a share under this rule: ");
        add_name(t, run, s, false, s->idle[i]);
    }
    if (s->n_idle)
        cst__text_add(t, ".");
}

static fc_status_t close_text(cst__text_t *t, char **text)
{
    return cst__text_close(t, text, NULL) ? FC_OK : FC_RESOURCE_EXHAUSTED;
}

fc_status_t cst_segment_explain(const cst_run_t *run, const cst_segment_t *seg, char **text)
{
    cst__text_t t;
    *text = NULL;
    if (!cst__text_open(&t))
        return FC_RESOURCE_EXHAUSTED;
    cst__segment_text(&t, run, seg);
    return close_text(&t, text);
}

fc_status_t cst_member_fraction(const cst_segment_t *seg, size_t k, char **text)
{
    cst__text_t t;
    *text = NULL;
    if (k >= seg->n_members || !cst__text_open(&t))
        return k >= seg->n_members ? FC_INVALID_ARGUMENT : FC_RESOURCE_EXHAUSTED;
    cst__fraction_text(&t, seg, k);
    return close_text(&t, text);
}
