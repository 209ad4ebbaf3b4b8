/* An agreement's lifecycle over the wire: draft -> out for signature ->
 * active -> under notice / terminated -> expired, amendments approved by every
 * party, and every illegal move refused. */
#include <criterion/criterion.h>
#include <signal.h>
#include <string.h>

#include "rc_expect.h"

static rc_t R;
static rc_world_t W;

static void start_on(const char *today)
{
    const char *const args[] = { "--today", today, NULL };
    cr_assert_eq(rc_start(&R, args), 0, "the registry did not start");
}

static void setup(void)
{
    memset(&R, 0, sizeof R);
    start_on("2025-06-01");
    cr_assert_eq(rc_world(&R, &W), 0, "could not build the test world");
}

static void teardown(void)
{
    rc_cleanup(&R);
}

static Fcavtal__V1__AgreementStatus status_of(uint64_t id, uint32_t *version)
{
    rc_rep_t *rep = rc_get(&R, RC_BODY(GET_AGREEMENT), id);
    EXPECT(rep, OK);
    Fcavtal__V1__AgreementStatus st = rep->agreement->status;
    if (version)
        *version = rep->agreement->version;
    rc_free(rep);
    return st;
}

/* The world's framework agreement, signed by both parties. */
static void activate_framework(void)
{
    CHECK(rc_send_for_signature(&R, W.framework), OK);
    CHECK(rc_sign(&R, W.framework, W.region, 0, "2024-02-01"), OK);
    CHECK(rc_sign(&R, W.framework, W.muni, 0, "2024-02-05"), OK);
    cr_assert_eq(status_of(W.framework, NULL), RC_STATUS(ACTIVE));
}

/* A local agreement for the world's centre, signed by its four parties. */
static uint64_t active_local(void)
{
    rc_party_t parties[4];
    rc_agreement_t spec = rc_world_local(&W, parties);
    uint64_t id = rc_agreement(&R, &spec);
    cr_assert_neq(id, 0);
    CHECK(rc_send_for_signature(&R, id), OK);
    for (int i = 0; i < 4; i++)
        CHECK(rc_sign(&R, id, parties[i].organisation_id, parties[i].operation_id, "2024-05-20"),
              OK);
    cr_assert_eq(status_of(id, NULL), RC_STATUS(ACTIVE));
    return id;
}

/* ------------------------------------------------------------ signing */

Test(service_lifecycle, signing_makes_an_agreement_active, .init = setup, .fini = teardown)
{
    uint64_t fw = W.framework;
    /* A draft is not signed. */
    rc_rep_t *rep = rc_sign(&R, fw, W.region, 0, "2024-02-01");
    EXPECT(rep, FAILED_PRECONDITION);
    rc_free(rep);

    rep = rc_send_for_signature(&R, fw);
    EXPECT(rep, OK);
    cr_assert_eq(rep->agreement->status, RC_STATUS(OUT_FOR_SIGNATURE));
    cr_assert_eq(rep->agreement->version, 2);
    rc_free(rep);

    /* Someone who is not a party. */
    uint64_t other = rc_org(&R, "232100-0164", "Region Örebro län", RC_ORG(REGION), 0);
    cr_assert_neq(other, 0);
    rep = rc_sign(&R, fw, other, 0, "2024-02-01");
    EXPECT(rep, INVALID_ARGUMENT);
    cr_assert(rc_has_violation(rep, "sign.signature.organisation_id"), "%s", rc_describe(rep));
    rc_free(rep);
    /* A party's organisation but not as the party (the party is the
     * organisation itself, operation 0). */
    rep = rc_sign(&R, fw, W.region, W.bhv, "2024-02-01");
    EXPECT(rep, INVALID_ARGUMENT);
    rc_free(rep);

    rep = rc_sign(&R, fw, W.region, 0, "2024-02-01");
    EXPECT(rep, OK);
    cr_assert_eq(rep->agreement->status, RC_STATUS(OUT_FOR_SIGNATURE), "one of two signed");
    cr_assert_eq(rep->agreement->n_signatures, 1);
    rc_free(rep);

    rep = rc_sign(&R, fw, W.region, 0, "2024-02-02");
    EXPECT(rep, ALREADY_EXISTS);
    rc_free(rep);

    rep = rc_sign(&R, fw, W.muni, 0, "2024-02-05");
    EXPECT(rep, OK);
    cr_assert_eq(rep->agreement->status, RC_STATUS(ACTIVE), "every party has signed");
    cr_assert_eq(rep->agreement->n_signatures, 2);
    rc_free(rep);

    rep = rc_get(&R, RC_BODY(GET_AGREEMENT), fw);
    const Fcavtal__V1__Signature *s = rep->agreement->signatures[1];
    cr_assert_eq(s->organisation_id, W.muni);
    cr_assert(rc_date_is(s->date, "2024-02-05"));
    cr_assert_str_eq(s->place, "Göteborg");
    cr_assert_str_eq(s->name, "Anna Andersson");
    cr_assert_str_eq(s->title, "Förvaltningschef");
    rc_free(rep);

    /* Signing an active agreement. */
    rep = rc_sign(&R, fw, W.muni, 0, "2024-02-06");
    EXPECT(rep, FAILED_PRECONDITION);
    rc_free(rep);
}

Test(service_lifecycle, withdrawal_clears_signatures, .init = setup, .fini = teardown)
{
    CHECK(rc_send_for_signature(&R, W.framework), OK);
    CHECK(rc_sign(&R, W.framework, W.region, 0, "2024-02-01"), OK);
    rc_rep_t *rep = rc_withdraw(&R, W.framework);
    EXPECT(rep, OK);
    cr_assert_eq(rep->agreement->status, RC_STATUS(DRAFT));
    cr_assert_eq(rep->agreement->n_signatures, 0, "the text may change: signatures go");
    rc_free(rep);
    CHECK(rc_send_for_signature(&R, W.framework), OK);
    rep = rc_sign(&R, W.framework, W.muni, 0, "2024-02-05");
    EXPECT(rep, OK);
    cr_assert_eq(rep->agreement->status, RC_STATUS(OUT_FOR_SIGNATURE),
                 "the region's earlier signature does not count any more");
    rc_free(rep);
}

Test(service_lifecycle, a_single_party_agreement_is_not_sent, .init = setup, .fini = teardown)
{
    rc_party_t one[] = { { W.region, 0 } };
    rc_agreement_t spec = { .kind = RC_AKIND(FRAMEWORK), .title = "Ensidigt",
                            .rule_set = RC_RULES(VG), .parties = one, .n_parties = 1,
                            .start = "2024-03-01", .end = "2025-12-31" };
    uint64_t id = rc_agreement(&R, &spec);
    cr_assert_neq(id, 0);
    CHECK(rc_send_for_signature(&R, id), FAILED_PRECONDITION);
    cr_assert_eq(status_of(id, NULL), RC_STATUS(DRAFT));
}

/* ------------------------------------------------------------ notice */

Test(service_lifecycle, notice_takes_effect_per_term, .init = setup, .fini = teardown)
{
    activate_framework();
    /* Not from a party. */
    uint64_t other = rc_org(&R, "232100-0164", "Region Örebro län", RC_ORG(REGION), 0);
    rc_rep_t *rep = rc_record_notice(&R, W.framework, other, "2024-06-01");
    EXPECT(rep, INVALID_ARGUMENT);
    cr_assert(rc_has_violation(rep, "record_notice.from_organisation_id"), "%s", rc_describe(rep));
    rc_free(rep);

    /* VG framework: 2024-03-01..2025-12-31, renewal 24, notice 12: notice in
     * time (deadline 2024-12-31) ends it at 2025-12-31. */
    rep = rc_record_notice(&R, W.framework, W.muni, "2024-06-01");
    EXPECT(rep, OK);
    const Fcavtal__V1__Agreement *a = rep->agreement;
    cr_assert_eq(a->status, RC_STATUS(UNDER_NOTICE));
    cr_assert_not_null(a->notice);
    cr_assert(rc_date_is(a->notice->received, "2024-06-01"));
    cr_assert(rc_date_is(a->notice->effective, "2025-12-31"));
    cr_assert(rc_date_is(a->effective_end, "2025-12-31"));
    cr_assert_eq(a->notice->from_organisation_id, W.muni);
    cr_assert(rc_has_warning(rep, "2025-12-31"), "%s", rc_describe(rep));
    rc_free(rep);
    rep = rc_get(&R, RC_BODY(GET_AGREEMENT), W.framework);
    cr_assert(rc_date_is(rep->agreement->notice->effective, "2025-12-31"), "stored");
    rc_free(rep);

    /* A second notice is not a move from "under notice". */
    CHECK(rc_record_notice(&R, W.framework, W.region, "2024-07-01"), FAILED_PRECONDITION);

    /* Notice after the deadline: the term renews by 24 months first. */
    rc_party_t parties[] = { { W.region, 0 }, { W.muni, 0 } };
    rc_agreement_t spec = { .kind = RC_AKIND(FRAMEWORK), .title = "Ramavtal 2",
                            .rule_set = RC_RULES(VG), .parties = parties, .n_parties = 2,
                            .start = "2024-03-01", .end = "2025-12-31", .renewal_months = 24,
                            .notice_months = 12 };
    uint64_t late = rc_agreement(&R, &spec);
    cr_assert_neq(late, 0);
    CHECK(rc_send_for_signature(&R, late), OK);
    CHECK(rc_sign(&R, late, W.region, 0, "2024-02-01"), OK);
    CHECK(rc_sign(&R, late, W.muni, 0, "2024-02-01"), OK);
    rep = rc_record_notice(&R, late, W.region, "2025-03-01");
    EXPECT(rep, OK);
    cr_assert(rc_date_is(rep->agreement->notice->effective, "2027-12-31"),
              "missed deadline: effective %d-%d-%d", rep->agreement->notice->effective->year,
              rep->agreement->notice->effective->month, rep->agreement->notice->effective->day);
    rc_free(rep);

    /* Local agreement, six months' notice. */
    uint64_t local = active_local();
    rep = rc_record_notice(&R, local, W.muni, "2025-01-15");
    EXPECT(rep, OK);
    cr_assert(rc_date_is(rep->agreement->notice->effective, "2025-07-15"));
    rc_free(rep);
}

/* ------------------------------------------------------------ end */

Test(service_lifecycle, terminate_then_expire_once_the_end_has_passed, .init = setup,
     .fini = teardown)
{
    activate_framework();
    CHECK(rc_record_notice(&R, W.framework, W.muni, "2024-06-01"), OK);
    /* Terminated at the notice's effective date. */
    rc_rep_t *rep = rc_terminate(&R, W.framework, NULL);
    EXPECT(rep, OK);
    cr_assert_eq(rep->agreement->status, RC_STATUS(TERMINATED));
    cr_assert(rc_date_is(rep->agreement->effective_end, "2025-12-31"));
    rc_free(rep);

    /* Today is 2025-06-01: it still runs. */
    rep = rc_expire(&R, W.framework);
    EXPECT(rep, FAILED_PRECONDITION);
    cr_assert(strstr(rc_message(rep), "2025-12-31"), "%s", rc_describe(rep));
    rc_free(rep);
    cr_assert_eq(status_of(W.framework, NULL), RC_STATUS(TERMINATED));

    /* On its last day it still runs; the day after it has expired. */
    rc_stop(&R, SIGKILL); /* acknowledged writes are durable */
    start_on("2025-12-31");
    CHECK(rc_expire(&R, W.framework), FAILED_PRECONDITION);
    rc_stop(&R, SIGKILL); /* acknowledged writes are durable */
    start_on("2026-01-01");
    rep = rc_expire(&R, W.framework);
    EXPECT(rep, OK);
    cr_assert_eq(rep->agreement->status, RC_STATUS(EXPIRED));
    rc_free(rep);

    /* Nothing leaves EXPIRED. */
    CHECK(rc_expire(&R, W.framework), FAILED_PRECONDITION);
    CHECK(rc_terminate(&R, W.framework, "2026-02-01"), FAILED_PRECONDITION);
    CHECK(rc_record_notice(&R, W.framework, W.muni, "2026-02-01"), FAILED_PRECONDITION);
    CHECK(rc_send_for_signature(&R, W.framework), FAILED_PRECONDITION);
    CHECK(rc_withdraw(&R, W.framework), FAILED_PRECONDITION);
    cr_assert_eq(status_of(W.framework, NULL), RC_STATUS(EXPIRED));
}

Test(service_lifecycle, an_auto_renewing_agreement_does_not_expire, .init = setup,
     .fini = teardown)
{
    activate_framework();
    rc_stop(&R, SIGKILL); /* acknowledged writes are durable */
    /* No notice was given: the term rolled on to 2027-12-31. */
    start_on("2026-01-15");
    rc_rep_t *rep = rc_expire(&R, W.framework);
    EXPECT(rep, FAILED_PRECONDITION);
    cr_assert(strstr(rc_message(rep), "2027-12-31"), "%s", rc_describe(rep));
    rc_free(rep);
    cr_assert_eq(status_of(W.framework, NULL), RC_STATUS(ACTIVE));
}

/* ------------------------------------------------------------ amend */

Test(service_lifecycle, amendment_needs_every_party_and_makes_a_version, .init = setup,
     .fini = teardown)
{
    uint64_t id = active_local();
    uint32_t v0;
    status_of(id, &v0);

    rc_party_t parties[4];
    rc_agreement_t next = rc_world_local(&W, parties);
    next.title = "Samverkansavtal Familjecentralen Centrum, tillägg 1";
    next.end = "2029-05-31";

    /* The municipality has not approved. */
    const uint64_t region_only[] = { W.region };
    rc_rep_t *rep = rc_amend(&R, id, &next, region_only, 1, "förlängning");
    EXPECT(rep, FAILED_PRECONDITION);
    cr_assert(rc_has_violation(rep, "amend.approved_by"), "%s", rc_describe(rep));
    rc_free(rep);
    uint32_t v1;
    cr_assert_eq(status_of(id, &v1), RC_STATUS(ACTIVE));
    cr_assert_eq(v1, v0, "a refused amendment makes no version");

    const uint64_t both[] = { W.region, W.muni };
    rep = rc_amend(&R, id, &next, both, 2, "förlängning");
    EXPECT(rep, OK);
    const Fcavtal__V1__Agreement *a = rep->agreement;
    cr_assert_eq(a->version, v0 + 1);
    cr_assert_eq(a->status, RC_STATUS(ACTIVE));
    cr_assert_str_eq(a->title, "Samverkansavtal Familjecentralen Centrum, tillägg 1");
    cr_assert(rc_date_is(a->term->end, "2029-05-31"));
    cr_assert_eq(a->n_signatures, 4, "signatures carry over");
    cr_assert_eq(a->n_approved_by, 2);
    cr_assert_str_eq(a->change_note, "förlängning");
    rc_free(rep);

    rep = rc_get(&R, RC_BODY(AGREEMENT_HISTORY), id);
    EXPECT(rep, OK);
    const Fcavtal__V1__AgreementHistory *h = rep->history;
    cr_assert_eq(h->n_versions, v0 + 1);
    cr_assert_str_eq(h->versions[v0 - 1]->title, "Samverkansavtal Familjecentralen Centrum",
                     "the version before the amendment is kept as it was");
    cr_assert(rc_date_is(h->versions[v0 - 1]->term->end, "2028-05-31"));
    cr_assert_str_eq(h->versions[v0]->title, "Samverkansavtal Familjecentralen Centrum, tillägg 1");
    rc_free(rep);

    /* A party the amendment brings in must approve it too. */
    uint64_t lekeberg = rc_org(&R, "212000-2981", "Lekebergs kommun", RC_ORG(MUNICIPALITY),
                               W.region);
    cr_assert_neq(lekeberg, 0);
    rc_party_t more[5];
    rc_agreement_t wider = rc_world_local(&W, more);
    more[4] = (rc_party_t){ lekeberg, 0 };
    wider.n_parties = 5;
    rep = rc_amend(&R, id, &wider, both, 2, "ny part");
    EXPECT(rep, FAILED_PRECONDITION);
    cr_assert(rc_has_violation(rep, "amend.approved_by"), "%s", rc_describe(rep));
    rc_free(rep);
    const uint64_t all3[] = { W.region, W.muni, lekeberg };
    rep = rc_amend(&R, id, &wider, all3, 3, "ny part");
    EXPECT(rep, OK);
    cr_assert_eq(rep->agreement->n_parties, 5);
    rc_free(rep);

    /* Amendment content is checked like a put. */
    next.end = "2023-01-01";
    rep = rc_amend(&R, id, &next, all3, 3, "fel");
    EXPECT(rep, INVALID_ARGUMENT);
    cr_assert(rc_has_violation(rep, "amend.agreement.term.end"), "%s", rc_describe(rep));
    rc_free(rep);
    uint32_t v2;
    status_of(id, &v2);
    cr_assert_eq(v2, v0 + 2);
}

/* ------------------------------------------------------------ refusals */

Test(service_lifecycle, illegal_moves_are_refused, .init = setup, .fini = teardown)
{
    const uint64_t both[] = { W.region, W.muni };
    rc_party_t parties[2] = { { W.region, 0 }, { W.muni, 0 } };
    rc_agreement_t content = { .kind = RC_AKIND(FRAMEWORK), .title = "Ändrat",
                               .rule_set = RC_RULES(VG), .parties = parties, .n_parties = 2,
                               .start = "2024-03-01", .end = "2025-12-31",
                               .renewal_months = 24, .notice_months = 12 };
    uint32_t v;

    /* Draft. */
    CHECK(rc_withdraw(&R, W.framework), FAILED_PRECONDITION);
    CHECK(rc_record_notice(&R, W.framework, W.muni, "2024-06-01"), FAILED_PRECONDITION);
    CHECK(rc_terminate(&R, W.framework, "2025-01-01"), FAILED_PRECONDITION);
    CHECK(rc_expire(&R, W.framework), FAILED_PRECONDITION);
    CHECK(rc_amend(&R, W.framework, &content, both, 2, "x"), FAILED_PRECONDITION);
    cr_assert_eq(status_of(W.framework, &v), RC_STATUS(DRAFT));
    cr_assert_eq(v, 1, "refusals make no versions");

    /* Out for signature. */
    CHECK(rc_send_for_signature(&R, W.framework), OK);
    CHECK(rc_send_for_signature(&R, W.framework), FAILED_PRECONDITION);
    CHECK(rc_record_notice(&R, W.framework, W.muni, "2024-06-01"), FAILED_PRECONDITION);
    CHECK(rc_terminate(&R, W.framework, "2025-01-01"), FAILED_PRECONDITION);
    CHECK(rc_expire(&R, W.framework), FAILED_PRECONDITION);
    CHECK(rc_amend(&R, W.framework, &content, both, 2, "x"), FAILED_PRECONDITION);
    content.id = W.framework;
    CHECK(rc_put_agreement(&R, &content), FAILED_PRECONDITION);
    cr_assert_eq(status_of(W.framework, &v), RC_STATUS(OUT_FOR_SIGNATURE));
    cr_assert_eq(v, 2);

    /* Active. */
    CHECK(rc_sign(&R, W.framework, W.region, 0, "2024-02-01"), OK);
    CHECK(rc_sign(&R, W.framework, W.muni, 0, "2024-02-01"), OK);
    CHECK(rc_send_for_signature(&R, W.framework), FAILED_PRECONDITION);
    CHECK(rc_withdraw(&R, W.framework), FAILED_PRECONDITION);
    CHECK(rc_put_agreement(&R, &content), FAILED_PRECONDITION);
    cr_assert_eq(status_of(W.framework, &v), RC_STATUS(ACTIVE));
    cr_assert_eq(v, 4);

    /* Under notice. */
    CHECK(rc_record_notice(&R, W.framework, W.muni, "2024-06-01"), OK);
    CHECK(rc_amend(&R, W.framework, &content, both, 2, "x"), FAILED_PRECONDITION);
    CHECK(rc_send_for_signature(&R, W.framework), FAILED_PRECONDITION);
    CHECK(rc_sign(&R, W.framework, W.muni, 0, "2024-02-01"), FAILED_PRECONDITION);

    /* Terminated. */
    CHECK(rc_terminate(&R, W.framework, NULL), OK);
    CHECK(rc_record_notice(&R, W.framework, W.muni, "2024-06-01"), FAILED_PRECONDITION);
    CHECK(rc_amend(&R, W.framework, &content, both, 2, "x"), FAILED_PRECONDITION);
    CHECK(rc_withdraw(&R, W.framework), FAILED_PRECONDITION);
    cr_assert_eq(status_of(W.framework, &v), RC_STATUS(TERMINATED));
    cr_assert_eq(v, 6);

    /* Unknown agreement. */
    CHECK(rc_send_for_signature(&R, 4242), NOT_FOUND);
}
