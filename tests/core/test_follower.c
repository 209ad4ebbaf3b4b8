/* The follower on real binaries: one toy leads, another follows it into its
 * own LMDB. Rebuild from paged snapshots, live events, gaps filled from the
 * audit trail or by a rebuild, exact resume after kill -9 of either side,
 * and a leader whose store was replaced. */
#include <signal.h>
#include <czmq.h>

#include "toy_client.h"

static tc_t L, F;   /* leader, follower */

static void teardown(void)
{
    tc_cleanup(&F);
    tc_cleanup(&L);
}

static void start_leader(const char *const *args)
{
    toy_init(&L);
    L.h.keep_ports = true;
    cr_assert_eq(tc_start(&L, args), 0, "leader did not start");
}

static char follow_args[4][160];

static void start_follower(const char *gap_fill_max)
{
    toy_init(&F);
    snprintf(follow_args[0], sizeof follow_args[0], "%s", L.h.endpoint);
    snprintf(follow_args[1], sizeof follow_args[1], "%s", L.h.pub_endpoint);
    const char *args[] = { "--follow-request", follow_args[0], "--follow-publish", follow_args[1],
                           "--gap-fill-max", gap_fill_max, NULL };
    cr_assert_eq(tc_start(&F, args), 0, "follower did not start");
}

static void restart_follower(int sig, const char *gap_fill_max)
{
    const char *args[] = { "--follow-request", follow_args[0], "--follow-publish", follow_args[1],
                           "--gap-fill-max", gap_fill_max, NULL };
    cr_assert_eq(tc_restart(&F, sig, args), 0, "follower did not restart");
}

static uint64_t leader_seq(void)
{
    Fcavtal__V1__TodayRequest q = FCAVTAL__V1__TODAY_REQUEST__INIT;
    toy_rep_t *rep = toy_call(&L, "today", &q.base);
    uint64_t seq = tc_seq(&rep->base);
    tc_free(&rep->base);
    return seq;
}

static bool caught_up(void *arg)
{
    (void)arg;
    Fcavtal__V1__ToyFollowState s = toy_follow_state(&F);
    return s.live && s.position == leader_seq();
}

static void wait_caught_up(int ms)
{
    cr_assert(fc_harness_wait(caught_up, NULL, ms), "the follower caught up (at %llu of %llu)",
              (unsigned long long)toy_follow_state(&F).position, (unsigned long long)leader_seq());
}

/* Every leader item has a copy with its latest version, nothing more; and
 * when `once` the copies of items made after the follower synced were
 * applied exactly once per event. */
static void assert_copies_match(bool once)
{
    ProtobufCMessage **items, **copies;
    uint64_t s1, s2;
    size_t p1, p2;
    size_t n_items = tc_snapshot(&L, 1000, &items, &s1, &p1);
    size_t n_copies = 0;
    ProtobufCMessage **all = NULL;
    size_t n_all = tc_snapshot(&F, 1000, &all, &s2, &p2);
    cr_assert_neq(n_items, (size_t)-1);
    cr_assert_neq(n_all, (size_t)-1);
    copies = calloc(n_all + 1, sizeof *copies);
    for (size_t i = 0; i < n_all; i++)
        if (((Fcavtal__V1__ToyEvent *)all[i])->entity_case == FCAVTAL__V1__TOY_EVENT__ENTITY_COPY)
            copies[n_copies++] = all[i];
    cr_assert_eq(n_copies, n_items, "one copy per item (%zu copies, %zu items)", n_copies, n_items);
    for (size_t i = 0; i < n_items; i++) {
        const Fcavtal__V1__ToyItem *it = ((Fcavtal__V1__ToyEvent *)items[i])->item;
        const Fcavtal__V1__ToyCopy *c = ((Fcavtal__V1__ToyEvent *)copies[i])->copy;
        cr_assert_eq(c->id, it->id);
        cr_assert_str_eq(c->item->name, it->name);
        cr_assert_eq(c->item->version, it->version, "item %llu", (unsigned long long)it->id);
        if (once && !c->from_snapshot)
            cr_assert_eq(c->applied, it->version, "item %llu: %u events applied for version %u",
                         (unsigned long long)it->id, c->applied, it->version);
    }
    free(copies);
    tc_free_all(items, n_items);
    tc_free_all(all, n_all);
}

Test(follower, rebuilds_from_pages_then_follows_live_events, .fini = teardown)
{
    start_leader(NULL);
    cr_assert(toy_put_many(&L, 1200, 10, "before-"));
    start_follower("10000");
    wait_caught_up(10000);
    Fcavtal__V1__ToyFollowState s = toy_follow_state(&F);
    cr_assert_eq(s.rebuilds, 1, "one rebuild at the first start");
    assert_copies_match(false);
    cr_assert(toy_put_many(&L, 20, 10, "after-"));
    wait_caught_up(5000);
    assert_copies_match(true);
    Fcavtal__V1__ToyGet get = FCAVTAL__V1__TOY_GET__INIT;
    get.id = 1210;
    toy_rep_t *rep = toy_call(&F, "get_copy", &get.base);
    cr_assert_eq(tc_code(&rep->base), 0);
    cr_assert_not(rep->copy->from_snapshot, "a live event, not a snapshot page");
    cr_assert_eq(rep->copy->applied, 1);
    tc_free(&rep->base);
}

/* A stopped follower loses events at the leader's high-water mark. */
static void lose_events(void)
{
    kill(F.h.pid, SIGSTOP);
    /* 5000 events of 4 KiB: far more than the socket buffers and the
     * leader's high-water mark of 10 hold. */
    cr_assert(toy_put_many(&L, 5000, 4096, "gap-"));
    kill(F.h.pid, SIGCONT);
}

Test(follower, fills_a_gap_from_the_audit_trail, .fini = teardown)
{
    const char *args[] = { "--pub-hwm", "10", NULL };
    start_leader(args);
    start_follower("1000000");
    wait_caught_up(5000);
    cr_assert_neq(toy_put(&L, "first"), 0);
    wait_caught_up(5000);
    lose_events();
    wait_caught_up(20000);
    Fcavtal__V1__ToyFollowState s = toy_follow_state(&F);
    cr_assert_geq(s.gaps_filled, 1, "the gap was seen");
    cr_assert_eq(s.rebuilds, 1, "filled from the trail, no new rebuild");
    assert_copies_match(true);
}

Test(follower, rebuilds_when_the_gap_is_too_large, .fini = teardown)
{
    const char *args[] = { "--pub-hwm", "10", NULL };
    start_leader(args);
    start_follower("10");
    wait_caught_up(5000);
    lose_events();
    wait_caught_up(20000);
    Fcavtal__V1__ToyFollowState s = toy_follow_state(&F);
    cr_assert_geq(s.rebuilds, 2, "a second rebuild filled the large gap");
    assert_copies_match(false);
}

Test(follower, resumes_exactly_after_kill_9, .fini = teardown)
{
    start_leader(NULL);
    start_follower("1000000");
    wait_caught_up(5000);
    unsigned seed = (unsigned)getpid();
    for (int round = 0; round < 8; round++) {
        cr_assert(toy_put_many(&L, 400, 64, "r-"));
        /* Updates too, so a copy's count of applied events can go wrong. */
        Fcavtal__V1__ToyItem item = FCAVTAL__V1__TOY_ITEM__INIT;
        Fcavtal__V1__ToyPutItem put = FCAVTAL__V1__TOY_PUT_ITEM__INIT;
        item.id = (uint64_t)(rand_r(&seed) % (400 * (round + 1))) + 1;
        item.name = "updated";
        put.item = &item;
        tc_free(tc_call(&L, "put_item", &put.base, NULL));
        zclock_sleep(rand_r(&seed) % 40);
        restart_follower(SIGKILL, "1000000");
    }
    wait_caught_up(20000);
    Fcavtal__V1__ToyFollowState s = toy_follow_state(&F);
    cr_assert_eq(s.rebuilds, 0, "resumed from its position every time, no rebuild");
    assert_copies_match(true);
}

Test(follower, rides_out_a_leader_crash, .fini = teardown)
{
    start_leader(NULL);
    start_follower("1000000");
    wait_caught_up(5000);
    cr_assert(toy_put_many(&L, 300, 64, "a-"));
    cr_assert_eq(tc_restart(&L, SIGKILL, NULL), 0, "leader restarts on the same ports");
    cr_assert(toy_put_many(&L, 300, 64, "b-"));
    wait_caught_up(20000);
    assert_copies_match(true);
}

Test(follower, rebuilds_when_the_leader_store_is_replaced, .fini = teardown)
{
    start_leader(NULL);
    start_follower("1000000");
    cr_assert(toy_put_many(&L, 50, 10, "old-"));
    wait_caught_up(5000);
    /* A new, empty store behind the same endpoints: its sequence is lower. */
    fc_harness_stop(&L.h, SIGKILL);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s/data'", L.h.dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(tc_start(&L, NULL), 0);
    cr_assert(toy_put_many(&L, 5, 10, "new-"));
    wait_caught_up(10000);
    cr_assert_geq(toy_follow_state(&F).rebuilds, 2);
    assert_copies_match(false);
}
