/* Exactly once across kill -9: notify is killed at random moments while
 * the scheduler fires reminders and the case feed delivers them, 30 times.
 * After each restart nothing it had recorded as acknowledged reaches the
 * receiver again, and at the end every reminder fired is acknowledged and
 * stored by the receiver: nothing is lost. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
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

TestSuite(crash_delivery, .fini = teardown, .timeout = 280);

static void set_today_nowait(const char *date)
{
    Fcavtal__V1__Date d = rc_date(date);
    Fcavtal__V1__SetTodayRequest q = FCAVTAL__V1__SET_TODAY_REQUEST__INIT;
    q.today = &d;
    nh_rep_t *rep = nh_call(&H, "set_today", &q.base);
    cr_assert_eq(tc_code(rep ? &rep->base : NULL), 0, "set_today %s", date);
    nh_free(rep);
}

static bool delivered(void *arg)
{
    (void)arg;
    return ds_count(&H, NS(PENDING)) == 0 && ds_count(&H, NS(SENT)) == 0;
}

Test(crash_delivery, kill_9_at_random_moments)
{
    R.log_level = "info";   /* every receipt, and every repeated one, is logged */
    cr_assert_eq(ntf_receiver_start(&R, "tcp://127.0.0.1:*"), 0);
    const char *args[] = {"--case-feed", R.endpoint, "--case-retry-ms", "200", NULL};
    cr_assert_eq(nh_start(&H, "2024-01-02", args), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    cr_assert_eq(ds_renewing_agreements(&H, &w, 24), 0);
    cr_assert(nh_settled(&H, 20000));
    srand(7);
    fc_date_t day = {2024, 1, 2};
    for (int round = 0; round < 30; round++) {
        day = fc_date_add_days(day, 25 + rand() % 20);
        char date[FC_DATE_STRLEN];
        set_today_nowait(fc_date_format(day, date));
        usleep((useconds_t)(rand() % 40) * 1000);
        cr_assert_eq(nh_restart_notify(&H, SIGKILL), 0, "round %d: notify restarted", round);
        /* What notify knows to be acknowledged now must never come again. */
        ds_note_t *acked = NULL;
        size_t n = ds_notes(&H, &acked);
        cr_assert_neq(n, (size_t)-1);
        ds_receipts_t before;
        cr_assert_eq(ds_receipts(R.log, &before), 0);
        cr_assert(nh_settled(&H, 20000), "round %d: settled", round);
        cr_assert(fc_harness_wait(delivered, NULL, 20000), "round %d: delivered", round);
        ds_receipts_t after;
        cr_assert_eq(ds_receipts(R.log, &after), 0);
        for (size_t i = 0; i < n; i++)
            if (acked[i].state == NS(ACKNOWLEDGED))
                cr_assert_eq(ds_again(&after, acked[i].id), ds_again(&before, acked[i].id),
                             "round %d: %s was acknowledged and came again", round, acked[i].id);
        ds_receipts_free(&before);
        ds_receipts_free(&after);
        free(acked);
    }
    ds_note_t *all = NULL;
    size_t n = ds_notes(&H, &all);
    cr_assert_gt(n, 100, "many reminders went out (%zu)", n);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(all[i].state, NS(ACKNOWLEDGED), "%s is acknowledged", all[i].id);
        char path[600];
        snprintf(path, sizeof path, "%s/%s.json", R.dir, all[i].id);
        cr_assert_eq(access(path, F_OK), 0, "the receiver stored %s", all[i].id);
    }
    cr_assert_eq((size_t)ntf_test_count_files(R.dir, ".json"), n,
                 "the receiver holds exactly what notify sent");
    /* The log is read: every stored notification was logged once. */
    FILE *log = fopen(R.log, "r");
    cr_assert_not_null(log);
    char line[1024];
    size_t stored = 0;
    while (fgets(line, sizeof line, log))
        stored += strstr(line, "stored notification") != NULL;
    fclose(log);
    cr_assert_eq(stored, n, "the receiver's log names each notification it stored");
    free(all);
}
