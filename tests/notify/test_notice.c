/* A notice recorded in the registry on an automatically renewing agreement
 * (VG §4) cancels the renewal deadlines it makes moot and their reminders
 * still to come, and brings the end and the hand-over with reminders of
 * their own. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "delivery_support.h"
#include "notify_fixture.h"

static nh_t H;
static ntf_receiver_proc_t R;

static void teardown(void)
{
    nh_cleanup(&H);
    ntf_receiver_cleanup(&R);
}

TestSuite(notice, .fini = teardown, .timeout = 120);

static bool received(uint64_t agreement, const char *rest)
{
    char path[600];
    snprintf(path, sizeof path, "%s/agreement.%llu.%s.case.json", R.dir,
             (unsigned long long)agreement, rest);
    return access(path, F_OK) == 0;
}

static bool delivered(void *arg)
{
    (void)arg;
    return ds_count(&H, NS(PENDING)) == 0 && ds_count(&H, NS(SENT)) == 0;
}

Test(notice, cancels_the_later_reminders_of_a_renewing_agreement)
{
    cr_assert_eq(ntf_receiver_start(&R, "tcp://127.0.0.1:*"), 0);
    const char *args[] = {"--case-feed", R.endpoint, "--case-retry-ms", "200", NULL};
    cr_assert_eq(nh_start(&H, "2024-06-01", args), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    cr_assert_eq(nh_activate(&H, w.framework, "2024-05-01"), 0);
    cr_assert(nh_settled(&H, 10000));
    cr_assert_eq(nh_set_today(&H, "2024-10-01"), 0);
    cr_assert(fc_harness_wait(delivered, NULL, 10000));
    cr_assert(received(w.framework, "notice.2024-12-31.P3M"), "the 3-month reminder went out");

    rc_rep_t *rep = rc_record_notice(&H.reg, w.framework, w.muni, "2024-10-01");
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);
    cr_assert(nh_settled(&H, 10000));
    nh_rep_t *list = nh_deadlines(&H, "2024-01-01", "2030-12-31", NULL, w.framework, 0, 0, true);
    const Fcavtal__V1__Deadline *n = nh_find(list, "notice", "2024-12-31");
    cr_assert_not_null(n);
    cr_assert_eq(n->state, FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_CANCELLED);
    cr_assert(strstr(n->cancelled_reason, "2025-12-31"), "%s", n->cancelled_reason);
    const Fcavtal__V1__Deadline *later = nh_find(list, "notice", "2026-12-31");
    cr_assert(later && later->state == FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_CANCELLED,
              "the next renewal's deadline is moot too");
    const Fcavtal__V1__Deadline *end = nh_find(list, "end", "2025-12-31");
    cr_assert(end && end->state == FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_ACTIVE);
    cr_assert(nh_date_is(end->safe_day, "2025-12-30"));
    cr_assert_not_null(nh_find(list, "handover", "2025-12-31"));
    nh_free(list);

    /* Past the cancelled deadline and a year on: none of its later
     * reminders went out; the end's 12-month one did (2024-12-30). */
    cr_assert_eq(nh_set_today(&H, "2025-01-02"), 0);
    cr_assert(fc_harness_wait(delivered, NULL, 10000));
    cr_assert(!received(w.framework, "notice.2024-12-31.P1M"));
    cr_assert(!received(w.framework, "notice.2024-12-31.P7D"));
    cr_assert(!received(w.framework, "notice.2024-12-31.P0D"));
    cr_assert(received(w.framework, "end.2025-12-31.P12M"), "the end is announced");
    cr_assert(received(w.framework, "handover.2025-12-31.P12M"));
}
