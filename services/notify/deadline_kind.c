/* The Swedish words for each kind of deadline, as the notices in the
 * agreements phrase them. */
#include "reminder.h"

const char *ntf_deadline_kind_text(ntf_deadline_kind_t kind)
{
    switch (kind) {
    case NTF_KIND_NOTICE:
        return "sista dag för uppsägning";
    case NTF_KIND_EXTENSION_DECISION:
        return "sista dag för beslut om förlängning";
    case NTF_KIND_ANNUAL_REVIEW:
        return "sista dag för översyn eller uppsägning";
    case NTF_KIND_USE_RIGHT_NOTICE:
        return "sista dag för uppsägning av nyttjanderätt";
    case NTF_KIND_TERM_END:
        return "avtalets sista giltighetsdag";
    case NTF_KIND_BUSINESS_PLAN:
        return "sista dag för verksamhetsplan";
    case NTF_KIND_ANNUAL_REPORT:
        return "sista dag för verksamhetsberättelse";
    case NTF_KIND_UNSPECIFIED:
        break;
    }
    return "tidsfrist";
}

const char *ntf_deadline_text(const ntf_deadline_t *deadline)
{
    if (deadline->kind_text && deadline->kind_text[0])
        return deadline->kind_text;
    return ntf_deadline_kind_text(deadline->kind);
}
