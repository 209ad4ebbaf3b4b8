/* Deadlines as an iCalendar feed (RFC 5545) for one organisation or one
 * centre, built with libical: every deadline an all-day event on its safe
 * day, with one alarm per lead time. Made to import into Outlook, Google
 * Calendar and Apple Calendar alike (docs/notify-channels.md). */
#ifndef FCAVTAL_NOTIFY_ICAL_H
#define FCAVTAL_NOTIFY_ICAL_H

#include <stddef.h>
#include <stdint.h>
#include "fcavtal/status.h"
#include "reminder.h"

typedef struct {
    const char *name;                 /* X-WR-CALNAME: "Tidsfrister – Familjecentralen Bergsjön" */
    int64_t dtstamp_unix;             /* DTSTAMP of every event: when the feed was made */
    const ntf_deadline_t *deadlines;
    size_t n_deadlines;
    const ntf_lead_t *leads;          /* one VALARM each, longest first */
    size_t n_leads;
} ntf_calendar_t;

#define NTF_ICAL_PRODID "-//fcavtal//notify 1//SV"
#define NTF_ICAL_MAX_LEADS 32

/* Renders the VCALENDAR (CRLF line ends, folded at 75 octets). *text is
 * owned by the caller (free). Alarms due before the DTSTAMP day are left
 * out: Outlook keeps only one alarm per event and would show a past one as
 * overdue at once. FC_INVALID_ARGUMENT with a message for
 * a deadline that fails ntf_deadline_check or a bad lead. */
fc_status_t ntf_ical_render(const ntf_calendar_t *cal, char **text, char *err, size_t errlen);

/* "agreement-17.notice.2024-12-31@fcavtal" into buf. */
char *ntf_ical_uid(const ntf_deadline_t *deadline, char *buf, size_t len);

#endif
