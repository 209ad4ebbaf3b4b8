#include "domain_view.h"

#include <string.h>

bool rsv_date_from_pb(const Fcavtal__V1__Date *pb, fc_date_t *out)
{
    if (!pb)
        return false;
    fc_date_t d = { pb->year, pb->month, pb->day };
    if (!fc_date_valid(d))
        return false;
    if (out)
        *out = d;
    return true;
}

bool rsv_term_of(const Fcavtal__V1__Term *pb, fc_term_t *out)
{
    memset(out, 0, sizeof *out);
    if (!pb)
        return false;
    out->until_further_notice = pb->until_further_notice;
    out->renewal_months = pb->renewal_months;
    out->notice_months = pb->notice_months;
    out->extension_option_months = pb->extension_option_months;
    out->notice_to_month_end = pb->notice_to_month_end;
    const Fcavtal__V1__AnnualReview *ar = pb->annual_review;
    out->has_annual_review = ar && (ar->window_end_month || ar->window_end_day);
    if (out->has_annual_review)
        out->annual_review = (fc_annual_review_t){ ar->window_end_month, ar->window_end_day,
                                                   ar->effect_month, ar->effect_day };
    bool start = rsv_date_from_pb(pb->start, &out->start);
    bool end = out->until_further_notice || rsv_date_from_pb(pb->end, &out->end);
    return start && end;
}

static void agreement_of(const DocAgreement *a, fc_agreement_t *out)
{
    memset(out, 0, sizeof *out);
    out->id = a->id;
    out->kind = (fc_agreement_kind_t)a->kind;
    out->centre_id = a->centre_id;
    out->state = (fc_agreement_state_t)a->status;
    rsv_term_of(a->term, &out->term);
    if (a->notice && rsv_date_from_pb(a->notice->received, &out->notice.received)) {
        out->notice.given = true;
        rsv_date_from_pb(a->notice->effective, &out->notice.effective);
        out->notice.from_organisation_id = a->notice->from_organisation_id;
    }
    out->has_effective_end = rsv_date_from_pb(a->effective_end, &out->effective_end);
}

fc_status_t rsv_end_in_force(const DocAgreement *a, fc_date_t on, bool *has_end, fc_date_t *end)
{
    fc_agreement_t fa;
    agreement_of(a, &fa);
    *has_end = false;
    return fc_agreement_end_in_force(&fa, on, has_end, end, NULL);
}

bool rsv_notice_deadline(const DocAgreement *a, fc_date_t on, fc_date_t *deadline)
{
    fc_term_t t;
    int64_t k;
    if (!rsv_term_of(a->term, &t) || t.until_further_notice || t.notice_months <= 0)
        return false;
    return fc_term_first_cycle_on_or_after(&t, on, &k) == FC_OK
           && fc_term_cycle(&t, k, NULL, deadline) == FC_OK;
}
