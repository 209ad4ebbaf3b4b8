/* An agreement's dates as the domain computes them: the wire record becomes
 * an fc_agreement_t, and the end in force comes back with its reason. */
#include <stdlib.h>
#include <string.h>

#include "agreement.h"
#include "fcavtal/pb.h"
#include "term.h"

fc_status_t reg_agreement_end(const Agreement *a, fc_date_t today, bool *has_end, fc_date_t *end,
                              fc_reason_t *why)
{
    fc_agreement_t d;
    fc_agreement_from_pb(a, &d);
    return fc_agreement_end_in_force(&d, today, has_end, end, why);
}

fc_status_t reg_agreement_notice_effective(const Agreement *a, fc_date_t received,
                                           fc_date_t *effective, fc_reason_t *why)
{
    fc_agreement_t d;
    fc_agreement_from_pb(a, &d);
    return fc_term_notice_effective(&d.term, received, effective, why);
}

void reg_agreement_drop_current_end(Agreement *a)
{
    if (a->current_end)
        fcavtal__v1__date__free_unpacked(a->current_end, NULL);
    if (a->current_end_reason)
        fcavtal__v1__reason__free_unpacked(a->current_end_reason, NULL);
    a->current_end = NULL;
    a->current_end_reason = NULL;
}

/* Records written before notices carried their reason get one on read. */
static void fill_notice_reason(Agreement *a)
{
    fc_term_t t;
    fc_date_t received;
    fc_reason_t why;
    Fcavtal__V1__Notice *n = a->notice;
    if (!n || n->effective_reason || !a->term || !fc_term_from_pb(a->term, &t) ||
        !fc_date_from_pb(n->received, &received))
        return;
    if (fc_term_notice_effective(&t, received, NULL, &why) == FC_OK)
        n->effective_reason = reg_reason_new(&why);
}

/* Out of memory leaves the computed fields absent: a reply without them is
 * still true, only less helpful. */
void reg_agreement_fill_current_end(fc_call_t *call, Agreement *a)
{
    bool has_end = false;
    fc_date_t end;
    fc_reason_t why;
    reg_agreement_drop_current_end(a);
    fc_status_t st = reg_agreement_end(a, fc_call_today(call), &has_end, &end, &why);
    if (st == FC_OK && has_end)
        a->current_end = fc_pb_date_new(end);
    /* On an error the reason says why there is no end. */
    a->current_end_reason = reg_reason_new(&why);
    fill_notice_reason(a);
}
