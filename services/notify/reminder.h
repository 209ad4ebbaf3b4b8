/* The plain facts the delivery channels (e-mail, iCalendar, case feed) are
 * given about a deadline and about one reminder of it. The deadline engine
 * fills these; the channels never look anything up themselves, so either side
 * can change without the other.
 *
 * Strings are UTF-8 and borrowed: they must outlive the call they are
 * passed to. Optional strings may be NULL or "". */
#ifndef FCAVTAL_NOTIFY_REMINDER_H
#define FCAVTAL_NOTIFY_REMINDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fcavtal/date.h"

/* Numbered as DeadlineKind in proto/fcavtal/v1/casefeed.proto. */
typedef enum {
    NTF_KIND_UNSPECIFIED = 0,
    NTF_KIND_NOTICE = 1,              /* last day to give written notice (VG §4, Bilaga 1 §2) */
    NTF_KIND_EXTENSION_DECISION = 2,  /* decide on the extension option (Bilaga 1 §2) */
    NTF_KIND_ANNUAL_REVIEW = 3,       /* Örebro: review or termination before end of June */
    NTF_KIND_USE_RIGHT_NOTICE = 4,    /* use-right until further notice (Bilaga 2) */
    NTF_KIND_TERM_END = 5,            /* the agreement expires */
    NTF_KIND_BUSINESS_PLAN = 6,       /* annual business plan (VG §11) */
    NTF_KIND_ANNUAL_REPORT = 7,       /* annual report (VG §12) */
} ntf_deadline_kind_t;

#define NTF_KIND_MAX NTF_KIND_ANNUAL_REPORT

/* A party that must act, as named in the agreement. */
typedef struct {
    const char *name;        /* "Göteborgs kommun" */
    const char *org_number;  /* "212000-1355"; optional */
} ntf_party_t;

/* One deadline: the same for every reminder of it. */
typedef struct {
    /* Stable for the life of the deadline, 1..100 characters from
     * [A-Za-z0-9._-] with no leading, trailing or double dot: calendar UIDs
     * and notification ids are derived from it, e.g.
     * "agreement-17.notice.2024-12-31". */
    const char *key;
    ntf_deadline_kind_t kind;
    const char *kind_text;       /* optional; default ntf_deadline_kind_text(kind) */
    uint64_t agreement_id;
    const char *agreement_title;
    const char *case_number;     /* diarienummer, opaque: "SLK-2023-00875" */
    const char *centre_name;     /* optional: framework agreements have none */
    fc_date_t nominal;           /* the contractual last day */
    fc_date_t safe_day;          /* last working day on or before nominal */
    /* Why safe_day is earlier, e.g. "2024-12-31 är nyårsafton". Optional:
     * when NULL and the days differ, ntf_moved_reason() words it. */
    const char *moved_reason;
    const char *rule_text;       /* the rule in Swedish */
    const char *rule_source;     /* its section: "VG §4", "Bilaga 1 §2" */
    const ntf_party_t *parties;  /* the parties that must act */
    size_t n_parties;
} ntf_deadline_t;

/* How long before the safe day a reminder goes out: months or days (one of
 * them, the other 0); {0, 0} is "on the day". */
typedef struct {
    int months;
    int days;
} ntf_lead_t;

/* One reminder of a deadline at one lead time. */
typedef struct {
    /* Stable notification id (see ntf_notification_id): deduplication key of
     * the case feed, source of the e-mail Message-ID. */
    const char *id;
    const ntf_deadline_t *deadline;
    ntf_lead_t lead;
    fc_date_t sent_on;   /* the day it is sent (the service's today) */
    bool late;           /* sent after its planned day (ntf_lead_date) */
} ntf_reminder_t;

/* Swedish noun phrase for the kind: "sista dag för uppsägning", ... */
const char *ntf_deadline_kind_text(ntf_deadline_kind_t kind);
/* The deadline's kind text: its own kind_text when set, else the default. */
const char *ntf_deadline_text(const ntf_deadline_t *deadline);

/* The day a reminder at `lead` is planned: safe_day - lead, months by
 * fc_date_add_months (day clamped to the month's end). */
fc_date_t ntf_lead_date(fc_date_t safe_day, ntf_lead_t lead);
/* Days from ntf_lead_date to safe_day (the months made exact for that date). */
int64_t ntf_lead_days(fc_date_t safe_day, ntf_lead_t lead);
/* "om 12 månader", "om 1 månad", "om 30 dagar", "i morgon", "i dag". */
char *ntf_lead_text(ntf_lead_t lead, char *buf, size_t len);
/* "P12M", "P30D", "P0D": the lead in ISO 8601 form, for ids. */
char *ntf_lead_code(ntf_lead_t lead, char *buf, size_t len);
/* False for negative values or both months and days set. */
bool ntf_lead_valid(ntf_lead_t lead);

/* True when `key` (deadline key or notification id) is 1..max characters
 * from [A-Za-z0-9._-] with no leading, trailing or double '.': safe as a
 * file name, a Message-ID and a calendar UID on every system. */
bool ntf_id_valid(const char *key, size_t max);
#define NTF_KEY_MAX 100
#define NTF_ID_MAX 128
/* "<key>.<lead code>", e.g. "agreement-17.notice.2024-12-31.P12M". Returns
 * 0, or -1 when the key is not valid or buf is too small. */
int ntf_notification_id(const char *key, ntf_lead_t lead, char *buf, size_t len);

#endif
