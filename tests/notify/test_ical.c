/* The calendar feed read back with libical's parser: all-day events on the
 * safe day, stable UIDs, alarms in exact days, text escaped and folded. */
#include <criterion/criterion.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "ical.h"
#include "notify_fixture.h"

/* 2023-11-01 12:00:00 UTC */
#define STAMP 1698840000

static const ntf_lead_t leads[] = {{0, 7}, {12, 0}, {0, 0}, {3, 0}, {0, 30}};

static char *render(const ntf_calendar_t *cal)
{
    char *text, err[256] = "";
    cr_assert_eq(ntf_ical_render(cal, &text, err, sizeof err), FC_OK, "%s", err);
    return text;
}

static ntf_calendar_t sample(const ntf_deadline_t *deadlines, size_t n)
{
    return (ntf_calendar_t){.name = "Tidsfrister – Göteborgs kommun, familjecentraler",
                            .dtstamp_unix = STAMP,
                            .deadlines = deadlines,
                            .n_deadlines = n,
                            .leads = leads,
                            .n_leads = sizeof leads / sizeof leads[0]};
}

static icalcomponent *event_with_uid(icalcomponent *cal, const char *uid)
{
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
        if (strcmp(icalcomponent_get_uid(ev), uid) == 0)
            return ev;
    return NULL;
}

static void assert_date(struct icaltimetype t, int y, int m, int d)
{
    cr_assert(t.is_date, "a DATE value, not a DATE-TIME");
    cr_assert(t.year == y && t.month == m && t.day == d, "got %04d-%02d-%02d, want %04d-%02d-%02d",
              t.year, t.month, t.day, y, m, d);
}

/* Alarm triggers as days before the start, in the order of the file. */
static size_t trigger_days(icalcomponent *ev, int *days, size_t max)
{
    size_t n = 0;
    for (icalcomponent *al = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT); al && n < max;
         al = icalcomponent_get_next_component(ev, ICAL_VALARM_COMPONENT)) {
        cr_assert_eq(icalcomponent_get_first_property(al, ICAL_ACTION_PROPERTY) != NULL, 1);
        cr_assert_eq(icalproperty_get_action(icalcomponent_get_first_property(al, ICAL_ACTION_PROPERTY)),
                     ICAL_ACTION_DISPLAY);
        cr_assert_not_null(icalcomponent_get_first_property(al, ICAL_DESCRIPTION_PROPERTY),
                           "DISPLAY alarms need a DESCRIPTION (RFC 5545 §3.6.6)");
        struct icaltriggertype tr =
            icalproperty_get_trigger(icalcomponent_get_first_property(al, ICAL_TRIGGER_PROPERTY));
        cr_assert(icaltime_is_null_time(tr.time), "relative trigger");
        cr_assert_eq(tr.duration.weeks, 0);
        cr_assert_eq(tr.duration.hours + tr.duration.minutes + tr.duration.seconds, 0);
        days[n++] = tr.duration.is_neg ? (int)tr.duration.days : -(int)tr.duration.days;
    }
    return n;
}

Test(ical, calendar_properties_and_events)
{
    ntf_deadline_t ds[] = {ntf_test_framework_deadline, ntf_test_local_deadline};
    ntf_calendar_t cal = sample(ds, 2);
    char *text = render(&cal);
    icalcomponent *root = icalparser_parse_string(text);
    cr_assert_not_null(root);
    cr_assert_eq(icalcomponent_isa(root), ICAL_VCALENDAR_COMPONENT);
    cr_assert_str_eq(icalproperty_get_prodid(icalcomponent_get_first_property(root, ICAL_PRODID_PROPERTY)),
                     NTF_ICAL_PRODID);
    cr_assert_str_eq(icalproperty_get_version(icalcomponent_get_first_property(root, ICAL_VERSION_PROPERTY)),
                     "2.0");
    cr_assert_str_eq(icalproperty_get_calscale(icalcomponent_get_first_property(root, ICAL_CALSCALE_PROPERTY)),
                     "GREGORIAN");
    cr_assert_eq(icalproperty_get_method(icalcomponent_get_first_property(root, ICAL_METHOD_PROPERTY)),
                 ICAL_METHOD_PUBLISH);
    cr_assert(strstr(text, "\r\nX-WR-CALNAME:Tidsfrister – Göteborgs kommun, familjecentraler\r\n"),
              "%s", text);
    icalproperty *name = icalcomponent_get_first_property(root, ICAL_X_PROPERTY);
    cr_assert_str_eq(icalproperty_get_x_name(name), "X-WR-CALNAME");
    cr_assert_str_eq(icalproperty_get_x(name), cal.name);
    cr_assert_eq(icalcomponent_count_components(root, ICAL_VEVENT_COMPONENT), 2);
    cr_assert_eq(icalcomponent_count_errors(root), 0, "libical found errors");

    icalcomponent *ev = event_with_uid(root, "agreement-1.notice.2024-12-31@fcavtal");
    cr_assert_not_null(ev);
    assert_date(icalcomponent_get_dtstart(ev), 2024, 12, 30);
    assert_date(icalcomponent_get_dtend(ev), 2024, 12, 31);
    struct icaltimetype stamp = icalcomponent_get_dtstamp(ev);
    cr_assert(stamp.year == 2023 && stamp.month == 11 && stamp.day == 1 && stamp.hour == 12);
    cr_assert(icaltime_is_utc(stamp));
    cr_assert_str_eq(icalcomponent_get_summary(ev), "Sista dag för uppsägning – Samverkansavtal "
                     "familjecentraler och familjecentralsliknande verksamheter i Västra Götaland");
    const char *desc = icalcomponent_get_description(ev);
    cr_assert(strstr(desc, "Sista dag för uppsägning enligt avtalet: tisdag 2024-12-31\n"), "%s", desc);
    cr_assert(strstr(desc, "Skicka senast: måndag 2024-12-30, närmaste arbetsdag före, eftersom "
                           "2024-12-31 är nyårsafton."), "%s", desc);
    cr_assert(strstr(desc, "Regel (VG §4): Avtalet förlängs automatiskt med två år om det inte sägs "
                           "upp skriftligen senast tolv månader före avtalstidens utgång."), "%s", desc);
    cr_assert(strstr(desc, "- Göteborgs kommun (212000-1355)"), "%s", desc);
    cr_assert_eq(icalproperty_get_transp(icalcomponent_get_first_property(ev, ICAL_TRANSP_PROPERTY)),
                 ICAL_TRANSP_TRANSPARENT);

    ev = event_with_uid(root, "agreement-17.notice.2026-02-28@fcavtal");
    cr_assert_not_null(ev);
    assert_date(icalcomponent_get_dtstart(ev), 2026, 2, 27);
    assert_date(icalcomponent_get_dtend(ev), 2026, 2, 28);
    cr_assert(strstr(icalcomponent_get_description(ev), "Familjecentral: Familjecentralen Bergsjön"));
    icalcomponent_free(root);
    free(text);
}

Test(ical, one_alarm_per_lead_in_exact_days_longest_first)
{
    ntf_deadline_t ds[] = {ntf_test_framework_deadline, ntf_test_local_deadline};
    ntf_calendar_t cal = sample(ds, 2);
    char *text = render(&cal);
    for (const char *t = strstr(text, "TRIGGER"); t; t = strstr(t + 1, "TRIGGER")) {
        size_t len = strcspn(t, "\r");
        cr_assert_null(memchr(t, 'M', len), "RFC 5545 durations have no months: %.*s", (int)len, t);
    }
    icalcomponent *root = icalparser_parse_string(text);
    int days[8];
    /* Safe day 2024-12-30: 12 months before is 2023-12-30 (366 days, 2024 is
     * a leap year), 3 months before 2024-09-30 (91 days). */
    icalcomponent *ev = event_with_uid(root, "agreement-1.notice.2024-12-31@fcavtal");
    size_t n = trigger_days(ev, days, 8);
    cr_assert_eq(n, 5);
    const int want[] = {366, 91, 30, 7, 0};
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(days[i], want[i], "alarm %zu: %d days", i, days[i]);
    /* Safe day 2026-02-27: 12 months before is 2025-02-27 (365 days). */
    ev = event_with_uid(root, "agreement-17.notice.2026-02-28@fcavtal");
    n = trigger_days(ev, days, 8);
    cr_assert_eq(n, 5);
    cr_assert_eq(days[0], 365);
    cr_assert_eq(days[1], 92, "2025-11-27 to 2026-02-27");
    cr_assert(strstr(text, "TRIGGER:-P366D\r\n") && strstr(text, "TRIGGER:PT0S\r\n"), "%s", text);
    icalcomponent_free(root);
    free(text);
}

Test(ical, alarms_already_past_are_left_out)
{
    ntf_deadline_t d = ntf_test_framework_deadline;
    ntf_calendar_t cal = sample(&d, 1);
    cal.dtstamp_unix = 1727697600;   /* 2024-09-30 12:00 UTC: the 3-month alarm is today */
    char *text = render(&cal);
    icalcomponent *root = icalparser_parse_string(text);
    int days[8];
    size_t n = trigger_days(icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT), days, 8);
    cr_assert_eq(n, 4);
    cr_assert_eq(days[0], 91, "today's alarm stays, last year's is gone");
    icalcomponent_free(root);
    free(text);
}

Test(ical, same_day_leads_give_one_alarm)
{
    ntf_deadline_t d = ntf_test_framework_deadline;
    d.safe_day = (fc_date_t){2025, 3, 31};
    d.nominal = d.safe_day;
    /* One month before 2025-03-31 is 2025-02-28: 31 days, like {0, 31}. */
    const ntf_lead_t same[] = {{1, 0}, {0, 31}};
    ntf_calendar_t cal = sample(&d, 1);
    cal.leads = same;
    cal.n_leads = 2;
    char *text = render(&cal);
    icalcomponent *root = icalparser_parse_string(text);
    int days[4];
    cr_assert_eq(trigger_days(icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT), days, 4), 1);
    cr_assert_eq(days[0], 31);
    icalcomponent_free(root);
    free(text);
}

Test(ical, text_is_escaped_folded_and_deterministic)
{
    ntf_deadline_t d = ntf_test_local_deadline;
    d.agreement_title = "Avtal; med, tecken \\ som måste skyddas och en mycket lång titel som "
                        "måste vikas på flera rader åäö ÅÄÖ åäö ÅÄÖ åäö ÅÄÖ";
    ntf_calendar_t cal = sample(&d, 1);
    char *a = render(&cal), *b = render(&cal);
    cr_assert_str_eq(a, b, "same input, same calendar");
    for (const char *p = a; *p;) {
        const char *eol = strstr(p, "\r\n");
        cr_assert_not_null(eol, "every line ends with CRLF");
        cr_assert_leq(eol - p, 75, "folded at 75 octets: %.*s", (int)(eol - p), p);
        /* A continuation never starts inside a UTF-8 character. */
        if (*p == ' ')
            cr_assert_neq((unsigned char)p[1] & 0xc0, 0x80, "split character: %.*s", (int)(eol - p), p);
        p = eol + 2;
    }
    cr_assert(strstr(a, "Avtal\\; med\\, tecken \\\\ som"), "escaped");
    icalcomponent *root = icalparser_parse_string(a);
    icalcomponent *ev = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT);
    cr_assert(strstr(icalcomponent_get_summary(ev), d.agreement_title), "unescaped back: %s",
              icalcomponent_get_summary(ev));
    icalcomponent_free(root);
    free(a);
    free(b);
}

Test(ical, refuses_bad_deadlines_and_leads)
{
    char *text, err[256];
    ntf_deadline_t d = ntf_test_framework_deadline;
    d.key = "agreement 1";
    ntf_calendar_t cal = sample(&d, 1);
    cr_assert_eq(ntf_ical_render(&cal, &text, err, sizeof err), FC_INVALID_ARGUMENT);
    cr_assert(strstr(err, "deadline 1: deadline key"), "%s", err);
    cr_assert_null(text);
    d = ntf_test_framework_deadline;
    const ntf_lead_t bad[] = {{1, 2}};
    cal = sample(&d, 1);
    cal.leads = bad;
    cal.n_leads = 1;
    cr_assert_eq(ntf_ical_render(&cal, &text, err, sizeof err), FC_INVALID_ARGUMENT);
    cal = sample(NULL, 0);
    text = render(&cal);
    cr_assert(strstr(text, "BEGIN:VCALENDAR\r\n") && !strstr(text, "VEVENT"), "an empty calendar is valid");
    free(text);
}
