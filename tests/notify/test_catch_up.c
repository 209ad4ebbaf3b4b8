/* The scheduler after a gap (a downtime, or set_today moving several days
 * at once): every skipped day is processed in order; a reminder of a day
 * that passed goes out marked late; of the reminders of one deadline that
 * all fell in the gap only the latest goes, the earlier ones are skipped
 * with the reason. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "delivery_support.h"
#include "notify_fixture.h"

#define RS(x) FCAVTAL__V1__REMINDER_STATE__REMINDER_STATE_##x

static nh_t H;
static ntf_receiver_proc_t R;

static void teardown(void)
{
    nh_cleanup(&H);
    ntf_receiver_cleanup(&R);
}

TestSuite(catch_up, .fini = teardown, .timeout = 120);

static const Fcavtal__V1__Notification *find(const nh_rep_t *rep, const char *suffix)
{
    for (size_t i = 0; rep && rep->notifications && i < rep->notifications->n_items; i++) {
        const char *id = rep->notifications->items[i]->notification_id;
        size_t n = strlen(id), m = strlen(suffix);
        if (n >= m && strcmp(id + n - m, suffix) == 0)
            return rep->notifications->items[i];
    }
    return NULL;
}

static bool delivered(void *arg)
{
    (void)arg;
    return ds_count(&H, NS(PENDING)) == 0 && ds_count(&H, NS(SENT)) == 0;
}

Test(catch_up, skipped_days_in_order_late_and_superseded)
{
    cr_assert_eq(ntf_receiver_start(&R, "tcp://127.0.0.1:*"), 0);
    const char *args[] = {"--case-feed", R.endpoint, "--case-retry-ms", "200", NULL};
    cr_assert_eq(nh_start(&H, "2024-06-01", args), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    cr_assert_eq(nh_activate(&H, w.framework, "2024-05-01"), 0);
    cr_assert(nh_settled(&H, 10000));

    /* Down from 2024-06-01 to 2024-10-15: the 3-month reminder's day
     * (2024-09-30) passed meanwhile. */
    cr_assert_eq(nh_restart_notify(&H, SIGKILL), 0);
    cr_assert_eq(nh_set_today(&H, "2024-10-15"), 0);
    cr_assert(fc_harness_wait(delivered, NULL, 10000));
    nh_rep_t *rep = nh_notifications(&H, w.framework, 0);
    const Fcavtal__V1__Notification *n = find(rep, "notice.2024-12-31.P3M.case");
    cr_assert_not_null(n, "the reminder of the missed day went out");
    cr_assert(n->late, "marked late");
    cr_assert(nh_date_is(n->planned_on, "2024-09-30"));
    cr_assert(nh_date_is(n->created_on, "2024-10-15"), "sent on the day notify came back");
    cr_assert_eq(n->state, NS(ACKNOWLEDGED));
    nh_free(rep);

    /* A gap over the remaining three (2024-11-29, 2024-12-20, 2024-12-30):
     * only the reminder on the day itself goes, on time. */
    cr_assert_eq(nh_set_today(&H, "2024-12-30"), 0);
    cr_assert(fc_harness_wait(delivered, NULL, 10000));
    rep = nh_notifications(&H, w.framework, 0);
    cr_assert_null(find(rep, "notice.2024-12-31.P1M.case"), "superseded");
    cr_assert_null(find(rep, "notice.2024-12-31.P7D.case"), "superseded");
    n = find(rep, "notice.2024-12-31.P0D.case");
    cr_assert_not_null(n, "the day's own reminder");
    cr_assert(!n->late, "on its day");
    nh_free(rep);
    rep = nh_deadlines(&H, "2024-12-30", "2024-12-30", "notice", w.framework, 0, 0, false);
    const Fcavtal__V1__Deadline *d = nh_find(rep, "notice", "2024-12-31");
    cr_assert_not_null(d);
    cr_assert_eq(d->plan[2]->state, RS(SKIPPED));
    cr_assert(strstr(d->plan[2]->note, "later reminder"), "%s", d->plan[2]->note);
    cr_assert_eq(d->plan[3]->state, RS(SKIPPED));
    cr_assert_eq(d->plan[4]->state, RS(FIRED));
    nh_free(rep);
    /* Every day was processed: the position is today. */
    rep = nh_status(&H);
    cr_assert(nh_date_is(rep->status_report->processed_through, "2024-12-30"));
    nh_free(rep);
}
