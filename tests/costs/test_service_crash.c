/* kill -9 during a run, many times: a run is computed and stored in one
 * write transaction, so after any crash a run is either there whole (every
 * page its header counts, balances adding up to zero) or not at all. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "fcavtal/client.h"
#include "service_fixture.h"

#define CENTRES 300
#define ROUNDS 30

static sf_t F;
static uint64_t centres[CENTRES], ops[4 * CENTRES];

static void teardown(void)
{
    sf_cleanup(&F);
}

TestSuite(costs_crash, .fini = teardown, .timeout = 600);

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Sends a yearly run of every centre and does not wait for the reply. */
static void send_run(const char *id)
{
    Fcavtal__V1__Date a, b;
    Fcavtal__V1__SettlementPeriod p = sf_period("year", 2025, 0, &a, &b);
    Fcavtal__V1__RunSettlement run = FCAVTAL__V1__RUN_SETTLEMENT__INIT;
    run.period = &p;
    Fcavtal__V1__CostsRequest req = FCAVTAL__V1__COSTS_REQUEST__INIT;
    req.request_id = (char *)id;
    req.actor = "tester";
    req.body_case = FCAVTAL__V1__COSTS_REQUEST__BODY_RUN_SETTLEMENT;
    req.run_settlement = &run;
    size_t n = fcavtal__v1__costs_request__get_packed_size(&req);
    uint8_t *buf = malloc(n);
    fcavtal__v1__costs_request__pack(&req, buf);
    cr_assert_eq(fc_client_send(F.costs.client, buf, n), 0);
    free(buf);
}

static sf_rep_t *show(uint64_t run, Fcavtal__V1__RunPart part, uint32_t page)
{
    Fcavtal__V1__ShowRun q = FCAVTAL__V1__SHOW_RUN__INIT;
    q.run_id = run;
    q.part = part;
    q.page = page;
    sf_rep_t *rep = sf_call(&F, "show_run", &q.base, NULL);
    cr_assert(rep && rep->status->code == 0, "run %llu part %d page %u: %s",
              (unsigned long long)run, part, page, rep ? rep->status->message : "no reply");
    return rep;
}

/* Every page the header counts is there and adds up. */
static void whole(const Fcavtal__V1__SettlementRun *h)
{
    int64_t balances = 0, shares = 0;
    size_t parties = 0, items = 0;
    for (uint32_t p = 0; p * 500 < h->party_count; p++) {
        sf_rep_t *rep = show(h->id, FCAVTAL__V1__RUN_PART__RUN_PART_PARTIES, p);
        for (size_t i = 0; i < rep->run->n_parties; i++) {
            balances += rep->run->parties[i]->balance->ore;
            shares += rep->run->parties[i]->share->ore;
        }
        parties += rep->run->n_parties;
        sf_free(rep);
    }
    cr_assert_eq(parties, h->party_count, "run %llu: %zu of %u party lines",
                 (unsigned long long)h->id, parties, h->party_count);
    cr_assert_eq(balances, 0);
    cr_assert_eq(shares, h->total->ore);
    for (uint32_t c = 0; c < h->n_centre_ids; c += 37) {
        sf_rep_t *rep = show(h->id, FCAVTAL__V1__RUN_PART__RUN_PART_ITEMS, c);
        items += rep->run->n_items;
        cr_assert_eq(rep->run->n_items, 60, "centre page %u holds %zu items", c,
                     rep->run->n_items);
        sf_free(rep);
    }
    cr_assert_gt(items, 0);
}

static size_t check_runs(void)
{
    Fcavtal__V1__ListRuns q = FCAVTAL__V1__LIST_RUNS__INIT;
    q.status = FCAVTAL__V1__RUN_STATUS__RUN_STATUS_DRAFT;
    sf_rep_t *rep = sf_call(&F, "list_runs", &q.base, NULL);
    cr_assert(rep && rep->status->code == 0);
    size_t n = rep->runs->n_items;
    for (size_t i = 0; i < n; i++) {
        const Fcavtal__V1__SettlementRun *r = rep->runs->items[i];
        cr_assert_eq(r->n_centre_ids, 100, "a list names at most 100 centres");
        cr_assert_eq(r->item_count, CENTRES * 60);
        whole(r);
        /* Keep the store small: the next round's run is a fresh one. */
        sf_free(sf_action(&F, "discard_run", r->id));
    }
    sf_free(rep);
    return n;
}

Test(costs_crash, kill_9_during_runs_leaves_no_half_run)
{
    cr_assert_eq(sf_start(&F, "2"), 0);
    cr_assert_eq(sf_bulk_world(&F, CENTRES, centres, ops), 0);
    cr_assert(sf_sync(&F));
    cr_assert_eq(sf_bulk_items(&F, CENTRES, centres, ops, 2025, 5), 0);
    /* One run to time the window the kills fall in. */
    double t0 = now_ms();
    sf_rep_t *rep = sf_run(&F, "year", 2025, 0, NULL, 0, "timing");
    double took = now_ms() - t0;
    cr_assert(rep && rep->status->code == 0, "%s", rep ? rep->status->message : "no reply");
    sf_free(rep);
    cr_assert_eq(check_runs(), 1);
    unsigned seed = 20251231;
    size_t completed = 0;
    for (int round = 0; round < ROUNDS; round++) {
        char id[32];
        snprintf(id, sizeof id, "crash-%d", round);
        send_run(id);
        useconds_t wait = (useconds_t)(rand_r(&seed) % (unsigned)(took * 1200 + 1));
        usleep(wait);
        cr_assert_eq(sf_restart_costs(&F, SIGKILL), 0, "costs did not come back");
        completed += check_runs();
    }
    fprintf(stderr, "kill -9: %d rounds, a run takes %.0f ms, %zu completed before the kill\n",
            ROUNDS, took, completed);
    /* The kills fell before and after commits alike. */
    cr_expect_lt(completed, ROUNDS);
}
