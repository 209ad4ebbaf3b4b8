/* Terms over the wire: the end in force and its reason on every reply,
 * bounds on the term's month counts, and the fields only the registry sets,
 * which a client can neither forge nor use to end an agreement early. */
#include <criterion/criterion.h>
#include <signal.h>
#include <string.h>

#include "fcavtal/pb.h"
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

static void activate_framework(void)
{
    CHECK(rc_send_for_signature(&R, W.framework), OK);
    CHECK(rc_sign(&R, W.framework, W.region, 0, "2024-02-01"), OK);
    CHECK(rc_sign(&R, W.framework, W.muni, 0, "2024-02-05"), OK);
}

static void sign_local(uint64_t id, const rc_party_t parties[4])
{
    CHECK(rc_send_for_signature(&R, id), OK);
    for (int i = 0; i < 4; i++)
        CHECK(rc_sign(&R, id, parties[i].organisation_id, parties[i].operation_id, "2024-05-20"),
              OK);
}

/* Restarts on another day (acknowledged writes are durable). */
static void restart_on(const char *today)
{
    rc_stop(&R, SIGKILL);
    start_on(today);
}

static rc_rep_t *put_raw(Fcavtal__V1__Agreement *a)
{
    Fcavtal__V1__PutAgreement put = FCAVTAL__V1__PUT_AGREEMENT__INIT;
    put.agreement = a;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(PUT_AGREEMENT);
    req.put_agreement = &put;
    return rc_call(&R, &req);
}

static rc_rep_t *amend_raw(uint64_t id, Fcavtal__V1__Agreement *a, const uint64_t *approved,
                           size_t n)
{
    Fcavtal__V1__AmendAgreement am = FCAVTAL__V1__AMEND_AGREEMENT__INIT;
    am.agreement_id = id;
    am.agreement = a;
    am.approved_by = (uint64_t *)approved;
    am.n_approved_by = n;
    am.note = "tillägg";
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(AMEND);
    req.amend = &am;
    return rc_call(&R, &req);
}

static Fcavtal__V1__Agreement *fetch(uint64_t id)
{
    rc_rep_t *rep = rc_get(&R, RC_BODY(GET_AGREEMENT), id);
    EXPECT(rep, OK);
    Fcavtal__V1__Agreement *a = (Fcavtal__V1__Agreement *)fc_pb_clone(&rep->agreement->base);
    rc_free(rep);
    cr_assert_not_null(a);
    return a;
}

static void expect_reason(const Fcavtal__V1__Agreement *a, const char *rule, const char *text)
{
    cr_assert_not_null(a->current_end_reason, "no reason for the end in force");
    cr_expect_str_eq(a->current_end_reason->rule, rule);
    cr_expect_str_eq(a->current_end_reason->text, text);
}

/* ------------------------------------------------------------ end in force */

Test(service_terms, the_end_in_force_comes_with_its_reason, .init = setup, .fini = teardown)
{
    activate_framework();
    Fcavtal__V1__Agreement *a = fetch(W.framework);
    cr_expect(rc_date_is(a->current_end, "2027-12-31"));
    expect_reason(a, "vg4.auto_renewal",
                  "not terminated in writing 12 months before 2025-12-31, so extended "
                  "automatically by 2 years to 2027-12-31 (VG §4)");
    cr_expect_str_eq(a->current_end_reason->source, "VG §4");
    fcavtal__v1__agreement__free_unpacked(a, NULL);

    restart_on("2027-06-01");
    a = fetch(W.framework);
    cr_expect(rc_date_is(a->current_end, "2029-12-31"));
    expect_reason(a, "vg4.auto_renewal",
                  "not terminated in writing 12 months before 2027-12-31, so extended "
                  "automatically by 2 years to 2029-12-31; extension 2 since the written end "
                  "2025-12-31 (VG §4)");
    fcavtal__v1__agreement__free_unpacked(a, NULL);

    /* Until further notice: no end, and the reason says why. */
    rc_party_t parties[] = { { W.region, 0 }, { W.muni, 0 } };
    rc_agreement_t open = { .kind = RC_AKIND(FRAMEWORK), .title = "Tills vidare",
                            .rule_set = RC_RULES(OREBRO), .parties = parties, .n_parties = 2,
                            .start = "2024-01-01", .until_further_notice = true,
                            .notice_months = 6 };
    uint64_t id = rc_agreement(&R, &open);
    cr_assert_neq(id, 0);
    a = fetch(id);
    cr_expect_null(a->current_end);
    cr_assert_not_null(a->current_end_reason);
    cr_expect(strstr(a->current_end_reason->text, "tills vidare"), "%s",
              a->current_end_reason->text);
    fcavtal__v1__agreement__free_unpacked(a, NULL);
}

/* The registry used to report the end after renewals for an agreement under
 * notice too ("renewed automatically to 2027-12-31"): with a notice, the end
 * in force is the notice's. */
Test(service_terms, a_notice_decides_the_end_in_force, .init = setup, .fini = teardown)
{
    activate_framework();
    CHECK(rc_record_notice(&R, W.framework, W.muni, "2024-11-02"), OK);
    restart_on("2026-01-15");
    Fcavtal__V1__Agreement *a = fetch(W.framework);
    cr_expect(rc_date_is(a->current_end, "2025-12-31"), "not renewed: notice was given");
    expect_reason(a, "vg4.auto_renewal",
                  "notice received 2024-11-02 takes effect at the end of the term (VG §4)");
    fcavtal__v1__agreement__free_unpacked(a, NULL);

    Fcavtal__V1__ListAgreements filter = FCAVTAL__V1__LIST_AGREEMENTS__INIT;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(LIST_AGREEMENTS);
    req.list_agreements = &filter;
    rc_rep_t *rep = rc_call(&R, &req);
    EXPECT(rep, OK);
    cr_assert_eq(rep->agreements->n_items, 1);
    cr_expect(rc_date_is(rep->agreements->items[0]->current_end, "2025-12-31"));
    rc_free(rep);

    /* Expired, it still says when it ended. */
    CHECK(rc_expire(&R, W.framework), OK);
    a = fetch(W.framework);
    cr_expect(rc_date_is(a->current_end, "2025-12-31"));
    cr_expect_str_eq(a->current_end_reason->rule, "agreement.expired");
    fcavtal__v1__agreement__free_unpacked(a, NULL);
}

Test(service_terms, the_notice_carries_its_reason, .init = setup, .fini = teardown)
{
    activate_framework();
    rc_rep_t *rep = rc_record_notice(&R, W.framework, W.muni, "2024-11-02");
    EXPECT(rep, OK);
    const Fcavtal__V1__Notice *n = rep->agreement->notice;
    cr_assert_not_null(n->effective_reason);
    cr_expect_str_eq(n->effective_reason->rule, "vg4.auto_renewal");
    cr_expect(strstr(n->effective_reason->text, "on or before the deadline 2024-12-31"), "%s",
              n->effective_reason->text);
    cr_expect(rc_date_is(rep->agreement->current_end, "2025-12-31"), "the reply shows it too");
    cr_expect(rc_has_warning(rep, "notice takes effect 2025-12-31: notice received 2024-11-02"),
              "%s", rc_describe(rep));
    rc_free(rep);
}

/* ------------------------------------------------------------ bounds */

Test(service_terms, month_counts_are_bounded, .init = setup, .fini = teardown)
{
    rc_party_t parties[] = { { W.region, 0 }, { W.muni, 0 } };
    rc_agreement_t spec = { .kind = RC_AKIND(FRAMEWORK), .title = "Orimligt",
                            .rule_set = RC_RULES(VG), .parties = parties, .n_parties = 2,
                            .start = "2024-03-01", .end = "2025-12-31", .renewal_months = 1,
                            .notice_months = 2147483647 };
    rc_rep_t *rep = rc_put_agreement(&R, &spec);
    EXPECT(rep, INVALID_ARGUMENT);
    cr_expect(rc_has_violation(rep, "agreement.term.notice_months"), "%s", rc_describe(rep));
    cr_expect(strstr(rc_message(rep), "120 months"), "%s", rc_message(rep));
    rc_free(rep);
    spec.notice_months = 12;
    spec.renewal_months = 121;
    rep = rc_put_agreement(&R, &spec);
    EXPECT(rep, INVALID_ARGUMENT);
    cr_expect(rc_has_violation(rep, "agreement.term.renewal_months"), "%s", rc_describe(rep));
    rc_free(rep);
    spec.renewal_months = 120;
    CHECK(rc_put_agreement(&R, &spec), OK);
}

/* ------------------------------------------------------------ computed fields */

Test(service_terms, put_ignores_what_the_registry_computes, .init = setup, .fini = teardown)
{
    rc_party_t parties[] = { { W.region, 0 }, { W.muni, 0 } };
    rc_agreement_t spec = { .kind = RC_AKIND(FRAMEWORK), .title = "Förfalskat",
                            .rule_set = RC_RULES(VG), .parties = parties, .n_parties = 2,
                            .start = "2024-03-01", .end = "2025-12-31", .renewal_months = 24,
                            .notice_months = 12 };
    rc_agreement_store_t store;
    Fcavtal__V1__Agreement *a = rc_agreement_build(&store, &spec);
    Fcavtal__V1__Date forged_end = rc_date("2024-04-01"), forged_current = rc_date("2030-01-01");
    uint64_t approvals[] = { W.region };
    a->status = RC_STATUS(ACTIVE);
    a->version = 7;
    a->effective_end = &forged_end;
    a->current_end = &forged_current;
    a->approved_by = approvals;
    a->n_approved_by = 1;
    rc_rep_t *rep = put_raw(a);
    EXPECT(rep, OK);
    static const char *const fields[] = { "agreement.status ", "agreement.version ",
                                          "agreement.effective_end ", "agreement.approved_by ",
                                          "agreement.current_end " };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        cr_expect(rc_has_warning(rep, fields[i]), "no warning for %s: %s", fields[i],
                  rc_describe(rep));
    cr_expect(rc_has_warning(rep, "the value given was ignored"));
    uint64_t id = rep->agreement->id;
    rc_free(rep);

    Fcavtal__V1__Agreement *stored = fetch(id);
    cr_expect_eq(stored->status, RC_STATUS(DRAFT));
    cr_expect_eq(stored->version, 1);
    cr_expect_null(stored->effective_end);
    cr_expect_eq(stored->n_approved_by, 0);
    cr_expect(rc_date_is(stored->current_end, "2027-12-31"));

    /* A record fetched and sent back unchanged raises no warning. */
    rep = put_raw(stored);
    EXPECT(rep, OK);
    cr_expect_eq(rep->n_warnings, 0, "%s", rc_describe(rep));
    cr_expect_eq(rep->agreement->version, 2);
    rc_free(rep);
    fcavtal__v1__agreement__free_unpacked(stored, NULL);
}

Test(service_terms, put_refuses_signatures_and_notices, .init = setup, .fini = teardown)
{
    rc_party_t parties[] = { { W.region, 0 }, { W.muni, 0 } };
    rc_agreement_t spec = { .kind = RC_AKIND(FRAMEWORK), .title = "Påhittat",
                            .rule_set = RC_RULES(VG), .parties = parties, .n_parties = 2,
                            .start = "2024-03-01", .end = "2025-12-31" };
    rc_agreement_store_t store;
    Fcavtal__V1__Agreement *a = rc_agreement_build(&store, &spec);
    Fcavtal__V1__Date day = rc_date("2024-02-01");
    Fcavtal__V1__Signature sig = FCAVTAL__V1__SIGNATURE__INIT, *sigs[] = { &sig };
    sig.organisation_id = W.region;
    sig.date = &day;
    sig.place = "Vänersborg", sig.name = "N N", sig.title = "regiondirektör";
    a->signatures = sigs;
    a->n_signatures = 1;
    rc_rep_t *rep = put_raw(a);
    EXPECT(rep, INVALID_ARGUMENT);
    cr_expect(rc_has_violation(rep, "agreement.signatures"), "%s", rc_describe(rep));
    rc_free(rep);
    a->signatures = NULL;
    a->n_signatures = 0;
    Fcavtal__V1__Notice notice = FCAVTAL__V1__NOTICE__INIT;
    notice.received = &day;
    notice.from_organisation_id = W.muni;
    a->notice = &notice;
    rep = put_raw(a);
    EXPECT(rep, INVALID_ARGUMENT);
    cr_expect(rc_has_violation(rep, "agreement.notice"), "%s", rc_describe(rep));
    rc_free(rep);
}

Test(service_terms, amend_ignores_computed_fields_and_refuses_changed_acts, .init = setup,
     .fini = teardown)
{
    rc_party_t parties[4];
    rc_agreement_t spec = rc_world_local(&W, parties);
    uint64_t id = rc_agreement(&R, &spec);
    cr_assert_neq(id, 0);
    sign_local(id, parties);
    const uint64_t both[] = { W.region, W.muni };

    /* The current version, fetched, with a forged end and status. */
    Fcavtal__V1__Agreement *next = fetch(id);
    Fcavtal__V1__Date forged = rc_date("2024-12-31");
    Fcavtal__V1__Date *kept = next->effective_end;
    next->effective_end = &forged;
    Fcavtal__V1__AgreementStatus status = next->status;
    next->status = RC_STATUS(EXPIRED);
    rc_rep_t *rep = amend_raw(id, next, both, 2);
    EXPECT(rep, OK);
    cr_expect(rc_has_warning(rep, "amend.agreement.effective_end "), "%s", rc_describe(rep));
    cr_expect(rc_has_warning(rep, "amend.agreement.status "), "%s", rc_describe(rep));
    cr_expect_null(rep->agreement->effective_end);
    cr_expect_eq(rep->agreement->status, RC_STATUS(ACTIVE));
    cr_expect_eq(rep->agreement->n_signatures, 4, "signatures sent unchanged are fine");
    rc_free(rep);
    next->effective_end = kept;
    next->status = status;

    /* A signature that differs from the one recorded is refused. */
    char *place = next->signatures[0]->place;
    next->signatures[0]->place = "Någon annanstans";
    rep = amend_raw(id, next, both, 2);
    EXPECT(rep, INVALID_ARGUMENT);
    cr_expect(rc_has_violation(rep, "amend.agreement.signatures"), "%s", rc_describe(rep));
    rc_free(rep);
    next->signatures[0]->place = place;

    /* So is another kind, or another agreement's id. */
    next->kind = RC_AKIND(USE_RIGHT);
    rep = amend_raw(id, next, both, 2);
    EXPECT(rep, INVALID_ARGUMENT);
    cr_expect(rc_has_violation(rep, "amend.agreement.kind"), "%s", rc_describe(rep));
    rc_free(rep);
    next->kind = RC_AKIND(LOCAL);
    next->id = W.framework;
    rep = amend_raw(id, next, both, 2);
    EXPECT(rep, INVALID_ARGUMENT);
    cr_expect(rc_has_violation(rep, "amend.agreement.id"), "%s", rc_describe(rep));
    rc_free(rep);
    fcavtal__v1__agreement__free_unpacked(next, NULL);
}

/* expire used to believe any effective_end on the record: a draft put with
 * one, once signed, could be expired years early. */
Test(service_terms, expire_does_not_trust_a_forged_effective_end, .init = setup,
     .fini = teardown)
{
    rc_party_t parties[4];
    rc_agreement_t spec = rc_world_local(&W, parties);
    rc_agreement_store_t store;
    Fcavtal__V1__Agreement *a = rc_agreement_build(&store, &spec);
    Fcavtal__V1__Date forged = rc_date("2024-12-31");
    a->effective_end = &forged;
    rc_rep_t *rep = put_raw(a);
    EXPECT(rep, OK);
    uint64_t id = rep->agreement->id;
    rc_free(rep);
    sign_local(id, parties);
    rep = rc_expire(&R, id);
    EXPECT(rep, FAILED_PRECONDITION);
    cr_expect(strstr(rc_message(rep), "runs until 2028-05-31"), "%s", rc_describe(rep));
    rc_free(rep);

    /* Nor one slipped into an amendment, nor as terminate's default. */
    const uint64_t both[] = { W.region, W.muni };
    Fcavtal__V1__Agreement *next = fetch(id);
    Fcavtal__V1__Date *kept = next->effective_end;
    next->effective_end = &forged;
    CHECK(amend_raw(id, next, both, 2), OK);
    next->effective_end = kept;
    fcavtal__v1__agreement__free_unpacked(next, NULL);
    CHECK(rc_expire(&R, id), FAILED_PRECONDITION);
    rep = rc_terminate(&R, id, NULL);
    EXPECT(rep, INVALID_ARGUMENT);
    cr_expect(rc_has_violation(rep, "terminate.effective"), "%s", rc_describe(rep));
    rc_free(rep);

    /* Under notice, terminate's default is the notice's day. */
    CHECK(rc_record_notice(&R, id, W.muni, "2025-06-01"), OK);
    rep = rc_terminate(&R, id, NULL);
    EXPECT(rep, OK);
    cr_expect(rc_date_is(rep->agreement->effective_end, "2025-12-01"), "six months' notice");
    rc_free(rep);
}

/* An imported agreement's effective end comes from its notice, or is none. */
Test(service_terms, import_drops_an_effective_end_without_notice, .init = setup,
     .fini = teardown)
{
    Fcavtal__V1__OrgNumber n1 = FCAVTAL__V1__ORG_NUMBER__INIT, n2 = FCAVTAL__V1__ORG_NUMBER__INIT;
    n1.value = "232100-0164";
    n2.value = "212000-1967";
    Fcavtal__V1__Organisation o1 = FCAVTAL__V1__ORGANISATION__INIT;
    Fcavtal__V1__Organisation o2 = FCAVTAL__V1__ORGANISATION__INIT;
    o1.org_number = &n1, o1.name = "Region Örebro län", o1.kind = RC_ORG(REGION);
    o2.org_number = &n2, o2.name = "Örebro kommun", o2.kind = RC_ORG(MUNICIPALITY);
    Fcavtal__V1__Organisation *orgs[] = { &o1, &o2 };
    rc_party_t parties[] = { { 1, 0 }, { 2, 0 } };
    rc_agreement_t spec = { .kind = RC_AKIND(FRAMEWORK), .title = "Ramavtal Örebro",
                            .rule_set = RC_RULES(OREBRO), .parties = parties, .n_parties = 2,
                            .start = "2018-09-21", .end = "2030-12-31" };
    rc_agreement_store_t store;
    Fcavtal__V1__Agreement *a = rc_agreement_build(&store, &spec);
    Fcavtal__V1__Date day = rc_date("2018-09-21"), forged = rc_date("2019-01-01");
    Fcavtal__V1__Signature s1 = FCAVTAL__V1__SIGNATURE__INIT, s2 = FCAVTAL__V1__SIGNATURE__INIT;
    s1.organisation_id = 1, s2.organisation_id = 2;
    s1.date = s2.date = &day;
    s1.name = s2.name = "N N";
    Fcavtal__V1__Signature *sigs[] = { &s1, &s2 };
    a->signatures = sigs;
    a->n_signatures = 2;
    a->effective_end = &forged;
    Fcavtal__V1__Agreement *agreements[] = { a };
    Fcavtal__V1__ImportBatch batch = FCAVTAL__V1__IMPORT_BATCH__INIT;
    batch.organisations = orgs, batch.n_organisations = 2;
    batch.agreements = agreements, batch.n_agreements = 1;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(IMPORT_BATCH);
    req.import_batch = &batch;
    rc_rep_t *rep = rc_call(&R, &req);
    EXPECT(rep, OK);
    cr_expect(rc_has_warning(rep, "agreements[0].effective_end "), "%s", rc_describe(rep));
    uint64_t id = rep->imported->agreement_ids[0];
    rc_free(rep);
    Fcavtal__V1__Agreement *stored = fetch(id);
    cr_expect_eq(stored->status, RC_STATUS(ACTIVE));
    cr_expect_null(stored->effective_end);
    fcavtal__v1__agreement__free_unpacked(stored, NULL);
    CHECK(rc_expire(&R, id), FAILED_PRECONDITION);
}
