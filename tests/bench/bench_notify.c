/* fcavtal-bench-notify: the figures docs/performance.md quotes under
 * "Notify".
 *
 * 1. compute: the deadline engine over 100,000 agreements of the four
 *    kinds of term (target < 1 s), then the same agreements applied to
 *    notify's read model in-process (engine, comparison with the stored
 *    deadlines, LMDB writes, events) for the cost of the whole path.
 * 2. scan: 1,000,000 deadlines stored in an in-process notify; one day's
 *    scheduler scan of the reminder plan and one day's "due between A and
 *    B" over the safe-day index (target < 1 ms), days alternating.
 * 3. event: the real registry and fcavtal-notify: from the registry's
 *    reply to the last signature to notify's first deadline event for that
 *    agreement on its PUB socket (target p50 < 5 ms).
 * 4. simulate: 10,000 agreements in the registry, notify and the reference
 *    receiver; ten years simulated day by day with set_today, every
 *    reminder delivered to the receiver and acknowledged (target < 60 s).
 *
 * Every timing follows a warm-up; medians (and p95) of repeated runs.
 * Usage: fcavtal-bench-notify [compute|scan|event|simulate ...]
 *        [--agreements N] [--deadlines N] [--events N] [--sim-agreements N]
 *        [--years N] */
#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deadline_store.h"
#include "fcavtal/call.h"
#include "fcavtal/holiday.h"
#include "fcavtal/log.h"
#include "fcavtal/store.h"
#include "notify.h"
#include "notify_fixture.h"
#include "notify_harness.h"
#include "read_model.h"

#ifndef FC_BENCH_TMP
#define FC_BENCH_TMP "/tmp"
#endif

static size_t n_agreements = 100000, n_deadlines = 1000000, n_events = 200,
              n_sim = 10000, n_years = 10;

static int64_t now_us(void)
{
    return zclock_usecs();
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int64_t pct(int64_t *v, size_t n, double p)
{
    qsort(v, n, sizeof *v, cmp_i64);
    return v[(size_t)(p * (double)(n - 1) + 0.5)];
}

/* A folder for a store: /dev/shm keeps the disk's fsync out of what is
 * measured in-process; FC_BENCH_TMP otherwise. */
static void scratch(char *dir, size_t len, const char *what)
{
    snprintf(dir, len, "%s/fcavtal-%s-XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm"
                                                                                 : FC_BENCH_TMP,
             what);
    if (!mkdtemp(dir))
        exit(1);
}

static void remove_dir(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", dir);
}

/* ------------------------------------------------------------ agreements */

typedef struct {
    Fcavtal__V1__Agreement a;
    Fcavtal__V1__Term term;
    Fcavtal__V1__Date start, end, received, effective;
    Fcavtal__V1__AnnualReview review;
    Fcavtal__V1__Notice notice;
    Fcavtal__V1__Party party[2];
    Fcavtal__V1__Party *party_ptr[2];
    char title[48];
} sample_t;

static void pb_date(Fcavtal__V1__Date *d, int y, int m, int day)
{
    fcavtal__v1__date__init(d);
    d->year = y, d->month = m, d->day = day;
}

/* Agreement i: VG framework-like renewal, a local fixed term with an
 * extension option, an Örebro yearly window, or a use-right under notice,
 * in turn, their dates spread over the months. */
static void sample(sample_t *s, size_t i)
{
    memset(s, 0, sizeof *s);
    fcavtal__v1__agreement__init(&s->a);
    fcavtal__v1__term__init(&s->term);
    s->a.id = i + 1;
    snprintf(s->title, sizeof s->title, "Avtal %zu", i + 1);
    s->a.title = s->title;
    s->a.case_number = "RS 2024-1";
    s->a.status = FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_ACTIVE;
    s->a.term = &s->term;
    int month = (int)(i % 12) + 1;
    pb_date(&s->start, 2022, month, 1);
    s->term.start = &s->start;
    for (int p = 0; p < 2; p++) {
        fcavtal__v1__party__init(&s->party[p]);
        s->party[p].organisation_id = (uint64_t)p + 1;
        s->party_ptr[p] = &s->party[p];
    }
    s->a.parties = s->party_ptr;
    s->a.n_parties = 2;
    switch (i % 4) {
    case 0:
        s->a.kind = FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_FRAMEWORK;
        pb_date(&s->end, 2025, month, fc_date_days_in_month(2025, month));
        s->term.end = &s->end;
        s->term.renewal_months = 24;
        s->term.notice_months = 12;
        break;
    case 1:
        s->a.kind = FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_LOCAL;
        s->a.centre_id = i / 4 + 1;
        pb_date(&s->end, 2026, month, fc_date_days_in_month(2026, month));
        s->term.end = &s->end;
        s->term.notice_months = 6;
        s->term.extension_option_months = 24;
        break;
    case 2:
        s->a.kind = FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_LOCAL;
        s->a.centre_id = i / 4 + 1;
        s->term.until_further_notice = true;
        fcavtal__v1__annual_review__init(&s->review);
        s->review.window_end_month = 6, s->review.window_end_day = 30;
        s->review.effect_month = 12, s->review.effect_day = 31;
        s->term.annual_review = &s->review;
        break;
    default:
        s->a.kind = FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_USE_RIGHT;
        s->a.centre_id = i / 4 + 1;
        s->a.status = FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_UNDER_NOTICE;
        s->term.until_further_notice = true;
        s->term.notice_months = 6;
        s->term.notice_to_month_end = true;
        fcavtal__v1__notice__init(&s->notice);
        pb_date(&s->received, 2025, month, 15);
        fc_date_t eff = fc_date_end_of_month(fc_date_add_months((fc_date_t){2025, month, 15}, 6));
        pb_date(&s->effective, eff.year, eff.month, eff.day);
        s->notice.received = &s->received;
        s->notice.effective = &s->effective;
        s->notice.from_organisation_id = 1;
        s->a.notice = &s->notice;
        s->a.effective_end = &s->effective;
        break;
    }
}

/* ------------------------------------------------------------ in-process notify */

typedef struct {
    char dir[512];
    fc_config_t cfg;
    ntf_t ntf;
    fc_server_t *server;
} local_t;

static void local_start(local_t *l, const char *today, const char *map_mb)
{
    memset(l, 0, sizeof *l);
    scratch(l->dir, sizeof l->dir, "notify-bench");
    fc_config_init(&l->cfg, "notify", 0);
    char *argv[] = {"notify", "--data", l->dir, "--bind", "inproc://nb", "--publish",
                    "inproc://nb-events", "--log-level", "warn", "--today", (char *)today,
                    "--map-size-mb", (char *)map_mb, NULL};
    fc_config_parse(&l->cfg, "notify", 13, argv);
    ntf_policy_default(&l->ntf.policy);
    char err[256];
    l->server = fc_server_new(&ntf_service, &l->cfg, &l->ntf, err, sizeof err);
    if (!l->server) {
        fprintf(stderr, "bench: notify: %s\n", err);
        exit(1);
    }
}

static void local_stop(local_t *l)
{
    fc_server_destroy(&l->server);
    fc_config_clear(&l->cfg);
    remove_dir(l->dir);
}

/* ------------------------------------------------------------ 1. compute */

typedef struct {
    sample_t *samples;
    size_t from, n;
} apply_t;

static fc_status_t apply_work(fc_call_t *call, void *arg)
{
    apply_t *a = arg;
    fc_status_t st = FC_OK;
    for (size_t i = a->from; i < a->from + a->n && !st; i++) {
        Fcavtal__V1__RegistryEvent ev = FCAVTAL__V1__REGISTRY_EVENT__INIT;
        ev.action = "agreement.snapshot";
        ev.entity_case = FCAVTAL__V1__REGISTRY_EVENT__ENTITY_AGREEMENT;
        ev.agreement = &a->samples[i].a;
        st = ntf_read_model_apply(call, &ev.base, fc_call_state(call));
    }
    return st;
}

static void bench_compute(void)
{
    sample_t *s = malloc(n_agreements * sizeof *s);
    fc_agreement_t *dom = malloc(n_agreements * sizeof *dom);
    fc_deadline_list_t *list = fc_deadline_list_new(0);
    if (!s || !dom || !list)
        exit(1);
    for (size_t i = 0; i < n_agreements; i++) {
        sample(&s[i], i);
        fc_agreement_from_pb(&s[i].a, &dom[i]);
    }
    fc_date_t until = fc_date_add_months((fc_date_t){2025, 6, 1}, NTF_DEFAULT_HORIZON_MONTHS);
    fc_deadline_policy_t policy = fc_deadline_policy_default();
    int64_t runs[7];
    size_t total = 0;
    for (int r = 0; r < 7; r++) {
        int64_t t0 = now_us();
        total = 0;
        for (size_t i = 0; i < n_agreements; i++) {
            list->n = 0;
            if (fc_deadlines(&dom[i], dom[i].term.start, until, &policy, list, NULL) == FC_OK)
                total += list->n;
        }
        runs[r] = now_us() - t0;
    }
    int64_t med = pct(runs + 1, 6, 0.5);   /* run 0 warms up */
    printf("| deadlines computed by the engine for %zu agreements (%zu deadlines, start to "
           "today + %d months) | %.3f s | < 1 s |\n",
           n_agreements, total, NTF_DEFAULT_HORIZON_MONTHS, (double)med / 1e6);

    /* The whole path: the read model's apply for every agreement. */
    local_t l;
    local_start(&l, "2025-06-01", "8192");
    int64_t t0 = now_us();
    char msg[256];
    for (size_t from = 0; from < n_agreements; from += 5000) {
        apply_t a = {s, from, from + 5000 > n_agreements ? n_agreements - from : 5000};
        if (fc_server_transact(l.server, "bench", apply_work, &a, msg, sizeof msg)) {
            fprintf(stderr, "bench: apply: %s\n", msg);
            exit(1);
        }
    }
    int64_t t_apply = now_us() - t0;
    printf("| %zu agreements applied to notify's read model in-process (engine, comparison, "
           "LMDB, events; one run) | %.2f s (%.1f µs each) | |\n",
           n_agreements, (double)t_apply / 1e6, (double)t_apply / (double)n_agreements);
    local_stop(&l);
    fc_deadline_list_destroy(&list);
    free(dom);
    free(s);
}

/* ------------------------------------------------------------ 2. scan */

#define SCAN_DAYS 3650

typedef struct {
    size_t from, n;
    fc_date_t base;
} fill_t;

static fc_status_t fill_work(fc_call_t *call, void *arg)
{
    fill_t *f = arg;
    const ntf_leads_t *leads = ntf_policy_leads(&((ntf_t *)fc_call_state(call))->policy, 1);
    fc_status_t st = FC_OK;
    for (size_t i = f->from; i < f->from + f->n && !st; i++) {
        fc_date_t date = fc_date_add_days(f->base, (int64_t)(i % SCAN_DAYS));
        fc_date_t safe = fc_last_working_day_on_or_before(date);
        char key[80], ds[FC_DATE_STRLEN];
        snprintf(key, sizeof key, "agreement/%zu/notice/%s", i + 1, fc_date_format(date, ds));
        Fcavtal__V1__Date dd, sd, send[NTF_MAX_LEADS];
        pb_date(&dd, date.year, date.month, date.day);
        pb_date(&sd, safe.year, safe.month, safe.day);
        Fcavtal__V1__Reason rule = FCAVTAL__V1__REASON__INIT;
        rule.rule = "vg4.auto_renewal", rule.source = "VG §4";
        rule.text = "last day to give written notice so that the agreement ends (VG §4)";
        Fcavtal__V1__DeadlineParty p[2], *pp[2];
        for (int k = 0; k < 2; k++) {
            fcavtal__v1__deadline_party__init(&p[k]);
            p[k].organisation_id = (uint64_t)k + 1;
            pp[k] = &p[k];
        }
        Fcavtal__V1__PlannedReminder plan[NTF_MAX_LEADS], *planp[NTF_MAX_LEADS];
        Deadline d = FCAVTAL__V1__DEADLINE__INIT;
        for (size_t k = 0; k < leads->n; k++) {
            fcavtal__v1__planned_reminder__init(&plan[k]);
            plan[k].lead_months = leads->items[k].months;
            plan[k].lead_days = leads->items[k].days;
            fc_date_t sd2 = ntf_lead_send_day(safe, leads->items[k]);
            pb_date(&send[k], sd2.year, sd2.month, sd2.day);
            plan[k].send_on = &send[k];
            plan[k].state = FCAVTAL__V1__REMINDER_STATE__REMINDER_STATE_PLANNED;
            planp[k] = &plan[k];
        }
        d.key = key, d.kind = "notice", d.agreement_id = i + 1, d.date = &dd, d.safe_day = &sd;
        d.rule = &rule, d.actors = "any_party", d.parties = pp, d.n_parties = 2;
        d.state = FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_ACTIVE;
        d.plan = planp, d.n_plan = leads->n;
        st = fc_record_new_id(call, REC_DEADLINE, &d.id);
        if (!st)
            st = fc_record_put(call, REC_DEADLINE, &d.base);
        uint8_t k12[12];
        uint32_t code = ntf_day_code(safe);
        k12[0] = (uint8_t)(code >> 24), k12[1] = (uint8_t)(code >> 16);
        k12[2] = (uint8_t)(code >> 8), k12[3] = (uint8_t)code;
        fc_key_put_u64(k12 + 4, d.id);
        MDB_val k = {12, k12}, v = {0, NULL};
        if (!st)
            st = fc_status_from_mdb(mdb_put(fc_call_txn(call),
                                            fc_store_dbi(fc_call_store(call), DB_DEADLINES_BY_DAY),
                                            &k, &v, 0));
        if (!st)
            st = ntf_plan_index(call, &d, true);
    }
    return st;
}

typedef struct {
    fc_date_t day;
    size_t found;
    int64_t us;
} scan_t;

static int count_one(fc_call_t *call, uint64_t id, const uint8_t key[12], void *arg)
{
    (void)call, (void)id, (void)key;
    ((scan_t *)arg)->found++;
    return 0;
}

static fc_status_t plan_scan(fc_call_t *call, void *arg)
{
    scan_t *s = arg;
    int64_t t0 = now_us();
    ntf_plan_entry_t *e = NULL;
    size_t n = 0;
    fc_status_t st = ntf_plan_of_day(call, s->day, &e, &n);
    s->us = now_us() - t0;
    s->found = n;
    free(e);
    return st;
}

static fc_status_t day_scan(fc_call_t *call, void *arg)
{
    scan_t *s = arg;
    s->found = 0;
    int64_t t0 = now_us();
    fc_status_t st = ntf_deadline_day_scan(call, s->day, s->day, NULL, count_one, s);
    s->us = now_us() - t0;
    return st;
}

static void bench_scan(void)
{
    local_t l;
    local_start(&l, "2025-01-01", "16384");
    fill_t f = {.base = {2025, 1, 1}};
    char msg[256];
    int64_t t0 = now_us();
    for (f.from = 0; f.from < n_deadlines; f.from += 20000) {
        f.n = f.from + 20000 > n_deadlines ? n_deadlines - f.from : 20000;
        if (fc_server_transact(l.server, "fill", fill_work, &f, msg, sizeof msg)) {
            fprintf(stderr, "bench: fill: %s\n", msg);
            exit(1);
        }
    }
    fprintf(stderr, "bench: %zu deadlines stored in %.1f s\n", n_deadlines,
            (double)(now_us() - t0) / 1e6);
    enum { ROUNDS = 400 };
    int64_t plan_us[ROUNDS], day_us[ROUNDS];
    size_t plan_found = 0, day_found = 0;
    srand(1);
    for (int r = -40; r < ROUNDS; r++) {   /* 40 warm-up rounds */
        scan_t s = {.day = fc_date_add_days(f.base, 400 + rand() % 2800)};
        fc_server_read(l.server, r % 2 ? plan_scan : day_scan, &s, msg, sizeof msg);
        scan_t t = {.day = s.day};
        fc_server_read(l.server, r % 2 ? day_scan : plan_scan, &t, msg, sizeof msg);
        if (r < 0)
            continue;
        plan_us[r] = r % 2 ? s.us : t.us;
        day_us[r] = r % 2 ? t.us : s.us;
        plan_found += r % 2 ? s.found : t.found;
        day_found += r % 2 ? t.found : s.found;
    }
    printf("| a day's reminder plan scanned, %zu deadlines stored (%.0f reminders a day) | "
           "p50 %.3f ms, p95 %.3f ms | < 1 ms |\n",
           n_deadlines, (double)plan_found / ROUNDS, (double)pct(plan_us, ROUNDS, 0.5) / 1e3,
           (double)pct(plan_us, ROUNDS, 0.95) / 1e3);
    printf("| a day's deadlines by safe day (\"due between A and B\"), %zu stored (%.0f a day) "
           "| p50 %.3f ms, p95 %.3f ms | < 1 ms |\n",
           n_deadlines, (double)day_found / ROUNDS, (double)pct(day_us, ROUNDS, 0.5) / 1e3,
           (double)pct(day_us, ROUNDS, 0.95) / 1e3);
    local_stop(&l);
}

/* ------------------------------------------------------------ 3. event */

static void bench_event(void)
{
    nh_t h;
    if (nh_start(&h, "2025-06-01", NULL)) {
        fprintf(stderr, "bench: services did not start\n");
        exit(1);
    }
    rc_world_t w;
    if (rc_world(&h.reg, &w) || !nh_settled(&h, 20000))
        exit(1);
    zsock_t *sub = zsock_new_sub(h.ntf.h.pub_endpoint, "notify.deadline.");
    zsock_set_rcvtimeo(sub, 5000);
    zclock_sleep(300);   /* the subscription reaches the publisher */
    size_t n = n_events + 20;
    int64_t *lat = malloc(n * sizeof *lat);
    size_t got = 0;
    for (size_t i = 0; i < n; i++) {
        rc_party_t parties[2] = {{w.region, 0}, {w.muni, 0}};
        char end[16];
        snprintf(end, sizeof end, "%04zu-12-31", 2026 + i % 2);   /* within the horizon */
        rc_agreement_t spec = {.kind = RC_AKIND(FRAMEWORK), .title = "Bench", .case_number = "B",
                               .rule_set = RC_RULES(VG), .parties = parties, .n_parties = 2,
                               .start = "2024-01-01", .end = end, .renewal_months = 24,
                               .notice_months = 12};
        uint64_t id = rc_agreement(&h.reg, &spec);
        rc_rep_t *rep = rc_send_for_signature(&h.reg, id);
        rc_free(rep);
        rep = rc_sign(&h.reg, id, w.region, 0, "2024-01-01");
        rc_free(rep);
        rep = rc_sign(&h.reg, id, w.muni, 0, "2024-01-01");   /* active: deadlines now */
        int64_t t0 = now_us();
        rc_free(rep);
        int64_t t1 = 0;
        while (!t1) {
            zmsg_t *m = zmsg_recv(sub);
            if (!m)
                break;
            zframe_t *body = zmsg_last(m);
            Fcavtal__V1__NotifyEvent *ev =
                fcavtal__v1__notify_event__unpack(NULL, zframe_size(body), zframe_data(body));
            if (ev && ev->deadline && ev->deadline->agreement_id == id)
                t1 = now_us();
            if (ev)
                fcavtal__v1__notify_event__free_unpacked(ev, NULL);
            zmsg_destroy(&m);
        }
        if (!t1)
            fprintf(stderr, "bench: no deadline event for agreement %llu (%zu)\n",
                    (unsigned long long)id, i);
        if (t1 && i >= 20)   /* the first 20 warm up */
            lat[got++] = t1 - t0;
    }
    printf("| registry event (last signature) to notify's deadline event, %zu agreements | "
           "p50 %.2f ms, p95 %.2f ms | p50 < 5 ms |\n",
           got, (double)pct(lat, got, 0.5) / 1e3, (double)pct(lat, got, 0.95) / 1e3);
    free(lat);
    zsock_destroy(&sub);
    nh_cleanup(&h);
}

/* ------------------------------------------------------------ 4. simulate */

/* The agreements in batches of 1,000: each batch repeats the two
 * organisations (reused by org number) and signs every agreement. */
static int load(nh_t *h, size_t n)
{
    for (size_t from = 0; from < n; from += 1000) {
        size_t k = from + 1000 > n ? n - from : 1000;
        Fcavtal__V1__Organisation org[2], *orgp[2];
        Fcavtal__V1__OrgNumber nr[2];
        char nrs[2][12];
        for (int o = 0; o < 2; o++) {
            fcavtal__v1__organisation__init(&org[o]);
            fcavtal__v1__org_number__init(&nr[o]);
            nr[o].value = rc_orgnr(nrs[o], (unsigned)o + 1);
            org[o].id = (uint64_t)o + 1;
            org[o].org_number = &nr[o];
            org[o].name = o ? "Kommunen" : "Regionen";
            org[o].kind = o ? RC_ORG(MUNICIPALITY) : RC_ORG(REGION);
            orgp[o] = &org[o];
        }
        org[1].region_id = 1;
        Fcavtal__V1__Agreement *a = calloc(k, sizeof *a), **ap = calloc(k, sizeof *ap);
        Fcavtal__V1__Term *t = calloc(k, sizeof *t);
        Fcavtal__V1__Date *dates = calloc(k * 3, sizeof *dates);
        Fcavtal__V1__AnnualReview *rv = calloc(k, sizeof *rv);
        Fcavtal__V1__Party *pa = calloc(k * 2, sizeof *pa), **pp = calloc(k * 2, sizeof *pp);
        Fcavtal__V1__Signature *sg = calloc(k * 2, sizeof *sg), **sp = calloc(k * 2, sizeof *sp);
        char (*titles)[32] = calloc(k, sizeof *titles);
        for (size_t j = 0; j < k; j++) {
            size_t i = from + j;
            int month = (int)(i % 12) + 1;
            fcavtal__v1__agreement__init(&a[j]);
            fcavtal__v1__term__init(&t[j]);
            snprintf(titles[j], sizeof titles[j], "Avtal %zu", i + 1);
            a[j].id = j + 1;
            a[j].title = titles[j];
            a[j].case_number = "RS 2024-1";
            a[j].kind = RC_AKIND(FRAMEWORK);
            a[j].rule_set = RC_RULES(VG);
            pb_date(&dates[3 * j], 2023, month, 1);
            t[j].start = &dates[3 * j];
            if (i % 10 == 9) {   /* one in ten: Örebro's yearly window */
                a[j].rule_set = RC_RULES(OREBRO);
                t[j].until_further_notice = true;
                fcavtal__v1__annual_review__init(&rv[j]);
                rv[j].window_end_month = 6, rv[j].window_end_day = 30;
                rv[j].effect_month = 12, rv[j].effect_day = 31;
                t[j].annual_review = &rv[j];
            } else {
                pb_date(&dates[3 * j + 1], 2025, month, fc_date_days_in_month(2025, month));
                t[j].end = &dates[3 * j + 1];
                t[j].renewal_months = 24;
                t[j].notice_months = 12;
            }
            a[j].term = &t[j];
            pb_date(&dates[3 * j + 2], 2023, 1, 1);
            for (int p = 0; p < 2; p++) {
                fcavtal__v1__party__init(&pa[2 * j + p]);
                pa[2 * j + p].organisation_id = (uint64_t)p + 1;
                pp[2 * j + p] = &pa[2 * j + p];
                fcavtal__v1__signature__init(&sg[2 * j + p]);
                sg[2 * j + p].organisation_id = (uint64_t)p + 1;
                sg[2 * j + p].date = &dates[3 * j + 2];
                sg[2 * j + p].name = "Namn";
                sg[2 * j + p].title = "Titel";
                sg[2 * j + p].place = "Ort";
                sp[2 * j + p] = &sg[2 * j + p];
            }
            a[j].parties = &pp[2 * j];
            a[j].n_parties = 2;
            a[j].signatures = &sp[2 * j];
            a[j].n_signatures = 2;
            ap[j] = &a[j];
        }
        Fcavtal__V1__ImportBatch b = FCAVTAL__V1__IMPORT_BATCH__INIT;
        b.organisations = orgp, b.n_organisations = 2;
        b.agreements = ap, b.n_agreements = k;
        rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
        req.body_case = RC_BODY(IMPORT_BATCH);
        req.import_batch = &b;
        h->reg.timeout_ms = 60000;
        rc_rep_t *rep = rc_call(&h->reg, &req);
        int rc = rc_code(rep);
        if (rc)
            fprintf(stderr, "bench: import: %s\n", rc_describe(rep));
        rc_free(rep);
        free(a), free(ap), free(t), free(dates), free(rv), free(pa), free(pp), free(sg), free(sp);
        free(titles);
        if (rc)
            return -1;
    }
    return 0;
}

static nh_rep_t *status(nh_t *h)
{
    return nh_status(h);
}

static bool processed(nh_t *h, fc_date_t day)
{
    nh_rep_t *rep = status(h);
    const Fcavtal__V1__Date *p = rep && rep->status_report ? rep->status_report->processed_through
                                                           : NULL;
    bool ok = p && p->year == day.year && p->month == day.month && p->day == day.day;
    nh_free(rep);
    return ok;
}

static void bench_simulate(void)
{
    ntf_receiver_proc_t r;
    memset(&r, 0, sizeof r);
    char base[512];
    scratch(base, sizeof base, "case-feed");   /* no disk sync in what is measured */
    snprintf(r.dir, sizeof r.dir, "%s/inbox", base);
    snprintf(r.ready, sizeof r.ready, "%s/ready", base);
    snprintf(r.log, sizeof r.log, "%s/receiver.log", base);
    if (ntf_receiver_start(&r, "tcp://127.0.0.1:*")) {
        fprintf(stderr, "bench: receiver did not start\n");
        exit(1);
    }
    const char *args[] = {"--case-feed", r.endpoint, "--case-retry-ms", "2000", "--tick-ms", "1",
                          NULL};
    /* The stores on tmpfs as well: the figure is notify's work, not the
     * disk's fsync latency (a real day has 24 hours for its commits). */
    nh_t h;
    if (nh_start_in(&h, access("/dev/shm", W_OK) == 0 ? "/dev/shm" : FC_BENCH_TMP, "2024-12-31",
                    args))
        exit(1);
    h.ntf.timeout_ms = 60000;
    int64_t t0 = now_us();
    if (load(&h, n_sim) || !nh_settled(&h, 120000)) {
        fprintf(stderr, "bench: load failed\n");
        exit(1);
    }
    double t_load = (double)(now_us() - t0) / 1e6;
    fc_date_t day = {2024, 12, 31};
    size_t days = 0;
    t0 = now_us();
    for (size_t y = 0; y < n_years; y++) {
        fc_date_t stop = fc_date_add_months(day, 12);
        while (fc_date_cmp(day, stop) < 0) {
            day = fc_date_add_days(day, 1);
            Fcavtal__V1__Date d = {PROTOBUF_C_MESSAGE_INIT(&fcavtal__v1__date__descriptor),
                                   day.year, day.month, day.day};
            Fcavtal__V1__SetTodayRequest q = FCAVTAL__V1__SET_TODAY_REQUEST__INIT;
            q.today = &d;
            nh_free(nh_call(&h, "set_today", &q.base));
            while (!processed(&h, day))
                usleep(250);
            days++;
        }
    }
    size_t acked = 0, total = 0;
    for (int i = 0; i < 60000; i++) {
        nh_rep_t *rep = status(&h);
        const Fcavtal__V1__NotifyStatus *s = rep->status_report;
        acked = s->acknowledged;
        total = s->acknowledged + s->pending + s->sent + s->failed;
        bool done = s->pending == 0 && s->sent == 0;
        nh_free(rep);
        if (done)
            break;
        usleep(1000);
    }
    double t_sim = (double)(now_us() - t0) / 1e6;
    int stored = ntf_test_count_files(r.dir, ".json");
    printf("| %zu years simulated day by day (%zu days) for %zu agreements: %zu reminders, "
           "%zu acknowledged, %d stored by the receiver | %.1f s (%.0f reminders/s) | < 60 s |\n",
           n_years, days, n_sim, total, acked, stored, t_sim, (double)acked / t_sim);
    printf("| (loading the %zu agreements and notify's first sync, not in the figure) | %.1f s | |\n",
           n_sim, t_load);
    nh_cleanup(&h);
    ntf_receiver_cleanup(&r);
    remove_dir(base);
}

/* ------------------------------------------------------------ main */

static size_t num(const char *s)
{
    return (size_t)strtoull(s, NULL, 10);
}

int main(int argc, char **argv)
{
    bool which[4] = {false, false, false, false}, any = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "compute") || !strcmp(a, "scan") || !strcmp(a, "event") ||
            !strcmp(a, "simulate")) {
            which[!strcmp(a, "scan") + 2 * !strcmp(a, "event") + 3 * !strcmp(a, "simulate")] = true;
            any = true;
        } else if (i + 1 < argc && !strcmp(a, "--agreements")) {
            n_agreements = num(argv[++i]);
        } else if (i + 1 < argc && !strcmp(a, "--deadlines")) {
            n_deadlines = num(argv[++i]);
        } else if (i + 1 < argc && !strcmp(a, "--events")) {
            n_events = num(argv[++i]);
        } else if (i + 1 < argc && !strcmp(a, "--sim-agreements")) {
            n_sim = num(argv[++i]);
        } else if (i + 1 < argc && !strcmp(a, "--years")) {
            n_years = num(argv[++i]);
        } else {
            fprintf(stderr, "usage: fcavtal-bench-notify [compute|scan|event|simulate ...] "
                            "[--agreements N] [--deadlines N] [--events N] [--sim-agreements N] "
                            "[--years N]\n");
            return 2;
        }
    }
    fc_log_set_level("warn");
    printf("| measurement | result | target |\n|---|---|---|\n");
    fflush(stdout);
    if (!any || which[0])
        bench_compute();
    fflush(stdout);
    if (!any || which[1])
        bench_scan();
    fflush(stdout);
    if (!any || which[2])
        bench_event();
    fflush(stdout);
    if (!any || which[3])
        bench_simulate();
    return 0;
}
