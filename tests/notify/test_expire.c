/* The registry's expire is driven by the deadlines: the day after an
 * agreement's last day (on the simulated today) notify expires it in the
 * registry, once, however often it restarts or the days move on. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "notify_harness.h"

static nh_t H;

static void teardown(void)
{
    nh_cleanup(&H);
}

TestSuite(expire, .fini = teardown, .timeout = 120);

static int status_of(uint64_t id)
{
    rc_rep_t *rep = rc_get(&H.reg, RC_BODY(GET_AGREEMENT), id);
    int st = rep && rep->agreement ? (int)rep->agreement->status : -1;
    rc_free(rep);
    return st;
}

static size_t expired_events(uint64_t id)
{
    rc_rep_t *rep = rc_audit(&H.reg, "agreement", id, 0, 1000);
    size_t n = 0;
    for (size_t i = 0; rep && rep->audit && i < rep->audit->n_events; i++)
        n += strcmp(rep->audit->events[i]->action, "agreement.expired") == 0;
    rc_free(rep);
    return n;
}

typedef struct {
    uint64_t id;
} arg_t;

static bool is_expired(void *arg)
{
    return status_of(((arg_t *)arg)->id) == RC_STATUS(EXPIRED);
}

static uint64_t local_agreement(const rc_world_t *w, const char *start, const char *end)
{
    rc_party_t parties[4];
    rc_agreement_t spec = rc_world_local(w, parties);
    spec.start = start;
    spec.end = end;
    uint64_t id = rc_agreement(&H.reg, &spec);
    cr_assert_neq(id, 0);
    cr_assert_eq(nh_activate(&H, id, start), 0);
    return id;
}

Test(expire, the_day_after_the_end_once)
{
    cr_assert_eq(nh_start(&H, "2024-12-20", NULL), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    uint64_t id = local_agreement(&w, "2021-01-01", "2024-12-31");
    cr_assert(nh_settled(&H, 10000));
    cr_assert_eq(nh_set_today(&H, "2024-12-31"), 0);
    cr_assert_eq(status_of(id), RC_STATUS(ACTIVE), "the last day is still a day of the term");
    cr_assert_eq(nh_set_today(&H, "2025-01-01"), 0);
    arg_t a = {id};
    cr_assert(fc_harness_wait(is_expired, &a, 10000), "expired by notify");
    cr_assert_eq(expired_events(id), 1);

    Fcavtal__V1__ListExpiries q = FCAVTAL__V1__LIST_EXPIRIES__INIT;
    nh_rep_t *rep = nh_call(&H, "list_expiries", &q.base);
    cr_assert_eq(rep->expiries->n_items, 1);
    const Fcavtal__V1__Expiry *x = rep->expiries->items[0];
    cr_assert_eq(x->id, id);
    cr_assert(nh_date_is(x->end, "2024-12-31"));
    char rid[64];
    snprintf(rid, sizeof rid, "notify-expire-%llu-2024-12-31", (unsigned long long)id);
    cr_assert_str_eq(x->request_id, rid, "the request id names the agreement and the end");
    cr_assert_eq(x->state, FCAVTAL__V1__EXPIRY_STATE__EXPIRY_STATE_DONE);
    nh_free(rep);

    /* Restarts and more days change nothing. */
    cr_assert_eq(nh_restart_notify(&H, SIGKILL), 0);
    cr_assert_eq(nh_set_today(&H, "2025-02-01"), 0);
    cr_assert_eq(expired_events(id), 1, "expired once");
}

Test(expire, an_end_already_past_when_learnt)
{
    cr_assert_eq(nh_start(&H, "2025-03-01", NULL), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    uint64_t id = local_agreement(&w, "2021-01-01", "2024-12-31");
    arg_t a = {id};
    cr_assert(fc_harness_wait(is_expired, &a, 10000), "expired as soon as notify learnt of it");
    cr_assert(nh_settled(&H, 10000));
    cr_assert_eq(expired_events(id), 1);
}
