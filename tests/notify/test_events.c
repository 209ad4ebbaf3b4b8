/* Deadline events on notify's PUB socket, a topic per deadline kind:
 * notify.deadline.<kind>.created as deadlines appear, .reminder as each
 * reminder goes out (with which one it is), .cancelled when a notice makes
 * one moot. */
#include <criterion/criterion.h>
#include <czmq.h>
#include <string.h>

#include "notify_harness.h"

static nh_t H;
static zsock_t *sub;

static void teardown(void)
{
    zsock_destroy(&sub);
    nh_cleanup(&H);
}

TestSuite(events, .fini = teardown, .timeout = 120);

/* The next event whose topic is `topic`, skipping others; owned, or NULL. */
static Fcavtal__V1__NotifyEvent *next_on(const char *topic)
{
    for (int i = 0; i < 200; i++) {
        zmsg_t *m = zmsg_recv(sub);
        if (!m)
            return NULL;
        char *t = zmsg_popstr(m);
        zframe_t *body = zmsg_pop(m);
        Fcavtal__V1__NotifyEvent *ev = NULL;
        if (t && body && strcmp(t, topic) == 0)
            ev = fcavtal__v1__notify_event__unpack(NULL, zframe_size(body), zframe_data(body));
        zstr_free(&t);
        zframe_destroy(&body);
        zmsg_destroy(&m);
        if (ev)
            return ev;
    }
    return NULL;
}

Test(events, topic_per_kind)
{
    cr_assert_eq(nh_start(&H, "2024-06-01", NULL), 0);
    sub = zsock_new_sub(H.ntf.h.pub_endpoint, "notify.deadline.");
    cr_assert_not_null(sub);
    zsock_set_rcvtimeo(sub, 5000);
    zclock_sleep(200);   /* the subscription reaches the publisher */
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    cr_assert_eq(nh_activate(&H, w.framework, "2024-05-01"), 0);

    Fcavtal__V1__NotifyEvent *ev = next_on("notify.deadline.notice.created");
    cr_assert_not_null(ev, "a created event on the notice topic");
    cr_assert_str_eq(ev->action, "deadline.notice.created");
    cr_assert_eq(ev->deadline->agreement_id, w.framework);
    cr_assert_str_eq(ev->actor, "service:notify");
    fcavtal__v1__notify_event__free_unpacked(ev, NULL);

    /* The 12-month reminder's day had passed: it goes out at once. */
    ev = next_on("notify.deadline.notice.reminder");
    cr_assert_not_null(ev, "a reminder event");
    cr_assert_not_null(ev->deadline->reminder);
    cr_assert_eq(ev->deadline->reminder->lead_months, 12);
    cr_assert(ev->deadline->reminder->late);
    cr_assert(strstr(ev->deadline->reminder->notification_id, "notice.2024-12-31.P12M"));
    fcavtal__v1__notify_event__free_unpacked(ev, NULL);

    rc_rep_t *rep = rc_record_notice(&H.reg, w.framework, w.muni, "2024-07-01");
    cr_assert_eq(rc_code(rep), 0);
    rc_free(rep);
    /* One transaction: the end appears and the notice deadline goes. */
    bool cancelled = false, end = false;
    for (int i = 0; i < 50 && !(cancelled && end); i++) {
        zmsg_t *m = zmsg_recv(sub);
        cr_assert_not_null(m, "events came (cancelled %d, end %d)", cancelled, end);
        char *t = zmsg_popstr(m);
        zframe_t *body = zmsg_pop(m);
        ev = fcavtal__v1__notify_event__unpack(NULL, zframe_size(body), zframe_data(body));
        if (strcmp(t, "notify.deadline.notice.cancelled") == 0) {
            cr_assert(nh_date_is(ev->deadline->date, "2024-12-31"));
            cr_assert(strstr(ev->deadline->cancelled_reason, "2024-07-01"));
            cancelled = true;
        } else if (strcmp(t, "notify.deadline.end.created") == 0) {
            cr_assert(nh_date_is(ev->deadline->date, "2025-12-31"));
            end = true;
        }
        fcavtal__v1__notify_event__free_unpacked(ev, NULL);
        zstr_free(&t);
        zframe_destroy(&body);
        zmsg_destroy(&m);
    }
    cr_assert(cancelled, "the notice deadline is cancelled on its kind's topic");
    cr_assert(end, "the end comes with its own topic");
}
