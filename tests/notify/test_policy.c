/* The reminder policy as configured: lead times parsed and ordered, bad
 * ones refused with the reason, reminder days moved back to a working day,
 * and the centre's yearly days. */
#include <criterion/criterion.h>
#include <string.h>

#include "policy.h"

Test(policy, default_leads_longest_first)
{
    ntf_policy_t p;
    ntf_policy_default(&p);
    const ntf_leads_t *l = ntf_policy_leads(&p, 2);
    cr_assert_eq(l->n, 5);
    cr_assert_eq(l->items[0].months, 12);
    cr_assert_eq(l->items[1].months, 3);
    cr_assert_eq(l->items[2].months, 1);
    cr_assert_eq(l->items[3].days, 7);
    cr_assert(l->items[4].months == 0 && l->items[4].days == 0, "on the day last");
    cr_assert_eq(p.horizon_months, 36);
}

Test(policy, parse_orders_and_drops_repeats)
{
    ntf_leads_t l;
    char err[200];
    cr_assert_eq(ntf_leads_parse("P0D, P1W,P6M,p30d,P6M", &l, err, sizeof err), 0, "%s", err);
    cr_assert_eq(l.n, 4);
    cr_assert_eq(l.items[0].months, 6);
    cr_assert_eq(l.items[1].days, 30);
    cr_assert_eq(l.items[2].days, 7, "a week is 7 days");
    cr_assert_eq(l.items[3].days, 0);
}

Test(policy, bad_leads_are_refused_with_the_reason)
{
    ntf_leads_t l;
    char err[200];
    cr_assert_eq(ntf_leads_parse("P12M,12M", &l, err, sizeof err), -1);
    cr_assert(strstr(err, "'12M'"), "%s", err);
    cr_assert_eq(ntf_leads_parse("P121M", &l, err, sizeof err), -1, "over ten years");
    cr_assert_eq(ntf_leads_parse("P3Y", &l, err, sizeof err), -1);
}

Test(policy, reminder_day_is_a_working_day)
{
    /* 2024-12-30 - 1 month = 2024-11-30, a Saturday: Friday 2024-11-29. */
    fc_date_t d = ntf_lead_send_day((fc_date_t){2024, 12, 30}, (ntf_lead_time_t){1, 0});
    cr_assert(d.year == 2024 && d.month == 11 && d.day == 29);
    /* 2025-09-30 - 3 months = 2025-06-30, a Monday: as it is. */
    d = ntf_lead_send_day((fc_date_t){2025, 9, 30}, (ntf_lead_time_t){3, 0});
    cr_assert(d.year == 2025 && d.month == 6 && d.day == 30);
    /* On the day of a safe day is the safe day. */
    d = ntf_lead_send_day((fc_date_t){2026, 12, 30}, (ntf_lead_time_t){0, 0});
    cr_assert(d.year == 2026 && d.month == 12 && d.day == 30);
}

Test(policy, centre_days)
{
    fc_deadline_policy_t p;
    char err[200];
    cr_assert_eq(ntf_centre_days_parse("plan=02-15,report=04-30", &p, err, sizeof err), 0);
    cr_assert(p.centre_deadlines && p.plan_month == 2 && p.plan_day == 15);
    cr_assert(p.report_month == 4 && p.report_day == 30);
    cr_assert_eq(ntf_centre_days_parse("none", &p, err, sizeof err), 0);
    cr_assert(!p.centre_deadlines);
    cr_assert_eq(ntf_centre_days_parse("plan=02-30", &p, err, sizeof err), -1);
    cr_assert_eq(ntf_centre_days_parse("whenever", &p, err, sizeof err), -1);
}
