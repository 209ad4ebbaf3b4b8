/* Agreement lifecycle (domain: "Lifecycle"). History is never overwritten,
 * so a status only moves forward, except a withdrawal back to draft while
 * signatures are still being collected. */
#include "lifecycle.h"

#define ST(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x

bool fc_lifecycle_allowed(Fcavtal__V1__AgreementStatus from, Fcavtal__V1__AgreementStatus to)
{
    switch (from) {
    case ST(DRAFT):
        return to == ST(OUT_FOR_SIGNATURE);
    case ST(OUT_FOR_SIGNATURE):
        return to == ST(DRAFT) || to == ST(ACTIVE);
    case ST(ACTIVE):
        return to == ST(UNDER_NOTICE) || to == ST(TERMINATED) || to == ST(EXPIRED);
    case ST(UNDER_NOTICE):
        return to == ST(TERMINATED) || to == ST(EXPIRED);
    case ST(TERMINATED):
        return to == ST(EXPIRED);
    default:
        /* EXPIRED is final; UNSPECIFIED and unknown wire values are never legal. */
        return false;
    }
}

const char *fc_lifecycle_name(Fcavtal__V1__AgreementStatus status)
{
    switch (status) {
    case ST(DRAFT): return "draft";
    case ST(OUT_FOR_SIGNATURE): return "out for signature";
    case ST(ACTIVE): return "active";
    case ST(UNDER_NOTICE): return "under notice";
    case ST(TERMINATED): return "terminated";
    case ST(EXPIRED): return "expired";
    default: return "unspecified";
    }
}
