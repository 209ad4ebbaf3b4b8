/* The last day an agreement runs, by its lifecycle state (domain:
 * "Lifecycle"): the term decides until a notice or a termination does. */
#include "fcavtal/deadline.h"

static fc_status_t inconsistent(fc_reason_t *why, const char *what)
{
    fc_reason_set(why, FC_RULE_INVALID, FC_SOURCE_RECORD, "%s", what);
    return FC_INVALID_ARGUMENT;
}

/* The notice's end as recorded, explained by the term. A recorded day that
 * differs from what the term gives (an amended rule, an imported record)
 * still stands: it is what the parties were told. */
static fc_status_t notice_end(const fc_agreement_t *a, fc_date_t on, fc_date_t *end,
                              fc_reason_t *why)
{
    if (!a->notice.given || !fc_date_valid(a->notice.received))
        return inconsistent(why, "under notice, but no notice with the day it was received");
    bool has;
    fc_date_t computed;
    fc_status_t st =
        fc_term_end_in_force(&a->term, on, &a->notice.received, &has, &computed, why);
    bool recorded = fc_date_valid(a->notice.effective);
    if (st != FC_OK && !recorded)
        return st;
    *end = recorded ? a->notice.effective : computed;
    if (recorded && (st != FC_OK || fc_date_cmp(computed, *end) != 0)) {
        char r[FC_DATE_STRLEN], e[FC_DATE_STRLEN];
        fc_reason_set(why, FC_RULE_NOTICE_RECORDED, FC_SOURCE_RECORD,
                      "notice received %s takes effect %s, as recorded (%s)",
                      fc_date_format(a->notice.received, r), fc_date_format(*end, e),
                      FC_SOURCE_RECORD);
    }
    return FC_OK;
}

static fc_status_t terminated_end(const fc_agreement_t *a, fc_date_t *end, fc_reason_t *why)
{
    char e[FC_DATE_STRLEN];
    if (!a->has_effective_end || !fc_date_valid(a->effective_end))
        return inconsistent(why, "terminated, but without the day it takes effect");
    *end = a->effective_end;
    fc_reason_set(why, FC_RULE_TERMINATED, FC_SOURCE_RECORD, "terminated with effect from %s (%s)",
                  fc_date_format(*end, e), FC_SOURCE_RECORD);
    return FC_OK;
}

/* An expired agreement ran until its termination, its notice or its
 * written end; automatic renewal cannot have expired it. */
static fc_status_t expired_end(const fc_agreement_t *a, fc_date_t on, fc_date_t *end,
                               fc_reason_t *why)
{
    fc_status_t st;
    if (a->has_effective_end)
        st = terminated_end(a, end, why);
    else if (a->notice.given)
        st = notice_end(a, on, end, why);
    else if (!a->term.until_further_notice && fc_date_valid(a->term.end))
        *end = a->term.end, st = FC_OK;
    else
        return inconsistent(why, "expired, but with no day it ended");
    if (st != FC_OK)
        return st;
    char e[FC_DATE_STRLEN];
    fc_reason_set(why, FC_RULE_EXPIRED, FC_SOURCE_RECORD, "expired: it ran until %s (%s)",
                  fc_date_format(*end, e), FC_SOURCE_RECORD);
    return FC_OK;
}

fc_status_t fc_agreement_end_in_force(const fc_agreement_t *a, fc_date_t on, bool *has_end,
                                      fc_date_t *end, fc_reason_t *why)
{
    bool ignored_has;
    fc_date_t ignored_end;
    if (!has_end)
        has_end = &ignored_has;
    if (!end)
        end = &ignored_end;
    if (!a)
        return inconsistent(why, "no agreement");
    switch (a->state) {
    case FC_AGREEMENT_DRAFT:
    case FC_AGREEMENT_OUT_FOR_SIGNATURE:
    case FC_AGREEMENT_ACTIVE:
        return fc_term_end_in_force(&a->term, on, NULL, has_end, end, why);
    case FC_AGREEMENT_UNDER_NOTICE:
        *has_end = true;
        return notice_end(a, on, end, why);
    case FC_AGREEMENT_TERMINATED:
        *has_end = true;
        return terminated_end(a, end, why);
    case FC_AGREEMENT_EXPIRED:
        *has_end = true;
        return expired_end(a, on, end, why);
    }
    return inconsistent(why, "unknown agreement status");
}
