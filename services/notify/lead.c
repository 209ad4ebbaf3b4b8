/* Lead times: when a reminder goes out and how it says so. */
#include "reminder.h"

#include <stdio.h>

bool ntf_lead_valid(ntf_lead_t lead)
{
    return lead.months >= 0 && lead.days >= 0 && !(lead.months && lead.days)
        && lead.months <= 1200 && lead.days <= 36600;
}

fc_date_t ntf_lead_date(fc_date_t safe_day, ntf_lead_t lead)
{
    if (lead.months)
        return fc_date_add_months(safe_day, -lead.months);
    return fc_date_add_days(safe_day, -(int64_t)lead.days);
}

int64_t ntf_lead_days(fc_date_t safe_day, ntf_lead_t lead)
{
    return fc_date_days_between(ntf_lead_date(safe_day, lead), safe_day);
}

char *ntf_lead_text(ntf_lead_t lead, char *buf, size_t len)
{
    if (lead.months == 1)
        snprintf(buf, len, "om 1 månad");
    else if (lead.months > 1)
        snprintf(buf, len, "om %d månader", lead.months);
    else if (lead.days == 0)
        snprintf(buf, len, "i dag");
    else if (lead.days == 1)
        snprintf(buf, len, "i morgon");
    else
        snprintf(buf, len, "om %d dagar", lead.days);
    return buf;
}

char *ntf_lead_code(ntf_lead_t lead, char *buf, size_t len)
{
    if (lead.months)
        snprintf(buf, len, "P%dM", lead.months);
    else
        snprintf(buf, len, "P%dD", lead.days);
    return buf;
}
