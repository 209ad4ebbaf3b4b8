/* "Done" means durable: everything acknowledged survives a clean stop and a
 * kill -9 right after the acknowledgement. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <pthread.h>
#include <czmq.h>

#include "registry_client.h"

static rc_t R;

static void setup(void)
{
    memset(&R, 0, sizeof R);
    cr_assert_eq(rc_start(&R, NULL), 0, "the registry did not start");
}

static void teardown(void)
{
    rc_cleanup(&R);
}

static uint8_t *snapshot_bytes(size_t *size)
{
    uint8_t *b = rc_snapshot_bytes(&R, size);
    cr_assert_not_null(b, "snapshot");
    return b;
}

/* Events 1..seq are all there, in order, without gaps. */
static void assert_gapless_audit(uint64_t seq)
{
    rc_rep_t *rep = rc_audit(&R, "", 0, 0, 10000);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->audit->n_events, seq, "audit holds %zu events, seq is %llu",
                 rep->audit->n_events, (unsigned long long)seq);
    for (size_t i = 0; i < rep->audit->n_events; i++)
        cr_assert_eq(rep->audit->events[i]->seq, i + 1, "event %zu", i);
    rc_free(rep);
}

Test(service_durability, clean_restart_keeps_everything, .init = setup, .fini = teardown)
{
    rc_world_t w;
    cr_assert_eq(rc_world(&R, &w), 0);
    rc_party_t parties[4];
    rc_agreement_t spec = rc_world_local(&w, parties);
    uint64_t local = rc_agreement(&R, &spec);
    cr_assert_neq(local, 0);
    rc_rep_t *rep = rc_send_for_signature(&R, local);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);
    rep = rc_sign(&R, local, w.region, w.bhv, "2024-05-02");
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);

    size_t n0;
    uint8_t *before = snapshot_bytes(&n0);
    rc_state_t *snap = rc_state(&R);
    cr_assert_not_null(snap);
    uint64_t seq = snap->seq;
    rc_state_free(&snap);
    rep = rc_get(&R, RC_BODY(AGREEMENT_HISTORY), local);
    size_t versions = rep->history->n_versions;
    rc_free(rep);

    int status = rc_stop(&R, SIGTERM);
    cr_assert_not(R.stop_timed_out, "the service ignored SIGTERM (killed after %d ms)",
                  RC_STOP_WAIT_MS);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "SIGTERM is a clean stop (status 0x%x)", status);
    cr_assert_eq(rc_start(&R, NULL), 0, "restart on the same data");

    size_t n1;
    uint8_t *after = snapshot_bytes(&n1);
    cr_assert(n0 == n1 && memcmp(before, after, n0) == 0, "the state survives a restart");
    free(before);
    free(after);
    rep = rc_get(&R, RC_BODY(AGREEMENT_HISTORY), local);
    cr_assert_eq(rep->history->n_versions, versions, "history survives");
    rc_free(rep);
    assert_gapless_audit(seq);

    /* Work goes on where it stopped: the next event and id follow on. */
    rep = rc_put_org(&R, 0, "212000-1967", "Örebro kommun", RC_ORG(MUNICIPALITY), 0);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->seq, seq + 1, "the sequence continues");
    cr_assert_eq(rep->organisation->id, w.muni + 1, "ids are not reused");
    rc_free(rep);
    rep = rc_sign(&R, local, w.region, w.mhv, "2024-05-03");
    cr_assert_eq(rc_code(rep), 0, "signing continues after a restart: %s", rc_describe(rep));
    cr_assert_eq(rep->agreement->n_signatures, 2);
    rc_free(rep);
}

#define ROUNDS 20
#define IN_FLIGHT 6

Test(service_durability, kill_after_acknowledgement_loses_nothing, .init = setup,
     .fini = teardown, .timeout = 120)
{
    /* Every acknowledged organisation: its id and number. */
    uint64_t acked_id[ROUNDS * IN_FLIGHT];
    char acked_nr[ROUNDS * IN_FLIGHT][12];
    size_t n_acked = 0;

    for (unsigned round = 0; round < ROUNDS; round++) {
        /* Several writes in flight at once... */
        for (unsigned k = 0; k < IN_FLIGHT; k++) {
            char nr[12], name[64], rid[64];
            rc_orgnr(nr, round * 100 + k + 1);
            snprintf(name, sizeof name, "Kommun %u-%u", round, k);
            snprintf(rid, sizeof rid, "round-%u-%u", round, k);
            cr_assert_eq(rc_send_new_municipality(&R, nr, name, rid), 0);
        }
        /* ...wait for some of the acknowledgements (1..IN_FLIGHT, varying by
         * round), then kill -9 at once. */
        unsigned wait_for = round % IN_FLIGHT + 1;
        for (unsigned k = 0; k < wait_for; k++) {
            uint8_t *data = NULL;
            size_t size = 0;
            cr_assert_eq(fc_client_recv(R.client, &data, &size), 0, "round %u: no reply", round);
            rc_rep_t *rep = fcavtal__v1__registry_reply__unpack(NULL, size, data);
            free(data);
            cr_assert_eq(rc_code(rep), 0, "round %u: %s", round, rc_describe(rep));
            acked_id[n_acked] = rep->organisation->id;
            snprintf(acked_nr[n_acked], sizeof acked_nr[n_acked], "%s",
                     rep->organisation->org_number->value);
            n_acked++;
            rc_free(rep);
        }
        rc_stop(&R, SIGKILL);
        cr_assert_eq(rc_start(&R, NULL), 0, "round %u: restart after kill -9", round);

        /* Every acknowledged write is there. */
        for (size_t i = 0; i < n_acked; i++) {
            rc_rep_t *rep = rc_get(&R, RC_BODY(GET_ORGANISATION), acked_id[i]);
            cr_assert_eq(rc_code(rep), 0, "round %u: acknowledged organisation %llu lost: %s",
                         round, (unsigned long long)acked_id[i], rc_describe(rep));
            cr_assert_str_eq(rep->organisation->org_number->value, acked_nr[i]);
            rc_free(rep);
        }
        /* Whatever else made it is whole: one event per organisation, no gap. */
        rc_state_t *snap = rc_state(&R);
        cr_assert_not_null(snap);
        cr_assert_eq(snap->seq, snap->n_organisations,
                     "round %u: seq %llu for %zu organisations", round,
                     (unsigned long long)snap->seq, snap->n_organisations);
        cr_assert_geq(snap->n_organisations, n_acked);
        uint64_t seq = snap->seq;
        rc_state_free(&snap);
        if (round == ROUNDS - 1)
            assert_gapless_audit(seq);
    }
}

/* A stop requested right after a reply (the usual case: a deploy script, or
 * systemd stopping the service between requests) must be honoured. */
Test(service_durability, sigterm_right_after_a_reply_stops_the_service, .init = setup,
     .fini = teardown, .timeout = 60)
{
    for (unsigned i = 0; i < 25; i++) {
        char nr[12];
        rc_rep_t *rep = rc_put_org(&R, 0, rc_orgnr(nr, i + 1), "Kommun", RC_ORG(MUNICIPALITY), 0);
        cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
        rc_free(rep);
        int status = rc_stop(&R, SIGTERM);
        cr_assert_not(R.stop_timed_out,
                      "round %u: SIGTERM right after a reply was lost; the service still ran "
                      "%d ms later", i, RC_STOP_WAIT_MS);
        cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "round %u: status 0x%x", i,
                  status);
        cr_assert_eq(rc_start(&R, NULL), 0, "round %u: restart", i);
    }
    rc_state_t *snap = rc_state(&R);
    cr_assert_not_null(snap);
    cr_assert_eq(snap->n_organisations, 25);
    rc_state_free(&snap);
}

/* ------------------------------------------------------------ under load */

#define WRITERS 4
#define LOAD_ROUNDS 8
#define PER_WRITER 60

typedef struct {
    unsigned round, writer;
    const char *endpoint;
    char acked[PER_WRITER][12];
    uint64_t acked_id[PER_WRITER];
    size_t n_acked;
} writer_t;

/* One client writing with up to 8 in flight until the service dies under it. */
static void *write_until_killed(void *arg)
{
    writer_t *w = arg;
    fc_client_opts_t opts = { .endpoint = w->endpoint, .timeout_ms = 700 };
    rc_t r = { .client = fc_client_new(&opts) };
    size_t sent = 0;
    while (r.client && w->n_acked < PER_WRITER) {
        while (sent < PER_WRITER && sent < w->n_acked + 8) {
            char nr[12], name[64], rid[64];
            rc_orgnr(nr, 100000 + w->round * 1000 + w->writer * 100 + (unsigned)sent);
            snprintf(name, sizeof name, "Kommun %u-%u-%zu", w->round, w->writer, sent);
            snprintf(rid, sizeof rid, "load-%u-%u-%zu", w->round, w->writer, sent);
            if (rc_send_new_municipality(&r, nr, name, rid))
                break;
            sent++;
        }
        uint8_t *data = NULL;
        size_t size = 0;
        if (fc_client_recv(r.client, &data, &size))
            break;   /* killed */
        rc_rep_t *rep = fcavtal__v1__registry_reply__unpack(NULL, size, data);
        free(data);
        if (rc_code(rep) == 0) {
            w->acked_id[w->n_acked] = rep->organisation->id;
            snprintf(w->acked[w->n_acked], 12, "%s", rep->organisation->org_number->value);
            __atomic_add_fetch(&w->n_acked, 1, __ATOMIC_RELEASE);
        }
        rc_free(rep);
    }
    fc_client_destroy(&r.client);
    return NULL;
}

/* Several clients writing at once, kill -9 at a random moment, many
 * times: every acknowledged write survives, and the trail has no gap. */
Test(service_durability, kill_under_load_from_several_clients_loses_nothing, .init = setup,
     .fini = teardown, .timeout = 180)
{
    static writer_t w[LOAD_ROUNDS][WRITERS];
    unsigned seed = (unsigned)getpid();
    for (unsigned round = 0; round < LOAD_ROUNDS; round++) {
        pthread_t t[WRITERS];
        for (unsigned k = 0; k < WRITERS; k++) {
            w[round][k] = (writer_t){ .round = round, .writer = k, .endpoint = R.h.endpoint };
            cr_assert_eq(pthread_create(&t[k], NULL, write_until_killed, &w[round][k]), 0);
        }
        /* Kill while writes are in flight: after the first acknowledgement of
         * the round (a loaded machine may take a while to get there). */
        for (int waited = 0; waited < 5000; waited += 5) {
            size_t acked = 0;
            for (unsigned k = 0; k < WRITERS; k++)
                acked += __atomic_load_n(&w[round][k].n_acked, __ATOMIC_ACQUIRE);
            if (acked)
                break;
            zclock_sleep(5);
        }
        zclock_sleep((int)(rand_r(&seed) % 60));
        rc_stop(&R, SIGKILL);
        for (unsigned k = 0; k < WRITERS; k++)
            pthread_join(t[k], NULL);
        cr_assert_eq(rc_start(&R, NULL), 0, "round %u: restart after kill -9", round);
        for (unsigned r = 0; r <= round; r++)
            for (unsigned k = 0; k < WRITERS; k++)
                for (size_t i = 0; i < w[r][k].n_acked; i++) {
                    rc_rep_t *rep = rc_get(&R, RC_BODY(GET_ORGANISATION), w[r][k].acked_id[i]);
                    cr_assert_eq(rc_code(rep), 0, "round %u: acknowledged %s lost", round,
                                 w[r][k].acked[i]);
                    cr_assert_str_eq(rep->organisation->org_number->value, w[r][k].acked[i]);
                    rc_free(rep);
                }
    }
    size_t total = 0;
    for (unsigned r = 0; r < LOAD_ROUNDS; r++)
        for (unsigned k = 0; k < WRITERS; k++)
            total += w[r][k].n_acked;
    cr_assert_gt(total, WRITERS, "the writers got acknowledgements before the kills (%zu)", total);
    rc_state_t *snap = rc_state(&R);
    cr_assert_not_null(snap);
    cr_assert_geq(snap->n_organisations, total);
    cr_assert_eq(snap->seq, snap->n_organisations, "one event per organisation that exists");
    uint64_t seq = snap->seq;
    rc_state_free(&snap);
    assert_gapless_audit(seq);
}
