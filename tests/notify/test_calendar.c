/* The calendar export read back with libical: one organisation's and one
 * centre's deadlines as all-day events on their safe days, with an alarm
 * at each lead time still ahead. */
#include <criterion/criterion.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "notify_harness.h"

static nh_t H;

static void teardown(void)
{
    nh_cleanup(&H);
}

TestSuite(calendar, .fini = teardown, .timeout = 120);

static icalcomponent *calendar_of(uint64_t org, uint64_t centre, const char *from, const char *to)
{
    Fcavtal__V1__Date f = rc_date(from), t = rc_date(to);
    Fcavtal__V1__CalendarRequest q = FCAVTAL__V1__CALENDAR_REQUEST__INIT;
    q.organisation_id = org;
    q.centre_id = centre;
    q.from = &f;
    q.to = &t;
    nh_rep_t *rep = nh_call(&H, "calendar", &q.base);
    cr_assert_eq(tc_code(&rep->base), 0, "%s", tc_message(&rep->base));
    icalcomponent *cal = icalparser_parse_string(rep->calendar->ics);
    cr_assert_not_null(cal, "the feed parses");
    cr_assert_eq(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT),
                 (int)rep->calendar->events);
    nh_free(rep);
    return cal;
}

static icalcomponent *event_on(icalcomponent *cal, int y, int m, int d, const char *uid_part)
{
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        struct icaltimetype t = icalcomponent_get_dtstart(ev);
        if (t.is_date && t.year == y && t.month == m && t.day == d &&
            strstr(icalcomponent_get_uid(ev), uid_part))
            return ev;
    }
    return NULL;
}

Test(calendar, organisation_and_centre_feeds)
{
    cr_assert_eq(nh_start(&H, "2024-06-01", NULL), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    cr_assert_eq(nh_activate(&H, w.framework, "2024-05-01"), 0);
    rc_party_t parties[4];
    rc_agreement_t local = rc_world_local(&w, parties);
    uint64_t lid = rc_agreement(&H.reg, &local);
    cr_assert_eq(nh_activate(&H, lid, "2024-05-01"), 0);
    cr_assert(nh_settled(&H, 10000));

    icalcomponent *cal = calendar_of(w.region, 0, "2024-06-01", "2027-12-31");
    /* The notice deadline 2024-12-31 sits on its safe day, 2024-12-30. */
    icalcomponent *ev = event_on(cal, 2024, 12, 30, "notice.2024-12-31");
    cr_assert_not_null(ev, "the framework's notice deadline");
    cr_assert(strstr(icalcomponent_get_summary(ev), "uppsägning"), "%s",
              icalcomponent_get_summary(ev));
    /* Alarms at P3M, P1M, P7D and on the day (the 12-month one is past). */
    int alarms = icalcomponent_count_components(ev, ICAL_VALARM_COMPONENT);
    cr_assert_eq(alarms, 4, "alarms still ahead of 2024-06-01: %d", alarms);
    cr_assert_not_null(event_on(cal, 2026, 12, 30, "notice.2026-12-31"), "the next cycle");
    /* The local agreement (2024-06-01 - 2028-05-31, six months) ends after
     * the window; its notice deadline 2027-11-30 is in it. */
    cr_assert_not_null(event_on(cal, 2027, 11, 30, "notice.2027-11-30"));
    icalcomponent_free(cal);

    cal = calendar_of(0, w.centre, "2025-01-01", "2025-12-31");
    /* The centre's yearly documents: plan for 2025 by 2025-01-31 (Friday),
     * report on 2024 by 2025-03-31 (Monday). */
    cr_assert_not_null(event_on(cal, 2025, 1, 31, "business_plan.2025"));
    cr_assert_not_null(event_on(cal, 2025, 3, 31, "annual_report.2024"));
    cr_assert_null(event_on(cal, 2024, 12, 30, "notice.2024-12-31"),
                   "the framework is no deadline of the centre's");
    icalcomponent_free(cal);
}
