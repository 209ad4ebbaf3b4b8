/* Reminders delivered end to end: the registry's agreement, followed by
 * fcavtal-notify, whose scheduler fires the reminders through the real
 * reference receiver (case feed) and a real SMTP server (aiosmtpd), each
 * notification acknowledged exactly once. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify_fixture.h"
#include "notify_harness.h"

#define NS(x) FCAVTAL__V1__NOTIFICATION_STATE__NOTIFICATION_STATE_##x

static nh_t H;
static ntf_receiver_proc_t R;
static ntf_smtp_sink_t S;

static void teardown(void)
{
    nh_cleanup(&H);
    ntf_receiver_cleanup(&R);
    if (S.pid)
        ntf_smtp_sink_stop(&S);
}

TestSuite(delivery, .fini = teardown, .timeout = 120);

static void add_contact(uint64_t org, const char *name, const char *email)
{
    rc_rep_t *rep = rc_get(&H.reg, RC_BODY(GET_ORGANISATION), org);
    cr_assert_eq(rc_code(rep), 0);
    Fcavtal__V1__Organisation *o = rep->organisation;
    Fcavtal__V1__Contact c = FCAVTAL__V1__CONTACT__INIT;
    c.name = (char *)name;
    c.email = (char *)email;
    c.role = "avtalsansvarig";
    Fcavtal__V1__Contact *list[] = {&c};
    o->n_contacts = 1;
    Fcavtal__V1__Contact **old = o->contacts;
    o->contacts = list;
    Fcavtal__V1__PutOrganisation put = FCAVTAL__V1__PUT_ORGANISATION__INIT;
    put.organisation = o;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(PUT_ORGANISATION);
    req.put_organisation = &put;
    rc_rep_t *put_rep = rc_call(&H.reg, &req);
    cr_assert_eq(rc_code(put_rep), 0, "%s", rc_describe(put_rep));
    rc_free(put_rep);
    o->contacts = old;
    o->n_contacts = 0;
    rc_free(rep);
}

typedef struct {
    nh_t *h;
    uint64_t agreement;
    size_t want;
} acked_t;

static size_t count_state(uint64_t agreement, int state)
{
    nh_rep_t *rep = nh_notifications(&H, agreement, state);
    size_t n = rep && rep->notifications ? rep->notifications->n_items : 0;
    nh_free(rep);
    return n;
}

static bool all_acked(void *arg)
{
    acked_t *a = arg;
    return count_state(a->agreement, NS(ACKNOWLEDGED)) >= a->want &&
           count_state(a->agreement, NS(PENDING)) == 0 && count_state(a->agreement, NS(SENT)) == 0;
}

static void start_world(rc_world_t *w, const char *today)
{
    cr_assert_eq(ntf_receiver_start(&R, "tcp://127.0.0.1:*"), 0, "the receiver started");
    if (!ntf_test_python())
        cr_skip_test("no /usr/bin/python3 with aiosmtpd");
    cr_assert_eq(ntf_smtp_sink_start(&S), 0, "the SMTP server started");
    const char *args[] = {"--case-feed", R.endpoint, "--smtp-url", S.url, "--smtp-from",
                          "tidsfrister@fcavtal.test", "--case-retry-ms", "300",
                          "--email-retry-ms", "300", "--smtp-timeout-ms", "3000", NULL};
    cr_assert_eq(nh_start(&H, today, args), 0);
    cr_assert_eq(rc_world(&H.reg, w), 0);
    add_contact(w->region, "Anna Andersson", "anna.andersson@vgregion.test");
    add_contact(w->muni, "Örjan Ödman", "orjan.odman@goteborg.test");
}

static json_t *read_json(const char *path)
{
    json_error_t e;
    json_t *j = json_load_file(path, 0, &e);
    cr_assert_not_null(j, "%s: %s", path, e.text);
    return j;
}

Test(delivery, case_feed_and_email_in_swedish)
{
    rc_world_t w;
    start_world(&w, "2024-06-01");
    cr_assert_eq(nh_activate(&H, w.framework, "2024-05-01"), 0);
    cr_assert(nh_settled(&H, 10000));
    /* The 12-month reminder's day (2023-12-29) had passed when the deadline
     * became known: it goes at once, marked late. The 3-month one goes on
     * 2024-09-30. */
    cr_assert_eq(nh_set_today(&H, "2024-09-30"), 0);
    acked_t want = {&H, w.framework, 6};   /* 2 reminders x (case feed + 2 e-mails) */
    cr_assert(fc_harness_wait(all_acked, &want, 20000), "every notification acknowledged");

    cr_assert_eq(ntf_test_count_files(R.dir, ".json"), 2, "the receiver has both reminders");
    char path[600];
    snprintf(path, sizeof path, "%s/agreement.%llu.notice.2024-12-31.P3M.case.json", R.dir,
             (unsigned long long)w.framework);
    json_t *j = read_json(path);
    cr_assert_str_eq(json_string_value(json_object_get(j, "safe_day")), "2024-12-30");
    cr_assert_str_eq(json_string_value(json_object_get(j, "nominal_date")), "2024-12-31");
    cr_assert(strstr(json_string_value(json_object_get(j, "moved_reason")), "nyårsafton"));
    cr_assert_str_eq(json_string_value(json_object_get(j, "rule_source")), "VG §4");
    cr_assert(strstr(json_string_value(json_object_get(j, "rule_text")), "förlängs"));
    cr_assert_eq(json_array_size(json_object_get(j, "parties")), 2);
    json_decref(j);

    cr_assert_eq(ntf_test_count_files(S.dir, ".eml"), 4, "two reminders to two contacts");
    int late = 0, region = 0;
    for (int i = 1; i <= 4; i++) {
        char eml[300];
        snprintf(eml, sizeof eml, "%s/%04d.eml", S.dir, i);
        char script[300];
        snprintf(script, sizeof script, "%s/read_mail.py", FC_NOTIFY_TEST_DIR);
        const char *argv[] = {ntf_test_python(), script, eml, NULL};
        char *out = NULL;
        cr_assert_eq(ntf_test_run(argv, &out), 0);
        json_error_t e;
        json_t *m = json_loads(out, 0, &e);
        cr_assert_not_null(m, "%s", out);
        const char *subject = json_string_value(json_object_get(m, "subject"));
        const char *body = json_string_value(json_object_get(m, "body"));
        const char *to = json_string_value(json_array_get(json_object_get(m, "to"), 0));
        cr_assert(strstr(subject, "sista dag för uppsägning 2024-12-30"), "%s", subject);
        cr_assert(strstr(body, "måndag 2024-12-30"), "Swedish body: %s", body);
        cr_assert(strstr(body, "nyårsafton"), "the body says why: %s", body);
        cr_assert_str_eq(json_string_value(json_object_get(m, "charset")), "utf-8");
        late += strstr(subject, "skickas sent") != NULL;
        region += strcmp(to, "anna.andersson@vgregion.test") == 0;
        json_decref(m);
        free(out);
    }
    cr_assert_eq(late, 2, "the 12-month reminder is marked late in both e-mails");
    cr_assert_eq(region, 2, "each contact got each reminder");

    /* The deadline's plan says which reminders went and which are to come. */
    nh_rep_t *rep = nh_deadlines(&H, "2024-12-01", "2024-12-31", "notice", w.framework, 0, 0,
                                 false);
    const Fcavtal__V1__Deadline *d = nh_find(rep, "notice", "2024-12-31");
    cr_assert_not_null(d);
    cr_assert_eq(d->n_plan, 5);
    const int RS_FIRED = FCAVTAL__V1__REMINDER_STATE__REMINDER_STATE_FIRED;
    const int RS_PLANNED = FCAVTAL__V1__REMINDER_STATE__REMINDER_STATE_PLANNED;
    cr_assert_eq(d->plan[0]->state, RS_FIRED, "12 months: went at once, late");
    cr_assert_eq(d->plan[1]->state, RS_FIRED, "3 months: went on 2024-09-30");
    cr_assert(nh_date_is(d->plan[1]->send_on, "2024-09-30"));
    cr_assert_eq(d->plan[2]->state, RS_PLANNED, "1 month: still to come");
    cr_assert(nh_date_is(d->plan[2]->send_on, "2024-11-29"), "2024-11-30 is a Saturday");
    nh_free(rep);
}
