/* Lead times and the horizon (policy.h). */
#include "policy.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/holiday.h"

void ntf_policy_default(ntf_policy_t *p)
{
    memset(p, 0, sizeof *p);
    char err[64];
    for (int k = 0; k < 4; k++)
        (void)ntf_leads_parse(NTF_DEFAULT_LEADS, &p->by_kind[k], err, sizeof err);
    p->horizon_months = NTF_DEFAULT_HORIZON_MONTHS;
    p->deadlines = fc_deadline_policy_default();
}

/* Days a lead reaches back, for ordering: a month counts as 31 days so that
 * P1M sorts before P30D. */
static long reach(ntf_lead_time_t l)
{
    return (long)l.months * 31 + l.days;
}

static int parse_one(const char *s, size_t len, ntf_lead_time_t *out)
{
    if (len < 3 || (s[0] != 'P' && s[0] != 'p'))
        return -1;
    char unit = (char)toupper((unsigned char)s[len - 1]);
    long n = 0;
    for (size_t i = 1; i + 1 < len; i++) {
        if (!isdigit((unsigned char)s[i]) || n > 100000)
            return -1;
        n = n * 10 + (s[i] - '0');
    }
    *out = (ntf_lead_time_t){0, 0};
    if (unit == 'M' && n <= 120)
        out->months = (int)n;
    else if (unit == 'W' && n <= 520)
        out->days = (int)n * 7;
    else if (unit == 'D' && n <= 3660)
        out->days = (int)n;
    else
        return -1;
    return 0;
}

static int by_reach_desc(const void *a, const void *b)
{
    long ra = reach(*(const ntf_lead_time_t *)a), rb = reach(*(const ntf_lead_time_t *)b);
    return ra < rb ? 1 : ra > rb ? -1 : 0;
}

int ntf_leads_parse(const char *text, ntf_leads_t *out, char *err, size_t errlen)
{
    ntf_leads_t leads = {.n = 0};
    const char *p = text ? text : "";
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, ", ");
        if (!len)
            break;
        ntf_lead_time_t l;
        if (parse_one(p, len, &l))
            return snprintf(err, errlen, "'%.*s' is no lead time (P12M, P3M, P7D, P0D; at most "
                            "120 months or 3660 days)", (int)len, p), -1;
        bool seen = false;
        for (size_t i = 0; i < leads.n; i++)
            seen = seen || (leads.items[i].months == l.months && leads.items[i].days == l.days);
        if (!seen) {
            if (leads.n == NTF_MAX_LEADS)
                return snprintf(err, errlen, "at most %d lead times", NTF_MAX_LEADS), -1;
            leads.items[leads.n++] = l;
        }
        p += len;
    }
    qsort(leads.items, leads.n, sizeof leads.items[0], by_reach_desc);
    *out = leads;
    return 0;
}

char *ntf_lead_format(ntf_lead_time_t lead, char *buf, size_t len)
{
    if (lead.months)
        snprintf(buf, len, "P%dM", lead.months);
    else
        snprintf(buf, len, "P%dD", lead.days);
    return buf;
}

fc_date_t ntf_lead_send_day(fc_date_t safe_day, ntf_lead_time_t lead)
{
    fc_date_t d = lead.months ? fc_date_add_months(safe_day, -lead.months)
                              : fc_date_add_days(safe_day, -(int64_t)lead.days);
    return fc_last_working_day_on_or_before(d);
}

const ntf_leads_t *ntf_policy_leads(const ntf_policy_t *p, int kind)
{
    return &p->by_kind[kind >= 1 && kind <= 3 ? kind : 1];
}

static int month_day(const char *s, int *m, int *d)
{
    char *end;
    long mm = strtol(s, &end, 10);
    if (*end != '-')
        return -1;
    long dd = strtol(end + 1, &end, 10);
    if ((*end && *end != ',') || mm < 1 || mm > 12 || dd < 1 ||
        dd > fc_date_days_in_month(2001, (int)mm))
        return -1;
    *m = (int)mm;
    *d = (int)dd;
    return 0;
}

int ntf_centre_days_parse(const char *text, fc_deadline_policy_t *out, char *err, size_t errlen)
{
    fc_deadline_policy_t p = fc_deadline_policy_default();
    if (text && strcmp(text, "none") == 0) {
        p.centre_deadlines = false;
        *out = p;
        return 0;
    }
    const char *plan = text ? strstr(text, "plan=") : NULL;
    const char *report = text ? strstr(text, "report=") : NULL;
    if ((plan && month_day(plan + 5, &p.plan_month, &p.plan_day)) ||
        (report && month_day(report + 7, &p.report_month, &p.report_day)) ||
        (text && *text && !plan && !report))
        return snprintf(err, errlen, "centre days are \"plan=MM-DD,report=MM-DD\" or \"none\""), -1;
    *out = p;
    return 0;
}
