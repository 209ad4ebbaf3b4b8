/* kill -9 of fcavtal-render while it renders leaves no half-stored
 * rendering: after the restart every stored rendering's bytes hash to its
 * SHA-256 and have its size, and every request sent again with its id is
 * answered (from its record, or rendered anew). */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/render.h"
#include "render_service.h"

static rs_t S;

static void teardown(void)
{
    rs_cleanup(&S);
}

#define N_AGREEMENTS 4
#define N_REQUESTS (N_AGREEMENTS * 3 * 2)
/* Two of the four are drafts, whose review copy is the draft itself. */
#define N_DISTINCT (N_REQUESTS - 2 * 3)

static uint64_t AGREEMENTS[N_AGREEMENTS];

static uint8_t *pack(int i, size_t *size)
{
    Fcavtal__V1__RenderAgreement q = FCAVTAL__V1__RENDER_AGREEMENT__INIT;
    q.agreement_id = AGREEMENTS[i % N_AGREEMENTS];
    q.format = (Fcavtal__V1__RenderFormat)(1 + (i / N_AGREEMENTS) % 3);
    q.review_copy = i >= N_REQUESTS / 2;
    Fcavtal__V1__RenderRequest req = FCAVTAL__V1__RENDER_REQUEST__INIT;
    char id[32];
    snprintf(id, sizeof id, "crash-%d", i);
    req.request_id = id;
    req.actor = "tester";
    req.body_case = FCAVTAL__V1__RENDER_REQUEST__BODY_RENDER_AGREEMENT;
    req.render_agreement = &q;
    *size = fcavtal__v1__render_request__get_packed_size(&req);
    uint8_t *buf = malloc(*size);
    fcavtal__v1__render_request__pack(&req, buf);
    return buf;
}

static void send_all(void)
{
    for (int i = 0; i < N_REQUESTS; i++) {
        size_t size;
        uint8_t *buf = pack(i, &size);
        cr_assert_eq(fc_client_send(S.svc.client, buf, size), 0);
        free(buf);
    }
}

/* Every stored rendering is whole: its bytes are there and hash to it. */
static size_t check_whole(void)
{
    size_t total = 0;
    for (int a = 0; a < N_AGREEMENTS; a++) {
        rs_rep_t *list = rs_list(&S, AGREEMENTS[a], 0, 0);
        cr_assert_eq(tc_code((ProtobufCMessage *)list), 0, "%s", rs_describe(list));
        for (size_t i = 0; i < list->renderings->n_items; i++) {
            const Fcavtal__V1__RenderingInfo *r = list->renderings->items[i];
            size_t size;
            uint8_t *bytes = rs_fetch(&S, r->id, 0, &size);
            cr_assert_not_null(bytes, "rendering %llu has its bytes", (unsigned long long)r->id);
            cr_assert_eq(size, r->size, "rendering %llu: whole", (unsigned long long)r->id);
            char hex[65];
            rnd_sha256_hex(bytes, size, hex);
            cr_assert_str_eq(hex, r->sha256, "rendering %llu", (unsigned long long)r->id);
            free(bytes);
            total++;
        }
        tc_free((ProtobufCMessage *)list);
    }
    return total;
}

Test(crash, kill_9_while_rendering_leaves_no_half_stored_rendering, .fini = teardown)
{
    /* One request per commit, so the kill lands between and inside them. */
    const char *const args[] = { "--auto-render", "off", "--batch-max", "1", NULL };
    cr_assert_eq(rs_start(&S, true, args), 0);
    const char *const keys[N_AGREEMENTS] = { "N167-0412/23", "19RS0153", "FK 2023-01187",
                                             "Lokalt samverkansavtal för Familjecentralen "
                                             "Majorna" };
    for (int i = 0; i < N_AGREEMENTS; i++)
        cr_assert_neq(AGREEMENTS[i] = rs_agreement(&S, keys[i]), 0, "%s", keys[i]);
    send_all();
    int answered = 0;
    for (; answered < 2; answered++) {
        uint8_t *reply;
        size_t size;
        cr_assert_eq(fc_client_recv(S.svc.client, &reply, &size), 0, "renderings are made");
        free(reply);
    }
    cr_assert_eq(tc_restart(&S.svc, SIGKILL, S.argv), 0, "render restarts after kill -9");
    cr_assert(rs_wait_synced(&S, 30000));
    size_t survived = check_whole();
    cr_assert_geq(survived, (size_t)answered, "what was answered is stored");
    cr_log_info("%zu of %d renderings were stored before the kill", survived, N_DISTINCT);
    cr_assert_lt(survived, (size_t)N_DISTINCT, "the kill came while rendering went on");
    /* Sent again with their ids, all are answered and all are whole. */
    send_all();
    for (int i = 0; i < N_REQUESTS; i++) {
        uint8_t *raw;
        size_t size;
        cr_assert_eq(fc_client_recv(S.svc.client, &raw, &size), 0);
        rs_rep_t *rep = fcavtal__v1__render_reply__unpack(NULL, size, raw);
        free(raw);
        cr_assert_not_null(rep);
        cr_assert_eq(rep->status->code, 0, "%s: %s", rep->request_id, rs_describe(rep));
        tc_free((ProtobufCMessage *)rep);
    }
    cr_assert_eq(check_whole(), (size_t)N_DISTINCT);
}
