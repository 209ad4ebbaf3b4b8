/* Mutations are idempotent by request id: a retry gets the first reply again
 * and changes nothing; a reused id with other content is refused; a failed
 * request leaves its id free. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "registry_client.h"

static rc_t R;
static rc_world_t W;

static void setup(void)
{
    memset(&R, 0, sizeof R);
    static const char *const args[] = { "--today", "2026-11-23", NULL };
    cr_assert_eq(rc_start(&R, args), 0, "the registry did not start");
    cr_assert_eq(rc_world(&R, &W), 0, "could not build the test world");
}

static void teardown(void)
{
    rc_cleanup(&R);
}

typedef struct {
    uint8_t *data;
    size_t size;
} bytes_t;

static bytes_t request_bytes(rc_req_t *req)
{
    if (!req->actor || !*req->actor)
        req->actor = "tester";
    bytes_t b;
    b.data = rc_pack(req, &b.size);
    cr_assert_not_null(b.data);
    return b;
}

/* Sends exactly these bytes and returns the reply's bytes. */
static bytes_t exchange(const bytes_t *req)
{
    cr_assert_eq(fc_client_send(R.client, req->data, req->size), 0);
    bytes_t rep = { 0 };
    cr_assert_eq(fc_client_recv(R.client, &rep.data, &rep.size), 0, "no reply");
    return rep;
}

static rc_rep_t *decode(const bytes_t *b)
{
    rc_rep_t *rep = fcavtal__v1__registry_reply__unpack(NULL, b->size, b->data);
    cr_assert_not_null(rep, "the reply does not decode");
    return rep;
}

static bool same_bytes(const bytes_t *a, const bytes_t *b)
{
    return a->size == b->size && memcmp(a->data, b->data, a->size) == 0;
}

typedef struct {
    uint64_t seq;
    size_t orgs, ops, centres, agreements;
} counts_t;

static counts_t counts(void)
{
    rc_state_t *snap = rc_state(&R);
    cr_assert_not_null(snap);
    counts_t c = { snap->seq, snap->n_organisations, snap->n_operations, snap->n_centres,
                   snap->n_agreements };
    rc_state_free(&snap);
    return c;
}

static void assert_counts_eq(counts_t a, counts_t b, const char *what)
{
    cr_assert_eq(a.seq, b.seq, "%s: seq %llu != %llu", what, (unsigned long long)a.seq,
                 (unsigned long long)b.seq);
    cr_assert_eq(a.orgs, b.orgs, "%s: organisations", what);
    cr_assert_eq(a.ops, b.ops, "%s: operations", what);
    cr_assert_eq(a.centres, b.centres, "%s: centres", what);
    cr_assert_eq(a.agreements, b.agreements, "%s: agreements", what);
}

/* A put_organisation request with a fixed id. */
typedef struct {
    Fcavtal__V1__OrgNumber num;
    Fcavtal__V1__Organisation org;
    Fcavtal__V1__PutOrganisation put;
    rc_req_t req;
} put_org_t;

static rc_req_t *put_org(put_org_t *p, const char *request_id, const char *orgnr,
                         const char *name)
{
    fcavtal__v1__org_number__init(&p->num);
    p->num.value = (char *)orgnr;
    fcavtal__v1__organisation__init(&p->org);
    p->org.org_number = &p->num;
    p->org.name = (char *)name;
    p->org.kind = RC_ORG(MUNICIPALITY);
    p->org.region_id = W.region;
    fcavtal__v1__put_organisation__init(&p->put);
    p->put.organisation = &p->org;
    fcavtal__v1__registry_request__init(&p->req);
    p->req.request_id = (char *)request_id;
    p->req.body_case = RC_BODY(PUT_ORGANISATION);
    p->req.put_organisation = &p->put;
    return &p->req;
}

Test(service_idempotency, retry_returns_the_identical_reply, .init = setup, .fini = teardown)
{
    put_org_t p;
    bytes_t req = request_bytes(put_org(&p, "idem-1", "212000-1967", "Örebro kommun"));
    counts_t c0 = counts();
    bytes_t first = exchange(&req);
    rc_rep_t *rep = decode(&first);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    uint64_t id = rep->organisation->id;
    rc_free(rep);
    counts_t c1 = counts();
    cr_assert_eq(c1.orgs, c0.orgs + 1);
    cr_assert_eq(c1.seq, c0.seq + 1);

    bytes_t second = exchange(&req);
    cr_assert(same_bytes(&first, &second), "a retry gets the first reply, byte for byte");
    assert_counts_eq(counts(), c1, "after a retry");

    /* Still the same after other changes moved the sequence on. */
    cr_assert_neq(rc_org(&R, "212000-1991", "Karlskoga kommun", RC_ORG(MUNICIPALITY), W.region), 0);
    counts_t c2 = counts();
    bytes_t third = exchange(&req);
    cr_assert(same_bytes(&first, &third), "a late retry gets the first reply");
    assert_counts_eq(counts(), c2, "after a late retry");
    rep = rc_get(&R, RC_BODY(GET_ORGANISATION), id);
    cr_assert_str_eq(rep->organisation->name, "Örebro kommun");
    rc_free(rep);

    free(req.data);
    free(first.data);
    free(second.data);
    free(third.data);
}

Test(service_idempotency, retries_in_one_batch_apply_once, .init = setup, .fini = teardown)
{
    put_org_t p;
    bytes_t req = request_bytes(put_org(&p, "idem-batch", "212000-1967", "Örebro kommun"));
    counts_t c0 = counts();
    /* Pipelined: the service takes them together into one commit. */
    for (int i = 0; i < 5; i++)
        cr_assert_eq(fc_client_send(R.client, req.data, req.size), 0);
    bytes_t replies[5];
    for (int i = 0; i < 5; i++) {
        replies[i].data = NULL;
        cr_assert_eq(fc_client_recv(R.client, &replies[i].data, &replies[i].size), 0);
    }
    rc_rep_t *rep = decode(&replies[0]);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);
    for (int i = 1; i < 5; i++)
        cr_assert(same_bytes(&replies[0], &replies[i]), "reply %d differs", i);
    counts_t c1 = counts();
    cr_assert_eq(c1.orgs, c0.orgs + 1, "created once");
    cr_assert_eq(c1.seq, c0.seq + 1, "one event");
    for (int i = 0; i < 5; i++)
        free(replies[i].data);
    free(req.data);
}

Test(service_idempotency, retried_signature_is_recorded_once, .init = setup, .fini = teardown)
{
    rc_rep_t *rep = rc_send_for_signature(&R, W.framework);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);

    Fcavtal__V1__Date d = rc_date("2024-02-01");
    Fcavtal__V1__Signature sig = FCAVTAL__V1__SIGNATURE__INIT;
    sig.organisation_id = W.region;
    sig.date = &d;
    sig.place = "Vänersborg";
    sig.name = "Regiondirektör";
    sig.title = "Regiondirektör";
    Fcavtal__V1__SignAgreement s = FCAVTAL__V1__SIGN_AGREEMENT__INIT;
    s.agreement_id = W.framework;
    s.signature = &sig;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.request_id = "sign-region";
    req.body_case = RC_BODY(SIGN);
    req.sign = &s;
    bytes_t b = request_bytes(&req);
    bytes_t first = exchange(&b);
    rc_rep_t *r1 = decode(&first);
    cr_assert_eq(rc_code(r1), 0, "%s", rc_describe(r1));
    cr_assert_eq(r1->agreement->n_signatures, 1);
    rc_free(r1);
    counts_t c1 = counts();
    /* Without idempotency this retry would be ALREADY_EXISTS ("already
     * signed"): the client must see its first answer instead. */
    bytes_t second = exchange(&b);
    cr_assert(same_bytes(&first, &second));
    assert_counts_eq(counts(), c1, "after a retried signature");
    rep = rc_get(&R, RC_BODY(GET_AGREEMENT), W.framework);
    cr_assert_eq(rep->agreement->n_signatures, 1);
    cr_assert_eq(rep->agreement->status, RC_STATUS(OUT_FOR_SIGNATURE));
    rc_free(rep);
    free(b.data);
    free(first.data);
    free(second.data);
}

Test(service_idempotency, same_id_other_content_is_already_exists, .init = setup,
     .fini = teardown)
{
    put_org_t p;
    rc_rep_t *rep = rc_call_raw(&R, put_org(&p, "idem-2", "212000-1967", "Örebro kommun"));
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    uint64_t id = rep->organisation->id;
    rc_free(rep);
    counts_t c1 = counts();

    put_org_t q;
    rep = rc_call_raw(&R, put_org(&q, "idem-2", "212000-1991", "Karlskoga kommun"));
    cr_assert_eq(rc_code(rep), RC_CODE(ALREADY_EXISTS), "%s", rc_describe(rep));
    cr_assert_str_eq(rep->request_id, "idem-2");
    cr_assert_eq(rep->body_case, FCAVTAL__V1__REGISTRY_REPLY__BODY__NOT_SET);
    rc_free(rep);
    assert_counts_eq(counts(), c1, "after a reused id");

    /* The same id for another kind of request is just as refused. */
    Fcavtal__V1__Date joined = rc_date("2024-01-01");
    Fcavtal__V1__Participation part = FCAVTAL__V1__PARTICIPATION__INIT;
    part.operation_id = W.bhv;
    part.joined = &joined;
    Fcavtal__V1__Participation *pp = &part;
    Fcavtal__V1__Centre c = FCAVTAL__V1__CENTRE__INIT;
    c.name = "Annan";
    c.municipality_id = W.muni;
    c.n_participations = 1;
    c.participations = &pp;
    Fcavtal__V1__PutCentre pc = FCAVTAL__V1__PUT_CENTRE__INIT;
    pc.centre = &c;
    rc_req_t creq = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    creq.request_id = "idem-2";
    creq.body_case = RC_BODY(PUT_CENTRE);
    creq.put_centre = &pc;
    rep = rc_call_raw(&R, &creq);
    cr_assert_eq(rc_code(rep), RC_CODE(ALREADY_EXISTS), "%s", rc_describe(rep));
    rc_free(rep);
    assert_counts_eq(counts(), c1, "after a reused id on another request");

    rep = rc_get(&R, RC_BODY(GET_ORGANISATION), id);
    cr_assert_str_eq(rep->organisation->name, "Örebro kommun");
    rc_free(rep);
}

Test(service_idempotency, failed_request_id_can_be_reused, .init = setup, .fini = teardown)
{
    counts_t c0 = counts();
    put_org_t p;
    rc_rep_t *rep = rc_call_raw(&R, put_org(&p, "fix-1", "212000-1968", "Örebro kommun"));
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    rc_free(rep);
    assert_counts_eq(counts(), c0, "after the failure");

    /* Retrying the failure fails again the same way (it is not remembered). */
    rep = rc_call_raw(&R, put_org(&p, "fix-1", "212000-1968", "Örebro kommun"));
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    rc_free(rep);

    put_org_t q;
    bytes_t fixed = request_bytes(put_org(&q, "fix-1", "212000-1967", "Örebro kommun"));
    bytes_t first = exchange(&fixed);
    rep = decode(&first);
    cr_assert_eq(rc_code(rep), 0, "the corrected request is served: %s", rc_describe(rep));
    cr_assert_str_eq(rep->organisation->org_number->value, "212000-1967");
    rc_free(rep);
    counts_t c1 = counts();
    cr_assert_eq(c1.orgs, c0.orgs + 1);

    bytes_t again = exchange(&fixed);
    cr_assert(same_bytes(&first, &again), "and from then on it is idempotent");
    assert_counts_eq(counts(), c1, "after retrying the corrected request");
    free(fixed.data);
    free(first.data);
    free(again.data);
}

Test(service_idempotency, retry_after_restart_gets_the_first_reply, .init = setup,
     .fini = teardown)
{
    put_org_t p;
    bytes_t req = request_bytes(put_org(&p, "idem-restart", "212000-1967", "Örebro kommun"));
    bytes_t first = exchange(&req);
    rc_rep_t *rep = decode(&first);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);
    counts_t c1 = counts();

    /* Even a kill -9 keeps the record of the first reply. */
    rc_stop(&R, SIGKILL);
    static const char *const args[] = { "--today", "2026-11-23", NULL };
    cr_assert_eq(rc_start(&R, args), 0, "restart");
    bytes_t second = exchange(&req);
    cr_assert(same_bytes(&first, &second), "the record of the first reply survives a restart");
    assert_counts_eq(counts(), c1, "after a retry across a restart");
    free(req.data);
    free(first.data);
    free(second.data);
}

Test(service_idempotency, reads_do_not_claim_request_ids, .init = setup, .fini = teardown)
{
    Fcavtal__V1__GetById get = FCAVTAL__V1__GET_BY_ID__INIT;
    get.id = W.region;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.request_id = "shared-id";
    req.body_case = RC_BODY(GET_ORGANISATION);
    req.get_organisation = &get;
    rc_rep_t *rep = rc_call_raw(&R, &req);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_str_eq(rep->request_id, "shared-id", "reads echo the id");
    rc_free(rep);
    put_org_t p;
    rep = rc_call_raw(&R, put_org(&p, "shared-id", "212000-1967", "Örebro kommun"));
    cr_assert_eq(rc_code(rep), 0, "a read never records its id: %s", rc_describe(rep));
    rc_free(rep);
}
