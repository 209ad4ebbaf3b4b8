#include "ical.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline_facts.h"
#include "text_check.h"

char *ntf_ical_uid(const ntf_deadline_t *deadline, char *buf, size_t len)
{
    snprintf(buf, len, "%s@fcavtal", deadline->key);
    return buf;
}

static struct icaltimetype ical_date(fc_date_t d)
{
    struct icaltimetype t = icaltime_null_date();
    t.year = d.year;
    t.month = d.month;
    t.day = d.day;
    return t;
}

typedef int (*text_fn)(const void *arg, FILE *out);

static char *render_text(text_fn write, const void *arg)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        return NULL;
    int rc = write(arg, out);
    if (fclose(out) || rc) {
        free(text);
        return NULL;
    }
    /* DESCRIPTION lines end without a trailing newline. */
    while (len > 0 && text[len - 1] == '\n')
        text[--len] = '\0';
    return text;
}

static int write_facts(const void *arg, FILE *out)
{
    return ntf_deadline_facts(arg, out);
}

static int write_summary(const void *arg, FILE *out)
{
    const ntf_deadline_t *d = arg;
    const char *what = d->agreement_title && d->agreement_title[0] ? d->agreement_title : d->case_number;
    if (ntf_put_capitalised(ntf_deadline_text(d), out))
        return -1;
    return fprintf(out, " – %s", what) < 0 ? -1 : 0;
}

typedef struct {
    const ntf_deadline_t *deadline;
    ntf_lead_t lead;
} alarm_arg_t;

static int write_alarm_text(const void *arg, FILE *out)
{
    const alarm_arg_t *a = arg;
    char when[64], safe[FC_DATE_STRLEN];
    if (fputs("Påminnelse: ", out) < 0)
        return -1;
    return fprintf(out, "%s %s, %s – %s", ntf_deadline_text(a->deadline),
                   ntf_lead_text(a->lead, when, sizeof when), fc_date_format(a->deadline->safe_day, safe),
                   a->deadline->agreement_title && a->deadline->agreement_title[0]
                       ? a->deadline->agreement_title : a->deadline->case_number) < 0 ? -1 : 0;
}

/* RFC 5545 durations have no months (§3.3.6): the lead is made exact in
 * days for this date, relative to the start of the safe day. Only negative
 * or zero triggers: Outlook stores a reminder as "minutes before start". */
static icalcomponent *new_alarm(const ntf_deadline_t *d, ntf_lead_t lead)
{
    alarm_arg_t arg = {d, lead};
    char *text = render_text(write_alarm_text, &arg);
    icalcomponent *alarm = text ? icalcomponent_new_valarm() : NULL;
    struct icaltriggertype trigger;
    trigger.time = icaltime_null_time();
    trigger.duration = icaldurationtype_null_duration();
    int64_t days = ntf_lead_days(d->safe_day, lead);
    trigger.duration.is_neg = days > 0;
    trigger.duration.days = (unsigned int)days;
    if (alarm) {
        icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
        icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
        icalcomponent_add_property(alarm, icalproperty_new_description(text));
    }
    free(text);
    return alarm;
}

typedef struct {
    int64_t days;
    ntf_lead_t lead;
} planned_alarm_t;

/* Longest lead first: the one alarm Outlook keeps is the earliest warning. */
static int cmp_days_desc(const void *a, const void *b)
{
    int64_t da = ((const planned_alarm_t *)a)->days, db = ((const planned_alarm_t *)b)->days;
    return da < db ? 1 : da > db ? -1 : 0;
}

static int add_alarms(icalcomponent *event, const ntf_calendar_t *cal, const ntf_deadline_t *d,
                      fc_date_t stamp_day)
{
    planned_alarm_t plan[NTF_ICAL_MAX_LEADS];
    size_t n = 0;
    for (size_t i = 0; i < cal->n_leads; i++) {
        /* Past alarms are left out; see ntf_ical_render. */
        if (fc_date_cmp(ntf_lead_date(d->safe_day, cal->leads[i]), stamp_day) < 0)
            continue;
        plan[n].days = ntf_lead_days(d->safe_day, cal->leads[i]);
        plan[n++].lead = cal->leads[i];
    }
    qsort(plan, n, sizeof *plan, cmp_days_desc);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && plan[i].days == plan[i - 1].days)
            continue;   /* 1 month and 30 days can be the same day */
        icalcomponent *alarm = new_alarm(d, plan[i].lead);
        if (!alarm)
            return -1;
        icalcomponent_add_component(event, alarm);
    }
    return 0;
}

static icalcomponent *new_event(const ntf_calendar_t *cal, const ntf_deadline_t *d, fc_date_t stamp_day)
{
    char uid[NTF_KEY_MAX + 16];
    char *summary = render_text(write_summary, d);
    char *description = render_text(write_facts, d);
    icalcomponent *ev = summary && description ? icalcomponent_new_vevent() : NULL;
    if (ev) {
        icalcomponent_add_property(ev, icalproperty_new_uid(ntf_ical_uid(d, uid, sizeof uid)));
        icalcomponent_add_property(ev, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(
            (time_t)cal->dtstamp_unix, 0, icaltimezone_get_utc_timezone())));
        icalcomponent_add_property(ev, icalproperty_new_dtstart(ical_date(d->safe_day)));
        icalcomponent_add_property(ev, icalproperty_new_dtend(ical_date(fc_date_add_days(d->safe_day, 1))));
        icalcomponent_add_property(ev, icalproperty_new_summary(summary));
        icalcomponent_add_property(ev, icalproperty_new_description(description));
        /* A reminder to act, not time taken: shown as free. */
        icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
        if (add_alarms(ev, cal, d, stamp_day)) {
            icalcomponent_free(ev);
            ev = NULL;
        }
    }
    free(summary);
    free(description);
    return ev;
}

static icalcomponent *new_calendar(const ntf_calendar_t *cal)
{
    icalcomponent *vcal = icalcomponent_new_vcalendar();
    if (vcal) {
        icalcomponent_add_property(vcal, icalproperty_new_prodid(NTF_ICAL_PRODID));
        icalcomponent_add_property(vcal, icalproperty_new_version("2.0"));
        icalcomponent_add_property(vcal, icalproperty_new_calscale("GREGORIAN"));
        icalcomponent_add_property(vcal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
        /* libical escapes backslashes and line breaks of X- properties but
         * leaves commas and semicolons (X-WR-CALNAME is no list); escaping
         * them here would be escaped a second time. */
        icalproperty *x = icalproperty_new_x(cal->name && cal->name[0] ? cal->name : "fcavtal");
        icalcomponent_add_property(vcal, x);
        icalproperty_set_x_name(x, "X-WR-CALNAME");
    }
    return vcal;
}

static fc_status_t check(const ntf_calendar_t *cal, char *err, size_t errlen)
{
    if (cal->n_leads > NTF_ICAL_MAX_LEADS || (cal->n_leads && !cal->leads)
        || (cal->n_deadlines && !cal->deadlines)) {
        snprintf(err, errlen, "at most %d lead times, and the arrays must be given",
                 NTF_ICAL_MAX_LEADS);
        return FC_INVALID_ARGUMENT;
    }
    if (cal->name && !ntf_utf8_clean(cal->name, false)) {
        snprintf(err, errlen, "calendar name has control characters or invalid UTF-8");
        return FC_INVALID_ARGUMENT;
    }
    for (size_t i = 0; i < cal->n_leads; i++)
        if (!ntf_lead_valid(cal->leads[i])) {
            snprintf(err, errlen, "lead time %zu is not valid", i + 1);
            return FC_INVALID_ARGUMENT;
        }
    for (size_t i = 0; i < cal->n_deadlines; i++) {
        char why[200];
        if (ntf_deadline_check(&cal->deadlines[i], why, sizeof why)) {
            snprintf(err, errlen, "deadline %zu: %s", i + 1, why);
            return FC_INVALID_ARGUMENT;
        }
    }
    return FC_OK;
}

fc_status_t ntf_ical_render(const ntf_calendar_t *cal, char **text, char *err, size_t errlen)
{
    *text = NULL;
    fc_status_t st = check(cal, err, errlen);
    if (st)
        return st;
    time_t stamp = (time_t)cal->dtstamp_unix;
    struct tm tm;
    if (!gmtime_r(&stamp, &tm)) {
        snprintf(err, errlen, "DTSTAMP out of range");
        return FC_INVALID_ARGUMENT;
    }
    fc_date_t stamp_day = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    icalcomponent *vcal = new_calendar(cal);
    for (size_t i = 0; vcal && i < cal->n_deadlines; i++) {
        icalcomponent *ev = new_event(cal, &cal->deadlines[i], stamp_day);
        if (!ev) {
            icalcomponent_free(vcal);
            vcal = NULL;
        } else {
            icalcomponent_add_component(vcal, ev);
        }
    }
    char *ical = vcal ? icalcomponent_as_ical_string_r(vcal) : NULL;
    if (ical) {
        *text = strdup(ical);
        icalmemory_free_buffer(ical);
    }
    if (vcal)
        icalcomponent_free(vcal);
    if (!*text) {
        snprintf(err, errlen, "out of memory");
        return FC_RESOURCE_EXHAUSTED;
    }
    return FC_OK;
}
