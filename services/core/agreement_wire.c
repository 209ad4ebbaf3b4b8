#include "fcavtal/agreement_wire.h"

#include <string.h>

bool fc_date_from_pb(const Fcavtal__V1__Date *pb, fc_date_t *out)
{
    if (!pb || !(pb->year || pb->month || pb->day))
        return false;
    fc_date_t d = {.year = pb->year, .month = pb->month, .day = pb->day};
    if (!fc_date_valid(d))
        return false;
    if (out)
        *out = d;
    return true;
}

/* Any of the four fields makes a review clause; a half-given one is then
 * the domain's to refuse, not ours to drop. */
static bool annual_review_given(const Fcavtal__V1__AnnualReview *ar)
{
    return ar && (ar->window_end_month || ar->window_end_day || ar->effect_month ||
                  ar->effect_day);
}

bool fc_term_from_pb(const Fcavtal__V1__Term *pb, fc_term_t *out)
{
    memset(out, 0, sizeof *out);
    if (!pb)
        return false;
    bool start = fc_date_from_pb(pb->start, &out->start);
    out->until_further_notice = pb->until_further_notice;
    bool end = out->until_further_notice || fc_date_from_pb(pb->end, &out->end);
    out->renewal_months = pb->renewal_months;
    out->notice_months = pb->notice_months;
    out->extension_option_months = pb->extension_option_months;
    const Fcavtal__V1__AnnualReview *ar = pb->annual_review;
    out->has_annual_review = annual_review_given(ar);
    if (out->has_annual_review)
        out->annual_review = (fc_annual_review_t){.window_end_month = ar->window_end_month,
                                                  .window_end_day = ar->window_end_day,
                                                  .effect_month = ar->effect_month,
                                                  .effect_day = ar->effect_day};
    out->notice_to_month_end = pb->notice_to_month_end;
    return start && end;
}

void fc_agreement_from_pb(const Fcavtal__V1__Agreement *a, fc_agreement_t *out)
{
    memset(out, 0, sizeof *out);
    out->id = a->id;
    out->kind = (fc_agreement_kind_t)a->kind;
    out->centre_id = a->centre_id;
    out->title = a->title;
    out->case_number = a->case_number;
    out->state = (fc_agreement_state_t)a->status;
    /* A term that does not convert leaves its start no date: the domain
     * then refuses it with the reason. */
    (void)fc_term_from_pb(a->term, &out->term);
    if (a->notice) {
        out->notice.given = fc_date_from_pb(a->notice->received, &out->notice.received);
        fc_date_from_pb(a->notice->effective, &out->notice.effective);
        out->notice.from_organisation_id = a->notice->from_organisation_id;
    }
    out->has_effective_end = fc_date_from_pb(a->effective_end, &out->effective_end);
}
