/* Bad requests get one clear error reply, change nothing, and leave the
 * service answering. */
#include <criterion/criterion.h>
#include <czmq.h>
#include <lmdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry_client.h"

static rc_t R;
static rc_world_t W;

/* The state before a failure, to compare with the state after it. */
typedef struct {
    uint8_t *bytes;
    size_t size;
    uint64_t seq;
} state_t;

static void start_with(const char *const *args)
{
    memset(&R, 0, sizeof R);
    cr_assert_eq(rc_start(&R, args), 0, "the registry did not start");
    cr_assert_eq(rc_world(&R, &W), 0, "could not build the test world");
}

static void setup(void)
{
    static const char *const args[] = { "--today", "2026-11-23", NULL };
    start_with(args);
}

static void setup_small_limit(void)
{
    static const char *const args[] = { "--today", "2026-11-23", "--max-request", "4096", NULL };
    start_with(args);
}

static state_t S0;

static void teardown(void)
{
    free(S0.bytes);
    S0.bytes = NULL;
    rc_cleanup(&R);
}

static state_t state_now(void)
{
    state_t s = { 0 };
    rc_state_t *snap = rc_state(&R);
    cr_assert_not_null(snap, "snapshot");
    s.seq = snap->seq;
    rc_state_free(&snap);
    s.bytes = rc_snapshot_bytes(&R, &s.size);
    cr_assert_not_null(s.bytes);
    return s;
}

/* Same sequence number, same records: nothing changed. `before` stays
 * usable for another comparison. */
static void assert_unchanged(const state_t *before, const char *what)
{
    state_t after = state_now();
    bool same = after.size == before->size && memcmp(after.bytes, before->bytes, after.size) == 0;
    free(after.bytes);
    cr_assert_eq(after.seq, before->seq, "%s: seq moved from %llu to %llu", what,
                 (unsigned long long)before->seq, (unsigned long long)after.seq);
    cr_assert(same, "%s: the snapshot changed", what);
}

static void assert_still_answers(void)
{
    rc_rep_t *rep = rc_get(&R, RC_BODY(GET_ORGANISATION), W.region);
    cr_assert_eq(rc_code(rep), 0, "the service stopped answering: %s", rc_describe(rep));
    cr_assert_str_eq(rep->organisation->name, "Västra Götalandsregionen");
    rc_free(rep);
}

/* ------------------------------------------------------------ transport */

Test(service_errors, malformed_bytes_get_invalid_argument, .init = setup, .fini = teardown)
{
    S0 = state_now();
    /* Field 1, length 100, but only 3 bytes follow. */
    static const uint8_t truncated[] = { 0x0a, 0x64, 'a', 'b', 'c' };
    rc_rep_t *rep = rc_send_bytes(&R, truncated, sizeof truncated);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    cr_assert_eq(rep->body_case, FCAVTAL__V1__REGISTRY_REPLY__BODY__NOT_SET);
    rc_free(rep);
    /* A wire type that does not exist (7). */
    static const uint8_t bad_wire[] = { 0x0f, 0x01 };
    rep = rc_send_bytes(&R, bad_wire, sizeof bad_wire);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    rc_free(rep);
    /* A put_organisation whose inner message is cut short. */
    static const uint8_t bad_inner[] = { 0x0a, 0x01, 'x', 0x52, 0x04, 0x0a, 0x09, 0x01, 0x02 };
    rep = rc_send_bytes(&R, bad_inner, sizeof bad_inner);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    rc_free(rep);
    assert_still_answers();
    assert_unchanged(&S0, "malformed request");
}

Test(service_errors, unknown_body_is_unimplemented, .init = setup, .fini = teardown)
{
    S0 = state_now();
    /* Field 99 as a length-delimited (empty) field. */
    static const uint8_t unknown[] = { 0x9a, 0x06, 0x00 };
    rc_rep_t *rep = rc_send_bytes(&R, unknown, sizeof unknown);
    cr_assert_eq(rc_code(rep), RC_CODE(UNIMPLEMENTED), "%s", rc_describe(rep));
    rc_free(rep);
    /* The same with a request id: the reply still echoes it. */
    static const uint8_t with_id[] = { 0x0a, 0x03, 'u', '-', '1', 0x9a, 0x06, 0x00 };
    rep = rc_send_bytes(&R, with_id, sizeof with_id);
    cr_assert_eq(rc_code(rep), RC_CODE(UNIMPLEMENTED), "%s", rc_describe(rep));
    cr_assert_str_eq(rep->request_id, "u-1");
    rc_free(rep);
    assert_still_answers();
    assert_unchanged(&S0, "unknown body");
}

Test(service_errors, empty_body_is_an_error, .init = setup, .fini = teardown)
{
    S0 = state_now();
    rc_rep_t *rep = rc_send_bytes(&R, "", 0);
    cr_assert_not_null(rep, "an empty payload still gets a reply");
    cr_assert_eq(rc_code(rep), RC_CODE(UNIMPLEMENTED), "no body: %s", rc_describe(rep));
    rc_free(rep);
    /* A request id and an actor but no body. */
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.request_id = "no-body";
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rc_code(rep), RC_CODE(UNIMPLEMENTED), "no body: %s", rc_describe(rep));
    cr_assert_str_eq(rep->request_id, "no-body");
    rc_free(rep);
    assert_still_answers();
    assert_unchanged(&S0, "empty body");
}

Test(service_errors, oversized_request_is_resource_exhausted, .init = setup_small_limit,
     .fini = teardown)
{
    S0 = state_now();
    char *name = malloc(10 * 1024 + 1);
    cr_assert_not_null(name);
    memset(name, 'x', 10 * 1024);
    name[10 * 1024] = '\0';
    rc_rep_t *rep = rc_put_org(&R, 0, "212000-1967", name, RC_ORG(MUNICIPALITY), W.region);
    free(name);
    cr_assert_eq(rc_code(rep), RC_CODE(RESOURCE_EXHAUSTED), "%s", rc_describe(rep));
    rc_free(rep);
    assert_still_answers();
    assert_unchanged(&S0, "oversized request");
    /* A request under the limit is served as usual. */
    uint64_t id = rc_org(&R, "212000-1967", "Örebro kommun", RC_ORG(MUNICIPALITY), 0);
    cr_assert_neq(id, 0);
}

/* ------------------------------------------------------------ validation */

Test(service_errors, bad_org_number_names_the_field, .init = setup, .fini = teardown)
{
    S0 = state_now();
    /* Örebro kommun is 212000-1967: a wrong check digit. */
    rc_rep_t *rep = rc_put_org(&R, 0, "212000-1968", "Örebro kommun", RC_ORG(MUNICIPALITY), 0);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    cr_assert(rc_has_violation(rep, "organisation.org_number"), "%s", rc_describe(rep));
    cr_assert_eq(rep->body_case, FCAVTAL__V1__REGISTRY_REPLY__BODY__NOT_SET,
                 "a failed put returns no record");
    rc_free(rep);
    assert_unchanged(&S0, "bad org number");

    /* The failure used no id: the next organisation gets the next one. */
    uint64_t id = rc_org(&R, "212000-1967", "Örebro kommun", RC_ORG(MUNICIPALITY), 0);
    cr_assert_eq(id, W.muni + 1);
}

Test(service_errors, end_before_start_names_the_field, .init = setup, .fini = teardown)
{
    S0 = state_now();
    rc_party_t parties[4];
    rc_agreement_t spec = rc_world_local(&W, parties);
    spec.start = "2025-01-01";
    spec.end = "2024-12-31";
    rc_rep_t *rep = rc_put_agreement(&R, &spec);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    cr_assert(rc_has_violation(rep, "agreement.term.end"), "%s", rc_describe(rep));
    rc_free(rep);
    assert_unchanged(&S0, "end before start");
}

Test(service_errors, unknown_reference_names_the_field, .init = setup, .fini = teardown)
{
    S0 = state_now();
    rc_part_t parts[] = { { W.bhv, true, "2024-01-01", NULL } };
    rc_centre_t spec = { .name = "Ingenstans", .municipality_id = 999, .parts = parts,
                         .n_parts = 1 };
    rc_rep_t *rep = rc_put_centre(&R, &spec);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    cr_assert(rc_has_violation(rep, "centre.municipality_id"), "%s", rc_describe(rep));
    rc_free(rep);
    assert_unchanged(&S0, "unknown municipality");

    /* An unknown operation in a participation, by its index. */
    spec.municipality_id = W.muni;
    rc_part_t bad[] = { { W.bhv, true, "2024-01-01", NULL }, { 4242, true, "2024-01-01", NULL } };
    spec.parts = bad;
    spec.n_parts = 2;
    rep = rc_put_centre(&R, &spec);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    cr_assert(rc_has_violation(rep, "centre.participations[1].operation_id"), "%s",
              rc_describe(rep));
    rc_free(rep);
    assert_unchanged(&S0, "unknown operation");
}

Test(service_errors, local_agreement_for_not_covered_centre, .init = setup, .fini = teardown)
{
    rc_part_t two[] = { { W.bhv, true, "2024-01-01", NULL }, { W.ofs, true, "2024-01-01", NULL } };
    rc_centre_t c = { .name = "Träffpunkten", .municipality_id = W.muni,
                      .framework_id = W.framework, .parts = two, .n_parts = 2 };
    uint64_t centre = rc_centre(&R, &c);
    cr_assert_neq(centre, 0);
    S0 = state_now();
    rc_party_t parties[2] = { { W.region, W.bhv }, { W.muni, W.ofs } };
    rc_agreement_t spec = {
        .kind = RC_AKIND(LOCAL), .title = "Samverkansavtal Träffpunkten", .centre_id = centre,
        .framework_id = W.framework, .parties = parties, .n_parties = 2,
        .start = "2024-06-01", .end = "2028-05-31", .notice_months = 6,
    };
    rc_rep_t *rep = rc_put_agreement(&R, &spec);
    cr_assert_eq(rc_code(rep), RC_CODE(FAILED_PRECONDITION), "%s", rc_describe(rep));
    cr_assert(rc_has_violation(rep, "agreement.centre_id"), "%s", rc_describe(rep));
    cr_assert(strstr(rc_message(rep), "not covered"), "%s", rc_describe(rep));
    rc_free(rep);
    assert_unchanged(&S0, "not covered centre");
}

Test(service_errors, short_local_term_is_accepted_with_a_warning, .init = setup, .fini = teardown)
{
    rc_party_t parties[4];
    rc_agreement_t spec = rc_world_local(&W, parties);
    spec.start = "2024-06-01";
    spec.end = "2026-05-31";
    rc_rep_t *rep = rc_put_agreement(&R, &spec);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert(rc_has_warning(rep, "VG §15"), "%s", rc_describe(rep));
    cr_assert(rc_has_warning(rep, "2 years"), "%s", rc_describe(rep));
    uint64_t id = rep->agreement->id;
    rc_free(rep);
    rep = rc_get(&R, RC_BODY(GET_AGREEMENT), id);
    cr_assert_eq(rc_code(rep), 0, "the warned agreement is stored: %s", rc_describe(rep));
    rc_free(rep);

    /* Three years is within the recommendation: no warning. */
    spec.end = "2027-05-31";
    rep = rc_put_agreement(&R, &spec);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->n_warnings, 0, "%s", rc_describe(rep));
    rc_free(rep);
}

Test(service_errors, mutation_without_request_id, .init = setup, .fini = teardown)
{
    S0 = state_now();
    Fcavtal__V1__OrgNumber num = FCAVTAL__V1__ORG_NUMBER__INIT;
    num.value = "212000-1967";
    Fcavtal__V1__Organisation org = FCAVTAL__V1__ORGANISATION__INIT;
    org.org_number = &num;
    org.name = "Örebro kommun";
    org.kind = RC_ORG(MUNICIPALITY);
    Fcavtal__V1__PutOrganisation put = FCAVTAL__V1__PUT_ORGANISATION__INIT;
    put.organisation = &org;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(PUT_ORGANISATION);
    req.put_organisation = &put;
    rc_rep_t *rep = rc_call_raw(&R, &req);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    cr_assert(strstr(rc_message(rep), "request_id"), "%s", rc_describe(rep));
    rc_free(rep);
    assert_unchanged(&S0, "no request id");

    /* Reads need none. */
    assert_still_answers();
}

Test(service_errors, request_id_longer_than_128_bytes, .init = setup, .fini = teardown)
{
    S0 = state_now();
    char id[130];
    memset(id, 'k', 129);
    id[129] = '\0';
    Fcavtal__V1__AgreementAction act = FCAVTAL__V1__AGREEMENT_ACTION__INIT;
    act.agreement_id = W.framework;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(SEND_FOR_SIGNATURE);
    req.send_for_signature = &act;
    req.request_id = id;
    rc_rep_t *rep = rc_call_raw(&R, &req);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    rc_free(rep);
    assert_unchanged(&S0, "129-byte request id");
    id[128] = '\0';
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rc_code(rep), 0, "128 bytes is allowed: %s", rc_describe(rep));
    rc_free(rep);
}

Test(service_errors, organisation_violations_are_all_reported, .init = setup, .fini = teardown)
{
    S0 = state_now();
    rc_rep_t *rep = rc_put_org(&R, 0, "12345", "", RC_ORG(UNSPECIFIED), 0);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    cr_assert(rc_has_violation(rep, "organisation.name"), "%s", rc_describe(rep));
    cr_assert(rc_has_violation(rep, "organisation.kind"), "%s", rc_describe(rep));
    cr_assert(rc_has_violation(rep, "organisation.org_number"), "%s", rc_describe(rep));
    rc_free(rep);
    /* A region that is not a region. */
    rep = rc_put_org(&R, 0, "212000-1967", "Örebro kommun", RC_ORG(MUNICIPALITY), W.muni);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    cr_assert(rc_has_violation(rep, "organisation.region_id"), "%s", rc_describe(rep));
    rc_free(rep);
    assert_unchanged(&S0, "invalid organisation");
}

Test(service_errors, reply_seq_follows_the_protocol, .init = setup, .fini = teardown)
{
    S0 = state_now();
    /* A failed mutation: the seq before it. */
    rc_rep_t *rep = rc_put_org(&R, 0, "212000-1968", "Fel", RC_ORG(MUNICIPALITY), 0);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT));
    cr_assert_eq(rep->seq, S0.seq);
    rc_free(rep);
    /* A read: the last committed seq. */
    rep = rc_get(&R, RC_BODY(GET_CENTRE), W.centre);
    cr_assert_eq(rep->seq, S0.seq);
    rc_free(rep);
    /* Refused before a handler: 0. */
    static const uint8_t unknown[] = { 0x9a, 0x06, 0x00 };
    rep = rc_send_bytes(&R, unknown, sizeof unknown);
    cr_assert_eq(rep->seq, 0);
    rc_free(rep);
    /* A success: the seq of its event. */
    rep = rc_put_org(&R, 0, "212000-1967", "Örebro kommun", RC_ORG(MUNICIPALITY), 0);
    cr_assert_eq(rc_code(rep), 0);
    cr_assert_eq(rep->seq, S0.seq + 1);
    rc_free(rep);
}

/* Texts in replies are proto3 strings: they must stay valid UTF-8 even when
 * built from long Swedish names (clients in other languages refuse to decode
 * anything else). */
Test(service_errors, error_texts_stay_valid_utf8, .init = setup, .fini = teardown)
{
    char name[1024] = "x";
    for (int i = 0; i < 300; i++)
        strcat(name, "ö");
    rc_part_t two[] = { { W.bhv, true, "2024-01-01", NULL }, { W.ofs, true, "2024-01-01", NULL } };
    rc_centre_t c = { .name = name, .municipality_id = W.muni, .framework_id = W.framework,
                      .parts = two, .n_parts = 2 };
    uint64_t centre = rc_centre(&R, &c);
    cr_assert_neq(centre, 0);
    rc_party_t parties[2] = { { W.region, W.bhv }, { W.muni, W.ofs } };
    rc_agreement_t spec = {
        .kind = RC_AKIND(LOCAL), .title = "Avtal", .centre_id = centre, .parties = parties,
        .n_parties = 2, .start = "2024-06-01", .end = "2028-05-31",
    };
    for (int shift = 0; shift < 2; shift++) {
        /* Shift the cut by one byte so that it can land inside a character. */
        name[0] = shift ? 'y' : 'x';
        if (shift) {
            memmove(name + 1, name, strlen(name) + 1);
            c.id = centre;
            rc_rep_t *upd = rc_put_centre(&R, &c);
            cr_assert_eq(rc_code(upd), 0, "%s", rc_describe(upd));
            rc_free(upd);
        }
        rc_rep_t *rep = rc_put_agreement(&R, &spec);
        cr_assert_eq(rc_code(rep), RC_CODE(FAILED_PRECONDITION), "%s", rc_describe(rep));
        cr_assert(rc_utf8_valid(rc_message(rep)), "status.message is not valid UTF-8 (%zu bytes)",
                  strlen(rc_message(rep)));
        for (size_t i = 0; i < rep->status->n_violations; i++)
            cr_assert(rc_utf8_valid(rep->status->violations[i]->description));
        rc_free(rep);
    }

    /* A read refused for an unknown audit entity named in Swedish. */
    char entity[700] = "";
    for (int i = 0; i < 300; i++)
        strcat(entity, "å");
    for (int shift = 0; shift < 2; shift++) {
        rc_rep_t *rep = rc_audit(&R, entity + shift, 0, 0, 0);
        cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
        cr_assert(rc_utf8_valid(rc_message(rep)), "status.message is not valid UTF-8");
        rc_free(rep);
        memmove(entity + 1, entity, strlen(entity) + 1);
        entity[0] = 'x';
    }
}

/* Without a delimiter (raw DEALER): served, and answered without one. */
Test(service_errors, frames_without_delimiter_and_extra_frames, .init = setup, .fini = teardown)
{
    zsock_t *raw = zsock_new_dealer(R.h.endpoint);
    cr_assert_not_null(raw);
    zsock_set_rcvtimeo(raw, 5000);
    Fcavtal__V1__GetById get = FCAVTAL__V1__GET_BY_ID__INIT;
    get.id = W.region;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.request_id = "raw-1";
    req.body_case = RC_BODY(GET_ORGANISATION);
    req.get_organisation = &get;
    size_t size;
    uint8_t *buf = rc_pack(&req, &size);
    zmsg_t *msg = zmsg_new();
    zmsg_addmem(msg, buf, size);
    cr_assert_eq(zmsg_send(&msg, raw), 0);
    zmsg_t *reply = zmsg_recv(raw);
    cr_assert_not_null(reply);
    cr_assert_eq(zmsg_size(reply), 1, "no delimiter in, none out");
    zframe_t *f = zmsg_first(reply);
    rc_rep_t *rep = fcavtal__v1__registry_reply__unpack(NULL, zframe_size(f), zframe_data(f));
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_str_eq(rep->organisation->name, "Västra Götalandsregionen");
    rc_free(rep);
    zmsg_destroy(&reply);

    /* Two payload frames: refused. */
    msg = zmsg_new();
    zmsg_addmem(msg, NULL, 0);
    zmsg_addmem(msg, buf, size);
    zmsg_addmem(msg, buf, size);
    cr_assert_eq(zmsg_send(&msg, raw), 0);
    reply = zmsg_recv(raw);
    cr_assert_not_null(reply, "an extra frame still gets a reply");
    f = zmsg_last(reply);
    rep = fcavtal__v1__registry_reply__unpack(NULL, zframe_size(f), zframe_data(f));
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    rc_free(rep);
    zmsg_destroy(&reply);
    free(buf);
    zsock_destroy(&raw);
    assert_still_answers();
}

/* Overwrites organisation `id` in the stopped registry's LMDB with bytes
 * that are not an Organisation: a damaged page, as a disk could leave it. */
static void damage_organisation(uint64_t id)
{
    MDB_env *env;
    MDB_txn *txn;
    MDB_dbi dbi;
    cr_assert_eq(mdb_env_create(&env), 0);
    cr_assert_eq(mdb_env_set_maxdbs(env, 64), 0);
    char data[300];
    snprintf(data, sizeof data, "%s/data", R.h.dir);
    cr_assert_eq(mdb_env_open(env, data, 0, 0640), 0, "open %s", data);
    cr_assert_eq(mdb_txn_begin(env, NULL, 0, &txn), 0);
    cr_assert_eq(mdb_dbi_open(txn, "organisations", 0, &dbi), 0);
    uint8_t key[8], junk[] = { 0x0a, 0x7f, 'x' };   /* a field 1 string claiming 127 bytes */
    for (int i = 0; i < 8; i++)
        key[i] = (uint8_t)(id >> (56 - 8 * i));
    MDB_val k = { sizeof key, key }, v = { sizeof junk, junk };
    cr_assert_eq(mdb_put(txn, dbi, &k, &v, 0), 0);
    cr_assert_eq(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
}

Test(service_errors, a_damaged_stored_record_is_refused_not_sent, .init = setup,
     .fini = teardown)
{
    rc_stop(&R, SIGTERM);
    damage_organisation(W.muni);
    cr_assert_eq(rc_restart(&R, NULL), 0);

    rc_rep_t *rep = rc_get(&R, RC_BODY(GET_ORGANISATION), W.muni);
    cr_assert_eq(rc_code(rep), FCAVTAL__V1__CODE__DATA_LOSS, "%s", rc_describe(rep));
    cr_assert_not_null(strstr(rep->status->message, "does not decode"), "%s",
                       rep->status->message);
    cr_assert_null(rep->organisation, "no body with the error");
    rc_free(rep);

    /* The record beside it is served as it was stored. */
    rep = rc_get(&R, RC_BODY(GET_ORGANISATION), W.region);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->body_case, RC_REPLY(ORGANISATION));
    cr_assert_eq(rep->organisation->id, W.region);
    cr_assert_str_eq(rep->organisation->name, "Västra Götalandsregionen");
    cr_assert_str_eq(rep->status->message, "ok", "the envelope is whole beside the body");
    cr_assert_gt(rep->seq, 0, "the envelope is whole beside the body");
    rc_free(rep);
}
