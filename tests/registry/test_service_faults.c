/* "OK" only ever follows a successful commit, and no client can stall the
 * service or exhaust its memory: failure paths forced with the test build's
 * fault injection (services/core/fault.h) and hostile requests. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <czmq.h>

#include "registry_client.h"

static rc_t R;

static void teardown(void)
{
    unsetenv("FCAVTAL_FAULT");
    rc_cleanup(&R);
}

static void start(const char *fault)
{
#ifdef NDEBUG
    if (fault)
        cr_skip_test("fault injection is compiled into debug (test) builds only");
#endif
    if (fault)
        setenv("FCAVTAL_FAULT", fault, 1);
    cr_assert_eq(rc_start(&R, NULL), 0, "registry did not start");
    unsetenv("FCAVTAL_FAULT");
}

/* A put_organisation packed once, so copies are byte for byte the same. */
static uint8_t *org_bytes(const char *orgnr, const char *name, const char *id, size_t *size)
{
    Fcavtal__V1__Organisation org = FCAVTAL__V1__ORGANISATION__INIT;
    Fcavtal__V1__OrgNumber nr = FCAVTAL__V1__ORG_NUMBER__INIT;
    Fcavtal__V1__PutOrganisation put = FCAVTAL__V1__PUT_ORGANISATION__INIT;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    nr.value = (char *)orgnr;
    org.org_number = &nr;
    org.name = (char *)name;
    org.kind = RC_ORG(MUNICIPALITY);
    put.organisation = &org;
    req.request_id = (char *)id;
    req.actor = "tester";
    req.body_case = RC_BODY(PUT_ORGANISATION);
    req.put_organisation = &put;
    return rc_pack(&req, size);
}

static rc_rep_t *receive(void)
{
    uint8_t *data = NULL;
    size_t n = 0;
    if (fc_client_recv(R.client, &data, &n))
        return NULL;
    rc_rep_t *rep = fcavtal__v1__registry_reply__unpack(NULL, n, data);
    free(data);
    return rep;
}

static size_t organisations(void)
{
    rc_state_t *s = rc_state(&R);
    cr_assert_not_null(s);
    size_t n = s->n_organisations;
    rc_state_free(&s);
    return n;
}

/* A client retrying on a timeout sends the same bytes again while the
 * first copy is still in the batch: if that batch's commit fails, the
 * retry must not be answered OK from the transaction that was lost. */
Test(faults, a_retry_in_a_batch_whose_commit_fails_is_not_told_ok, .fini = teardown)
{
    start("commit:2");
    char nr[12];
    cr_assert_neq(rc_org(&R, rc_orgnr(nr, 1), "Första kommunen", RC_ORG(MUNICIPALITY), 0), 0,
                  "the first batch commits");
    size_t size;
    uint8_t *bytes = org_bytes(rc_orgnr(nr, 2), "Andra kommunen", "retried-id", &size);
    /* Both copies wait while the service is stopped: one batch. */
    kill(R.h.pid, SIGSTOP);
    cr_assert_eq(fc_client_send(R.client, bytes, size), 0);
    cr_assert_eq(fc_client_send(R.client, bytes, size), 0);
    zclock_sleep(100);
    kill(R.h.pid, SIGCONT);
    for (int i = 0; i < 2; i++) {
        rc_rep_t *rep = receive();
        cr_assert_not_null(rep);
        cr_assert_eq(rc_code(rep), RC_CODE(RESOURCE_EXHAUSTED), "copy %d: %s", i, rc_describe(rep));
        cr_assert(strstr(rc_message(rep), "could not be saved"), "%s", rc_message(rep));
        rc_free(rep);
    }
    /* Not saved, and not remembered: after a restart it is absent, and the
     * retry now does it once. */
    cr_assert_eq(rc_restart(&R, NULL), 0);
    cr_assert_eq(organisations(), 1);
    rc_rep_t *rep = rc_send_bytes(&R, bytes, size);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);
    cr_assert_eq(organisations(), 2);
    free(bytes);
}

/* A committed write's replay stays true even when a later batch fails. */
Test(faults, a_replay_of_an_earlier_commit_stays_ok_when_its_batch_fails, .fini = teardown)
{
    start("commit:2");
    char nr[12];
    size_t size;
    uint8_t *bytes = org_bytes(rc_orgnr(nr, 3), "Tredje kommunen", "done-before", &size);
    rc_rep_t *rep = rc_send_bytes(&R, bytes, size);
    cr_assert_eq(rc_code(rep), 0);
    rc_free(rep);
    size_t size2;
    uint8_t *other = org_bytes(rc_orgnr(nr, 4), "Fjärde kommunen", "new-one", &size2);
    kill(R.h.pid, SIGSTOP);
    cr_assert_eq(fc_client_send(R.client, bytes, size), 0);
    cr_assert_eq(fc_client_send(R.client, other, size2), 0);
    zclock_sleep(100);
    kill(R.h.pid, SIGCONT);
    rep = receive();
    cr_assert_eq(rc_code(rep), 0, "the replay of a committed write: %s", rc_describe(rep));
    rc_free(rep);
    rep = receive();
    cr_assert_eq(rc_code(rep), RC_CODE(RESOURCE_EXHAUSTED), "%s", rc_describe(rep));
    rc_free(rep);
    free(bytes);
    free(other);
}

/* A write whose reply cannot be packed is undone, and the client is told
 * by the fallback reply built without the heap. */
Test(faults, a_write_whose_reply_cannot_be_packed_is_undone_and_answered, .fini = teardown)
{
    start("reply-pack:1");
    char nr[12];
    size_t size;
    uint8_t *bytes = org_bytes(rc_orgnr(nr, 5), "Femte kommunen", "no-reply-memory", &size);
    rc_rep_t *rep = rc_send_bytes(&R, bytes, size);
    cr_assert_not_null(rep, "an answer, not silence");
    cr_assert_eq(rc_code(rep), RC_CODE(RESOURCE_EXHAUSTED));
    cr_assert_str_eq(rep->request_id, "no-reply-memory", "the fallback echoes the id");
    cr_assert(strstr(rc_message(rep), "send it again with the same request id"));
    rc_free(rep);
    cr_assert_eq(organisations(), 0, "nothing was kept");
    rep = rc_send_bytes(&R, bytes, size);
    cr_assert_eq(rc_code(rep), 0, "the retry does it: %s", rc_describe(rep));
    rc_free(rep);
    cr_assert_eq(organisations(), 1);
    free(bytes);
}

Test(faults, a_request_without_memory_for_its_reply_still_gets_one, .fini = teardown)
{
    start("reply-alloc:1");
    char nr[12];
    rc_rep_t *rep = rc_put_org(&R, 0, rc_orgnr(nr, 6), "Sjätte kommunen", RC_ORG(MUNICIPALITY), 0);
    cr_assert_not_null(rep);
    cr_assert_eq(rc_code(rep), RC_CODE(RESOURCE_EXHAUSTED));
    rc_free(rep);
    cr_assert_eq(organisations(), 0);
}

/* ------------------------------------------------------------ hostile clients */

Test(limits, five_thousand_pipelined_requests_all_get_replies, .fini = teardown)
{
    start(NULL);
    Fcavtal__V1__TodayRequest t = FCAVTAL__V1__TODAY_REQUEST__INIT;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(TODAY);
    req.today = &t;
    size_t size;
    uint8_t *bytes = rc_pack(&req, &size);
    for (int i = 0; i < 5000; i++)
        cr_assert_eq(fc_client_send(R.client, bytes, size), 0);
    for (int i = 0; i < 5000; i++) {
        rc_rep_t *rep = receive();
        cr_assert_not_null(rep, "reply %d of 5000 missing", i);
        cr_assert_eq(rc_code(rep), 0);
        rc_free(rep);
    }
    free(bytes);
}

static rc_rep_t *wide_centre(size_t n, uint64_t op, uint64_t municipality)
{
    rc_part_t *parts = calloc(n, sizeof *parts);
    for (size_t i = 0; i < n; i++)
        parts[i] = (rc_part_t){ .operation_id = op, .joined = "2024-01-01", .left = "2024-01-01" };
    rc_centre_t spec = { .name = "Bred", .municipality_id = municipality, .parts = parts, .n_parts = n };
    rc_rep_t *rep = rc_put_centre(&R, &spec);
    free(parts);
    return rep;
}

/* 64,000 participations of one operation: refused at once with the limit,
 * and the service goes on serving. */
Test(limits, a_centre_with_too_many_participations_is_refused_quickly, .fini = teardown)
{
    start(NULL);
    char nr[12];
    uint64_t m = rc_org(&R, rc_orgnr(nr, 7), "Kommunen", RC_ORG(MUNICIPALITY), 0);
    uint64_t op = rc_op(&R, m, RC_OPK(OFS), "Öppna förskolan");
    int64_t t0 = zclock_mono();
    rc_rep_t *rep = wide_centre(64000, op, m);
    int64_t ms = zclock_mono() - t0;
    /* 64,000 participations are more fields than any request may carry:
     * refused from the wire bytes, before anything is decoded. */
    cr_assert_eq(rc_code(rep), RC_CODE(RESOURCE_EXHAUSTED), "%s", rc_describe(rep));
    cr_assert(strstr(rc_message(rep), "put_centre.centre"), "%s", rc_message(rep));
    cr_assert_lt(ms, 3000, "answered in %lld ms", (long long)ms);
    rc_free(rep);
    /* 5,000 decode, and meet the registry's own limit. */
    rep = wide_centre(5000, op, m);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    cr_assert(rc_has_violation(rep, "centre.participations"), "%s", rc_describe(rep));
    cr_assert(strstr(rc_message(rep), "at most 200"), "%s", rc_message(rep));
    rc_free(rep);
    /* At the limit the overlap check runs, and finds the overlap. */
    rep = wide_centre(200, op, m);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    cr_assert(strstr(rc_message(rep), "already takes part"), "%s", rc_message(rep));
    rc_free(rep);
}

static long vm_hwm_kb(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = strtol(line + 6, NULL, 10);
    if (f)
        fclose(f);
    return kb;
}

/* Two million empty agreements fit in 4 MiB; four such requests at once
 * must not take the service's memory. */
Test(limits, a_batch_of_millions_of_empty_records_is_refused_in_bounded_memory, .fini = teardown)
{
    start(NULL);
    size_t count = 2000000, n = 0;
    uint8_t *buf = malloc(count * 2 + 16);
    buf[n++] = 0x8a;   /* import_batch = 33, length-delimited */
    buf[n++] = 0x02;
    for (size_t v = count * 2;; v >>= 7) {
        buf[n++] = (uint8_t)((v & 0x7f) | (v >> 7 ? 0x80 : 0));
        if (!(v >> 7))
            break;
    }
    for (size_t i = 0; i < count; i++) {
        buf[n++] = 0x22;   /* agreements = 4 */
        buf[n++] = 0;
    }
    long before = vm_hwm_kb(R.h.pid);
    for (int i = 0; i < 4; i++)
        cr_assert_eq(fc_client_send(R.client, buf, n), 0);
    for (int i = 0; i < 4; i++) {
        rc_rep_t *rep = receive();
        cr_assert_eq(rc_code(rep), RC_CODE(RESOURCE_EXHAUSTED), "%s", rc_describe(rep));
        cr_assert(strstr(rc_message(rep), "agreements has more than"), "%s", rc_message(rep));
        rc_free(rep);
    }
    long after = vm_hwm_kb(R.h.pid);
    cr_assert_lt(after - before, 64 * 1024, "peak memory grew by %ld KiB", after - before);
    free(buf);
}

/* ------------------------------------------------------------ replies decode */

Test(replies, a_request_id_that_is_not_utf8_is_refused_and_not_echoed, .fini = teardown)
{
    start(NULL);
    size_t size;
    char nr[12];
    uint8_t *bytes = org_bytes(rc_orgnr(nr, 8), "Kommun", "abc", &size);
    cr_assert_eq(bytes[0], 0x0a, "request_id comes first");
    bytes[3] = 0xff;   /* "a\xffc" */
    rc_rep_t *rep = rc_send_bytes(&R, bytes, size);
    cr_assert_not_null(rep);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT));
    cr_assert_str_eq(rep->request_id, "", "an invalid id is not echoed");
    cr_assert(rc_utf8_valid(rc_message(rep)));
    cr_assert(strstr(rc_message(rep), "request_id"), "%s", rc_message(rep));
    rc_free(rep);
    bytes[3] = 0;      /* "a\0c": would be cut to "a" */
    rep = rc_send_bytes(&R, bytes, size);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT));
    cr_assert(strstr(rc_message(rep), "NUL"), "%s", rc_message(rep));
    rc_free(rep);
    cr_assert_eq(organisations(), 0);
    free(bytes);
}

Test(replies, audit_after_the_last_possible_seq_is_empty, .fini = teardown)
{
    start(NULL);
    char nr[12];
    cr_assert_neq(rc_org(&R, rc_orgnr(nr, 9), "Kommun", RC_ORG(MUNICIPALITY), 0), 0);
    rc_rep_t *rep = rc_audit(&R, "", 0, UINT64_MAX, 0);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->audit->n_events, 0, "no wrap-around to seq 0");
    rc_free(rep);
}

Test(replies, a_host_name_endpoint_is_refused_with_the_address_to_use, .fini = teardown)
{
    const char *args[] = { "--bind", "tcp://localhost:7199", NULL };
    R.h.dir[0] = '\0';
    /* The harness passes its own --bind first; a later flag wins. */
    cr_assert_neq(rc_start(&R, args), 0, "the service must not start");
}

/* More parties than the party index holds would leave the agreement out of
 * filtered lists: refused instead, naming the limit. */
Test(limits, an_agreement_with_more_parties_than_the_limit_is_refused, .fini = teardown)
{
    start(NULL);
    char nr[12];
    uint64_t org = rc_org(&R, rc_orgnr(nr, 11), "Kommunen", RC_ORG(MUNICIPALITY), 0);
    Fcavtal__V1__Party parties[65], *ptrs[65];
    for (size_t i = 0; i < 65; i++) {
        fcavtal__v1__party__init(&parties[i]);
        parties[i].organisation_id = org;
        ptrs[i] = &parties[i];
    }
    rc_agreement_store_t store;
    rc_agreement_t spec = { .kind = RC_AKIND(FRAMEWORK), .title = "Ramavtal",
                            .rule_set = RC_RULES(VG), .parties = (rc_party_t[]){ { org, 0 } },
                            .n_parties = 1, .start = "2024-03-01", .end = "2025-12-31" };
    Fcavtal__V1__Agreement *a = rc_agreement_build(&store, &spec);
    a->parties = ptrs;
    a->n_parties = 65;
    Fcavtal__V1__PutAgreement put = FCAVTAL__V1__PUT_AGREEMENT__INIT;
    put.agreement = a;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(PUT_AGREEMENT);
    req.put_agreement = &put;
    rc_rep_t *rep = rc_call(&R, &req);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    cr_assert(rc_has_violation(rep, "agreement.parties"), "%s", rc_describe(rep));
    cr_assert(strstr(rc_message(rep), "at most 64"), "%s", rc_message(rep));
    rc_free(rep);
}
