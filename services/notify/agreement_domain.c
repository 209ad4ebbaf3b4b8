/* The read model's agreement as the domain's plain struct, so that the
 * deadline engine (fcavtal/deadline.h) computes from exactly what the
 * registry holds. Strings are borrowed from the wire record. */
#include <string.h>

#include "notify.h"

static void term_to_domain(const Fcavtal__V1__Term *pb, fc_term_t *t)
{
    memset(t, 0, sizeof *t);
    if (!pb)
        return;
    ntf_date_from_pb(pb->start, &t->start);
    t->until_further_notice = pb->until_further_notice;
    if (!t->until_further_notice)
        ntf_date_from_pb(pb->end, &t->end);
    t->renewal_months = pb->renewal_months;
    t->notice_months = pb->notice_months;
    t->extension_option_months = pb->extension_option_months;
    const Fcavtal__V1__AnnualReview *ar = pb->annual_review;
    t->has_annual_review = ar && (ar->window_end_month || ar->window_end_day ||
                                  ar->effect_month || ar->effect_day);
    if (t->has_annual_review)
        t->annual_review = (fc_annual_review_t){ar->window_end_month, ar->window_end_day,
                                                ar->effect_month, ar->effect_day};
    t->notice_to_month_end = pb->notice_to_month_end;
}

void ntf_agreement_to_domain(const Agreement *a, fc_agreement_t *out)
{
    memset(out, 0, sizeof *out);
    out->id = a->id;
    out->kind = (fc_agreement_kind_t)a->kind;
    out->centre_id = a->centre_id;
    out->title = a->title;
    out->case_number = a->case_number;
    out->state = (fc_agreement_state_t)a->status;
    term_to_domain(a->term, &out->term);
    if (a->notice) {
        out->notice.given = ntf_date_from_pb(a->notice->received, &out->notice.received);
        ntf_date_from_pb(a->notice->effective, &out->notice.effective);
        out->notice.from_organisation_id = a->notice->from_organisation_id;
    }
    out->has_effective_end = ntf_date_from_pb(a->effective_end, &out->effective_end);
}
