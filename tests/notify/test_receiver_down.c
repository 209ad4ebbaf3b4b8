/* A case-management system that is away: notify keeps every notification
 * in its outbox, tries again by the retry schedule while the simulated days
 * (a month of reminders) go by, and delivers everything once the receiver
 * is back, each notification stored once. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
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

TestSuite(receiver_down, .fini = teardown, .timeout = 120);

static bool delivered(void *arg)
{
    size_t want = *(size_t *)arg;
    return ds_count(&H, NS(ACKNOWLEDGED)) == want;
}

static bool retried(void *arg)
{
    (void)arg;
    ds_note_t *notes = NULL;
    size_t n = ds_notes(&H, &notes);
    bool all = n != (size_t)-1 && n > 0;
    for (size_t i = 0; all && i < n; i++)
        all = notes[i].attempts >= 3 && notes[i].state == NS(SENT);
    free(notes);
    return all;
}

/* Notify with a case feed to `endpoint`, where nobody listens yet, and a
 * simulated month of reminders for 12 agreements fired while it is away.
 * How many notifications there are. */
static size_t a_month_with_the_receiver_away(const char *const *args)
{
    cr_assert_eq(nh_start(&H, "2024-01-02", args), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    cr_assert_eq(ds_renewing_agreements(&H, &w, 12), 0);
    cr_assert(nh_settled(&H, 20000));
    const char *days[] = {"2024-01-15", "2024-02-01", "2024-02-15", "2024-03-01"};
    for (size_t i = 0; i < 4; i++)
        cr_assert_eq(nh_set_today(&H, days[i]), 0);
    size_t n = ds_count(&H, 0);
    cr_assert_gt(n, 10, "reminders were fired (%zu)", n);
    return n;
}

Test(receiver_down, gets_everything_when_it_comes_back)
{
    char endpoint[64];
    snprintf(endpoint, sizeof endpoint, "tcp://127.0.0.1:%d", ntf_test_free_port());
    const char *args[] = {"--case-feed", endpoint, "--case-retry-ms", "100,200,400", NULL};
    size_t want = a_month_with_the_receiver_away(args);
    cr_assert_eq(ds_count(&H, NS(ACKNOWLEDGED)), 0, "nothing can be acknowledged yet");
    cr_assert(fc_harness_wait(retried, NULL, 10000), "every notification was sent again and "
              "again by the schedule");

    cr_assert_eq(ntf_receiver_start(&R, endpoint), 0, "the receiver is back");
    cr_assert(fc_harness_wait(delivered, &want, 20000), "all %zu acknowledged", want);
    cr_assert_eq((size_t)ntf_test_count_files(R.dir, ".json"), want,
                 "each notification stored once");
}

typedef struct {
    size_t want, queue;
} burst_t;

/* The queue holds what it can take and every other notification waits in
 * the outbox. */
static bool queue_full(void *arg)
{
    const burst_t *b = arg;
    size_t sent = ds_count(&H, NS(SENT)), pending = ds_count(&H, NS(PENDING));
    return sent >= 1 && sent <= b->queue && sent + pending == b->want;
}

Test(receiver_down, a_burst_past_the_queue_waits_for_room_without_a_retry_delay)
{
    char endpoint[64];
    snprintf(endpoint, sizeof endpoint, "tcp://127.0.0.1:%d", ntf_test_free_port());
    /* A retry delay of a minute: whatever goes out before it did not wait
     * for a retry. */
    const char *args[] = {"--case-feed", endpoint, "--case-queue", "3", "--case-retry-ms",
                          "60000", NULL};
    burst_t b = {.want = a_month_with_the_receiver_away(args), .queue = 3};
    cr_assert(fc_harness_wait(queue_full, &b, 10000), "at most 3 queued, the rest pending");
    usleep(600 * 1000);   /* a few delivery passes while the queue stays full */
    ds_note_t *notes = NULL;
    size_t n = ds_notes(&H, &notes);
    cr_assert_eq(n, b.want);
    for (size_t i = 0; i < n; i++)
        if (notes[i].state == NS(PENDING))
            cr_expect_eq(notes[i].attempts, 0, "%s: waiting for room in the queue is no "
                         "failed attempt (%u)", notes[i].id, notes[i].attempts);
        else
            cr_expect_eq(notes[i].attempts, 1, "%s: queued once (%u)", notes[i].id,
                         notes[i].attempts);
    free(notes);

    cr_assert_eq(ntf_receiver_start(&R, endpoint), 0, "the receiver is back");
    cr_assert(fc_harness_wait(delivered, &b.want, 15000), "all %zu acknowledged as the queue "
              "drains, with no retry delay", b.want);
    cr_assert_eq((size_t)ntf_test_count_files(R.dir, ".json"), b.want,
                 "each notification stored once");
}
