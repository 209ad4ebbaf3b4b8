/* Why a party's balance is what it is, line by line, for finance to check. */
#include "fcavtal/costs/money.h"
#include "fcavtal/costs/settlement.h"
#include "segment_text.h"
#include "text.h"

static void explain_item(cst__text_t *t, const cst_run_t *run, const cst_run_item_t *it,
                         uint64_t party)
{
    char a[CST_MONEY_STRLEN], whole[CST_MONEY_STRLEN];
    bool header = false;
    size_t first, n = cst_run_item_segments(run, it->id, &first);
    for (size_t s = first; s < first + n; s++) {
        const cst_segment_t *seg = &run->segments[s];
        for (size_t m = 0; m < seg->n_members; m++) {
            if (seg->members[m].party != party)
                continue;
            if (!header)
                cst__text_add(t, "Item %llu (%s, reference \"%s\"): share %s\n",
                             (unsigned long long)it->id, cst_category_name(it->category),
                             it->reference,
                             cst_money_format(cst_run_item_share(run, it->id, party),
                                              CST_MONEY_TEXT, a));
            header = true;
            cst__text_add(t, "  ");
            cst__fraction_text(t, seg, m);
            cst__text_add(t, " = %s. ", cst_money_format(seg->members[m].amount, CST_MONEY_TEXT, a));
            cst__segment_text(t, run, seg);
            cst__text_add(t, "\n");
        }
    }
    if (it->paid_by == party)
        cst__text_add(t, "Item %llu (%s): paid %s, the part of %s that falls in this period\n",
                     (unsigned long long)it->id, cst_category_name(it->category),
                     cst_money_format(it->accrued, CST_MONEY_TEXT, a),
                     cst_money_format(it->amount, CST_MONEY_TEXT, whole));
}

static void explain_transfers(cst__text_t *t, const cst_ledger_t *l, size_t org)
{
    char a[CST_MONEY_STRLEN];
    const cst_org_line_t *o = &l->organisations[org];
    bool any = false;
    for (size_t i = 0; i < l->n_transfers; i++) {
        const cst_transfer_t *tr = &l->transfers[i];
        if (tr->from == org)
            cst__text_add(t, "%s pays %s to %s.\n", o->name,
                         cst_money_format(tr->amount, CST_MONEY_TEXT, a),
                         l->organisations[tr->to].name);
        else if (tr->to == org)
            cst__text_add(t, "%s receives %s from %s.\n", o->name,
                         cst_money_format(tr->amount, CST_MONEY_TEXT, a),
                         l->organisations[tr->from].name);
        any = any || tr->from == org || tr->to == org;
    }
    if (!any)
        cst__text_add(t, "%s neither pays nor receives anything.\n", o->name);
}

fc_status_t cst_run_explain(const cst_run_t *run, uint64_t party, char **text, cst_error_t *err)
{
    *text = NULL;
    ptrdiff_t ix = cst_ledger_party(&run->ledger, party);
    if (ix < 0)
        return cst_error_set(err, FC_NOT_FOUND, "party", "party %llu has no line in this run",
                             (unsigned long long)party);
    const cst_party_line_t *p = &run->ledger.parties[ix];
    const cst_org_line_t *o = &run->ledger.organisations[p->organisation];
    char f[FC_DATE_STRLEN], to[FC_DATE_STRLEN];
    char s[CST_MONEY_STRLEN], pd[CST_MONEY_STRLEN], b[CST_MONEY_STRLEN], ob[CST_MONEY_STRLEN];
    cst__text_t t;
    if (!cst__text_open(&t))
        return cst_error_oom(err);
    cst__text_add(&t, "%s (%s), %s %s..%s\n", p->name, o->name,
                 cst_period_kind_name(run->period.kind), fc_date_format(run->period.from, f),
                 fc_date_format(run->period.to, to));
    cst__text_add(&t, "Share %s, paid %s, balance %s (%s).\n",
                 cst_money_format(p->share, CST_MONEY_TEXT, s),
                 cst_money_format(p->paid, CST_MONEY_TEXT, pd),
                 cst_money_format(p->balance, CST_MONEY_TEXT, b),
                 p->balance > 0 ? "to receive" : p->balance < 0 ? "to pay" : "settled");
    for (size_t i = 0; i < run->n_items; i++)
        explain_item(&t, run, &run->items[i], party);
    cst__text_add(&t, "%s nets its operations to %s; transfers run between organisations only.\n",
                 o->name, cst_money_format(o->balance, CST_MONEY_TEXT, ob));
    explain_transfers(&t, &run->ledger, p->organisation);
    return cst__text_close(&t, text, NULL) ? FC_OK : cst_error_oom(err);
}
