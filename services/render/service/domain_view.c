#include "domain_view.h"

#include <string.h>

static void agreement_of(const DocAgreement *a, fc_agreement_t *out)
{
    memset(out, 0, sizeof *out);
    out->id = a->id;
    out->kind = (fc_agreement_kind_t)a->kind;
    out->centre_id = a->centre_id;
    out->state = (fc_agreement_state_t)a->status;
    fc_term_from_pb(a->term, &out->term);
    if (a->notice && fc_date_from_pb(a->notice->received, &out->notice.received)) {
        out->notice.given = true;
        fc_date_from_pb(a->notice->effective, &out->notice.effective);
        out->notice.from_organisation_id = a->notice->from_organisation_id;
    }
    out->has_effective_end = fc_date_from_pb(a->effective_end, &out->effective_end);
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
    if (!fc_term_from_pb(a->term, &t) || t.until_further_notice || t.notice_months <= 0)
        return false;
    return fc_term_first_cycle_on_or_after(&t, on, &k) == FC_OK
           && fc_term_cycle(&t, k, NULL, deadline) == FC_OK;
}
