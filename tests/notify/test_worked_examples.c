/* The worked examples of the deadline rules (issue 7 §5, docs/domain.md §7,
 * §9) end to end: agreements put and signed in the real registry, followed
 * by the real fcavtal-notify, read back with list_deadlines. */
#include <criterion/criterion.h>
#include <string.h>

#include "notify_harness.h"

static nh_t H;

static void teardown(void)
{
    nh_cleanup(&H);
}

TestSuite(worked_examples, .fini = teardown, .timeout = 120);

static const Fcavtal__V1__Deadline *expect(nh_rep_t *rep, const char *kind, const char *date,
                                           const char *safe)
{
    cr_assert_eq(tc_code(&rep->base), 0, "list_deadlines: %s", tc_message(&rep->base));
    const Fcavtal__V1__Deadline *d = nh_find(rep, kind, date);
    cr_assert_not_null(d, "a %s deadline on %s", kind, date);
    cr_assert(nh_date_is(d->safe_day, safe), "%s %s: safe day %04d-%02d-%02d, expected %s", kind,
              date, d->safe_day->year, d->safe_day->month, d->safe_day->day, safe);
    return d;
}

Test(worked_examples, vg_framework_new_years_eve_and_renewal)
{
    cr_assert_eq(nh_start(&H, "2024-06-01", NULL), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    cr_assert_eq(nh_activate(&H, w.framework, "2024-05-01"), 0);
    cr_assert(nh_settled(&H, 10000), "notify followed the registry");

    nh_rep_t *rep = nh_deadlines(&H, "2024-06-01", "2027-06-30", "notice", w.framework, 0, 0,
                                 false);
    const Fcavtal__V1__Deadline *d = expect(rep, "notice", "2024-12-31", "2024-12-30");
    cr_assert(strstr(d->moved, "nyårsafton"), "moved names the holiday: %s", d->moved);
    cr_assert_str_eq(d->rule->source, "VG §4");
    cr_assert(strstr(d->rule->text, "12 months"), "%s", d->rule->text);
    cr_assert_str_eq(d->actors, "any_party");
    cr_assert_eq(d->n_parties, 2, "both principals must be told");
    cr_assert(d->parties[0]->name && *d->parties[0]->name, "party names come from the registry");
    cr_assert_eq(d->n_plan, 5, "five lead times by default");
    nh_free(rep);

    /* No notice: on 2025-01-01 the term has rolled on to 2027-12-31. */
    cr_assert_eq(nh_set_today(&H, "2025-01-01"), 0);
    rc_rep_t *a = rc_get(&H.reg, RC_BODY(GET_AGREEMENT), w.framework);
    cr_assert(rc_date_is(a->agreement->current_end, "2027-12-31"), "the registry renewed it");
    rc_free(a);
    rep = nh_deadlines(&H, "2025-01-01", "2027-12-31", "notice", w.framework, 0, 0, false);
    cr_assert_eq(tc_code(&rep->base), 0);
    cr_assert_geq(rep->deadlines->n_items, 1);
    cr_assert(nh_date_is(rep->deadlines->items[0]->date, "2026-12-31"),
              "the next deadline is 2026-12-31");
    expect(rep, "notice", "2026-12-31", "2026-12-30");
    nh_free(rep);
}
