/* The reminder policy: at which lead times before a deadline's safe day a
 * reminder goes out, per agreement kind, and how far ahead deadlines are
 * kept. The sources set no reminders (domain §9.3): these are fcavtal's
 * defaults, each configurable (docs/notify.md, "Configuration"). */
#ifndef FCAVTAL_NOTIFY_POLICY_H
#define FCAVTAL_NOTIFY_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "fcavtal/date.h"
#include "fcavtal/deadline.h"

#define NTF_MAX_LEADS 16

/* How long before the safe day: months or days (one of them; both 0 is "on
 * the day"). */
typedef struct {
    int months;
    int days;
} ntf_lead_time_t;

typedef struct {
    ntf_lead_time_t items[NTF_MAX_LEADS];  /* longest first */
    size_t n;
} ntf_leads_t;

typedef struct {
    ntf_leads_t by_kind[4];          /* by fc_agreement_kind_t; [0] unused */
    int horizon_months;              /* deadlines kept this far ahead of today */
    fc_deadline_policy_t deadlines;  /* the centre's yearly documents */
} ntf_policy_t;

#define NTF_DEFAULT_LEADS "P12M,P3M,P1M,P7D,P0D"
#define NTF_DEFAULT_HORIZON_MONTHS 36

/* Every kind gets NTF_DEFAULT_LEADS, the horizon its default. */
void ntf_policy_default(ntf_policy_t *p);

/* Parses "P12M,P3M,P1M,P7D,P0D" (ISO 8601 periods of months or days; "P1W"
 * is 7 days): sorted longest first, repeats dropped. 0, or -1 with the reason
 * in err. */
int ntf_leads_parse(const char *text, ntf_leads_t *out, char *err, size_t errlen);

/* "P12M", "P7D", "P0D". */
char *ntf_lead_format(ntf_lead_time_t lead, char *buf, size_t len);

/* The day a reminder at `lead` goes out: safe_day - lead (months clamped
 * to the month's end), moved back to the working day before when it lands
 * on a weekend or holiday (domain §9.3). */
fc_date_t ntf_lead_send_day(fc_date_t safe_day, ntf_lead_time_t lead);

/* The leads for agreements of `kind` (out-of-range kinds: the framework's). */
const ntf_leads_t *ntf_policy_leads(const ntf_policy_t *p, int kind);

/* "plan=01-31,report=03-31": the centre's yearly documents. 0 or -1. */
int ntf_centre_days_parse(const char *text, fc_deadline_policy_t *out, char *err, size_t errlen);

#endif
