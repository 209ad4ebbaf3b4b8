/* Bad input gets a clear error and loses nothing: unknown records named in
 * a request, requests that are not requests, acknowledgements that are not
 * acknowledgements, and an SMTP server that refuses or hangs. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <time.h>
#include <czmq.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "casefeed.h"
#include "delivery_support.h"
#include "notify_fixture.h"

static nh_t H;
static ntf_smtp_sink_t S;
static int hang_fd = -1;

static void teardown(void)
{
    nh_cleanup(&H);
    if (S.pid)
        ntf_smtp_sink_stop(&S);
    if (hang_fd >= 0)
        close(hang_fd);
}

TestSuite(bad_input, .fini = teardown, .timeout = 120);

static bool has_violation(const nh_rep_t *rep, const char *field)
{
    for (size_t i = 0; rep && rep->status && i < rep->status->n_violations; i++)
        if (strcmp(rep->status->violations[i]->field, field) == 0)
            return true;
    return false;
}

Test(bad_input, unknown_records_and_bad_requests)
{
    cr_assert_eq(nh_start(&H, "2024-06-01", NULL), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    cr_assert_eq(nh_activate(&H, w.framework, "2024-05-01"), 0);
    cr_assert(nh_settled(&H, 10000));

    nh_rep_t *rep = nh_deadlines(&H, "2024-01-01", "2030-01-01", NULL, 999, 0, 0, false);
    cr_assert_eq(tc_code(&rep->base), FC_NOT_FOUND, "unknown agreement: %s", tc_message(&rep->base));
    cr_assert(strstr(tc_message(&rep->base), "agreement 999"), "%s", tc_message(&rep->base));
    cr_assert(has_violation(rep, "agreement_id"));
    nh_free(rep);

    rep = nh_deadlines(&H, "2024-01-01", "2030-01-01", "renewal", 0, 0, 0, false);
    cr_assert_eq(tc_code(&rep->base), FC_INVALID_ARGUMENT);
    cr_assert(has_violation(rep, "kind"));
    nh_free(rep);

    rep = nh_deadlines(&H, "2025-01-01", "2024-01-01", NULL, 0, 0, 0, false);
    cr_assert_eq(tc_code(&rep->base), FC_INVALID_ARGUMENT, "to before from");
    nh_free(rep);

    rep = nh_deadlines(&H, NULL, "2024-01-01", NULL, 0, 0, 0, false);
    cr_assert_eq(tc_code(&rep->base), FC_INVALID_ARGUMENT, "no from");
    cr_assert(has_violation(rep, "from"));
    nh_free(rep);

    Fcavtal__V1__CalendarRequest cq = FCAVTAL__V1__CALENDAR_REQUEST__INIT;
    rep = nh_call(&H, "calendar", &cq.base);
    cr_assert_eq(tc_code(&rep->base), FC_INVALID_ARGUMENT, "a calendar needs an owner");
    nh_free(rep);
    cq.centre_id = 4242;
    rep = nh_call(&H, "calendar", &cq.base);
    cr_assert_eq(tc_code(&rep->base), FC_NOT_FOUND, "%s", tc_message(&rep->base));
    nh_free(rep);

    Fcavtal__V1__RetryNotification rq = FCAVTAL__V1__RETRY_NOTIFICATION__INIT;
    rq.id = 77;
    rep = nh_call(&H, "retry", &rq.base);
    cr_assert_eq(tc_code(&rep->base), FC_NOT_FOUND);
    nh_free(rep);

    /* Bytes that are no request at all: an error reply, and nothing moved. */
    rep = nh_deadlines(&H, "2024-01-01", "2030-12-31", NULL, 0, 0, 0, true);
    size_t before = rep->deadlines->n_items;
    nh_free(rep);
    const uint8_t junk[] = {0xff, 0xff, 0xff, 0x0f, 0x12, 0x99, 0x01};
    cr_assert_eq(fc_client_send(H.ntf.client, junk, sizeof junk), 0);
    uint8_t *raw = NULL;
    size_t raw_len = 0;
    cr_assert_eq(fc_client_recv(H.ntf.client, &raw, &raw_len), 0, "junk gets a reply");
    nh_rep_t *junk_rep = fcavtal__v1__notify_reply__unpack(NULL, raw_len, raw);
    cr_assert_not_null(junk_rep);
    cr_assert_neq(tc_code(&junk_rep->base), 0, "junk is refused: %s", tc_message(&junk_rep->base));
    fcavtal__v1__notify_reply__free_unpacked(junk_rep, NULL);
    free(raw);
    rep = nh_deadlines(&H, "2024-01-01", "2030-12-31", NULL, 0, 0, 0, true);
    cr_assert_eq(rep->deadlines->n_items, before, "the deadlines are as they were");
    nh_free(rep);
}

/* A fake case-management system that answers with garbage first: the
 * notification stays unacknowledged and comes again; a real ack settles it. */
Test(bad_input, malformed_acknowledgements_lose_nothing)
{
    zsock_t *router = zsock_new_router("tcp://127.0.0.1:*");
    cr_assert_not_null(router);
    char endpoint[64];
    snprintf(endpoint, sizeof endpoint, "tcp://127.0.0.1:%d", zsock_endpoint(router)
             ? atoi(strrchr(zsock_endpoint(router), ':') + 1) : 0);
    const char *args[] = {"--case-feed", endpoint, "--case-retry-ms", "200", NULL};
    cr_assert_eq(nh_start(&H, "2024-06-01", args), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    cr_assert_eq(nh_activate(&H, w.framework, "2024-05-01"), 0);
    cr_assert(nh_settled(&H, 10000));

    zsock_set_rcvtimeo(router, 5000);
    zmsg_t *m = zmsg_recv(router);
    cr_assert_not_null(m, "the reminder arrived");
    zframe_t *who = zmsg_pop(m);
    zmsg_destroy(&m);
    /* Garbage, then an acknowledgement that names nothing. */
    zmsg_t *bad = zmsg_new();
    zmsg_append(bad, &(zframe_t *){zframe_dup(who)});
    zmsg_addmem(bad, "", 0);
    zmsg_addmem(bad, "\xff\xfe\x01", 3);
    zmsg_send(&bad, router);
    m = zmsg_recv(router);
    cr_assert_not_null(m, "not acknowledged, so sent again");
    zframe_destroy(&who);
    who = zmsg_pop(m);
    zframe_t *delim = zmsg_pop(m);
    zframe_destroy(&delim);
    zframe_t *body = zmsg_pop(m);
    Fcavtal__V1__CaseNotification *n = fcavtal__v1__case_notification__unpack(
        NULL, zframe_size(body), zframe_data(body));
    cr_assert_not_null(n);
    size_t len;
    uint8_t *ack = ntf_casefeed_ack_pack(n->notification_id, FC_OK, "stored", false, &len);
    zmsg_t *good = zmsg_new();
    zmsg_append(good, &who);
    zmsg_addmem(good, "", 0);
    zmsg_addmem(good, ack, len);
    zmsg_send(&good, router);
    free(ack);
    fcavtal__v1__case_notification__free_unpacked(n, NULL);
    zframe_destroy(&body);
    zmsg_destroy(&m);
    bool acked = false;
    for (int i = 0; i < 200 && !acked; i++) {
        acked = ds_count(&H, NS(ACKNOWLEDGED)) == 1;
        usleep(20000);
    }
    cr_assert(acked, "the real acknowledgement settled it");
    zsock_destroy(&router);
}

static size_t count_failed_with(const char *needle)
{
    nh_rep_t *rep = nh_notifications(&H, 0, NS(FAILED));
    size_t n = 0;
    for (size_t i = 0; rep && rep->notifications && i < rep->notifications->n_items; i++)
        n += strstr(rep->notifications->items[i]->error, needle) != NULL;
    nh_free(rep);
    return n;
}

static void add_contacts(uint64_t org, const char *const *emails, size_t n)
{
    rc_rep_t *rep = rc_get(&H.reg, RC_BODY(GET_ORGANISATION), org);
    Fcavtal__V1__Organisation *o = rep->organisation;
    Fcavtal__V1__Contact c[4], *list[4];
    for (size_t i = 0; i < n; i++) {
        fcavtal__v1__contact__init(&c[i]);
        c[i].name = "Kontakt";
        c[i].email = (char *)emails[i];
        list[i] = &c[i];
    }
    Fcavtal__V1__Contact **old = o->contacts;
    size_t old_n = o->n_contacts;
    o->contacts = list;
    o->n_contacts = n;
    Fcavtal__V1__PutOrganisation put = FCAVTAL__V1__PUT_ORGANISATION__INIT;
    put.organisation = o;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(PUT_ORGANISATION);
    req.put_organisation = &put;
    rc_rep_t *put_rep = rc_call(&H.reg, &req);
    cr_assert_eq(rc_code(put_rep), 0, "%s", rc_describe(put_rep));
    rc_free(put_rep);
    o->contacts = old;
    o->n_contacts = old_n;
    rc_free(rep);
}

typedef struct {
    int state;
    size_t want;
} want_t;

static bool reached(void *arg)
{
    want_t *w = arg;
    return ds_count(&H, w->state) >= w->want;
}

Test(bad_input, smtp_server_that_refuses)
{
    if (!ntf_test_python())
        cr_skip_test("no /usr/bin/python3 with aiosmtpd");
    cr_assert_eq(ntf_smtp_sink_start(&S), 0);
    const char *args[] = {"--smtp-url", S.url, "--email-retry-ms", "200", NULL};
    cr_assert_eq(nh_start(&H, "2024-06-01", args), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    const char *emails[] = {"ok@region.test", "refuse@region.test", "busy@region.test"};
    add_contacts(w.region, emails, 3);
    cr_assert_eq(nh_activate(&H, w.framework, "2024-05-01"), 0);
    cr_assert(nh_settled(&H, 10000));
    want_t acked = {NS(ACKNOWLEDGED), 1}, failed = {NS(FAILED), 1};
    cr_assert(fc_harness_wait(reached, &acked, 10000), "the good address got it");
    cr_assert(fc_harness_wait(reached, &failed, 10000), "the refused one failed");
    cr_assert_eq(count_failed_with("550"), 1, "failed with the server's words");
    /* The busy mailbox is tried again and again, never dropped. */
    nh_rep_t *rep = nh_notifications(&H, w.framework, NS(PENDING));
    cr_assert_eq(rep->notifications->n_items, 1);
    const Fcavtal__V1__Notification *busy = rep->notifications->items[0];
    cr_assert_str_eq(busy->recipient, "busy@region.test");
    cr_assert(strstr(busy->error, "450"), "%s", busy->error);
    nh_free(rep);
    cr_assert_eq(ntf_test_count_files(S.dir, ".eml"), 1);
}

/* A server that accepts connections (the kernel does) and never says a
 * word; its smtp:// URL in url. */
static void hanging_smtp_server(char *url, size_t size)
{
    hang_fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    cr_assert_eq(bind(hang_fd, (struct sockaddr *)&a, sizeof a), 0);
    cr_assert_eq(listen(hang_fd, 16), 0);
    getsockname(hang_fd, (struct sockaddr *)&a, &alen);
    snprintf(url, size, "smtp://127.0.0.1:%d", ntohs(a.sin_port));
}

Test(bad_input, smtp_server_that_hangs)
{
    char url[64];
    hanging_smtp_server(url, sizeof url);
    const char *args[] = {"--smtp-url", url, "--smtp-timeout-ms", "700", "--email-retry-ms",
                          "60000", NULL};
    cr_assert_eq(nh_start(&H, "2024-06-01", args), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    const char *emails[] = {"anna@region.test"};
    add_contacts(w.region, emails, 1);
    cr_assert_eq(nh_activate(&H, w.framework, "2024-05-01"), 0);
    cr_assert(nh_settled(&H, 15000), "notify still answers while the server hangs");
    bool tried = false;
    for (int i = 0; i < 100 && !tried; i++) {
        nh_rep_t *rep = nh_notifications(&H, w.framework, NS(PENDING));
        tried = rep && rep->notifications && rep->notifications->n_items == 1 &&
                rep->notifications->items[0]->attempts >= 1;
        if (tried)
            cr_assert(strlen(rep->notifications->items[0]->error) > 0, "it says why");
        nh_free(rep);
        usleep(50000);
    }
    cr_assert(tried, "the attempt timed out and the notification waits for the next");
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Three e-mails to a server that never answers, each attempt allowed 20 s:
 * sent in the service's thread they would hold every request for a minute.
 * Requests are answered meanwhile, a stop does not wait the attempts out,
 * and the e-mails are still pending afterwards, to go again. */
Test(bad_input, a_hanging_smtp_server_holds_no_request)
{
    char url[64];
    hanging_smtp_server(url, sizeof url);
    const char *args[] = {"--smtp-url", url, "--smtp-timeout-ms", "20000", "--email-retry-ms",
                          "60000", NULL};
    cr_assert_eq(nh_start(&H, "2024-06-01", args), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    const char *emails[] = {"anna@region.test", "bo@region.test", "cia@region.test"};
    add_contacts(w.region, emails, 3);
    cr_assert_eq(nh_activate(&H, w.framework, "2024-05-01"), 0);
    cr_assert(nh_settled(&H, 15000), "notify did not catch up");
    /* The reminders are due at once: the attempts are under way now. */
    double slowest = 0;
    for (int i = 0; i < 20; i++) {
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        nh_rep_t *rep = nh_status(&H);
        double ms = ms_since(&t0);
        cr_assert_not_null(rep, "no reply while the SMTP server hangs");
        nh_free(rep);
        slowest = ms > slowest ? ms : slowest;
        usleep(100000);
    }
    cr_expect_lt(slowest, 3000, "a request waited %.0f ms behind the SMTP attempts", slowest);
    nh_rep_t *rep = nh_notifications(&H, w.framework, NS(PENDING));
    cr_assert(rep && rep->notifications);
    size_t pending = rep->notifications->n_items;
    nh_free(rep);
    cr_expect_eq(pending, 3, "the three e-mails wait for their attempts");

    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cr_assert_eq(nh_restart_notify(&H, SIGTERM), 0, "notify did not come back");
    cr_expect_lt(ms_since(&t0), 10000, "the stop waited %.0f ms for the SMTP attempts",
                 ms_since(&t0));
    cr_assert(nh_settled(&H, 15000));
    rep = nh_notifications(&H, w.framework, NS(PENDING));
    cr_assert(rep && rep->notifications);
    cr_expect_eq(rep->notifications->n_items, 3, "nothing lost across the stop");
    nh_free(rep);
}
