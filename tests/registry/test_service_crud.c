/* The registry over the wire: records round-trip, classification is computed
 * and stored, lists filter, a centre's composition is asked as of a date and
 * an agreement's history keeps every version. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "registry_client.h"

static rc_t R;
static rc_world_t W;

static void setup(void)
{
    memset(&R, 0, sizeof R);
    static const char *const args[] = { "--today", "2026-11-23", NULL };
    cr_assert_eq(rc_start(&R, args), 0, "the registry did not start");
}

static void setup_world(void)
{
    setup();
    cr_assert_eq(rc_world(&R, &W), 0, "could not build the test world");
}

static void teardown(void)
{
    rc_cleanup(&R);
}

static bool ids_contain(const uint64_t *ids, size_t n, uint64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

static const Fcavtal__V1__RuleCheck *find_check(const Fcavtal__V1__Classification *c,
                                                const char *rule)
{
    for (size_t i = 0; c && i < c->n_checks; i++)
        if (strcmp(c->checks[i]->rule, rule) == 0)
            return c->checks[i];
    return NULL;
}

/* ------------------------------------------------------------ organisation */

Test(service_crud, organisation_create_read_update, .init = setup, .fini = teardown)
{
    rc_rep_t *rep = rc_put_org(&R, 0, "2321000131", "Västra Götalandsregionen", RC_ORG(REGION), 0);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_not_null(rep->organisation);
    uint64_t id = rep->organisation->id;
    cr_assert_neq(id, 0, "the registry assigns an id");
    cr_assert_str_eq(rep->organisation->org_number->value, "232100-0131",
                     "org numbers are normalised");
    cr_assert_eq(rep->request_id[0] != '\0', true, "the reply echoes the request id");
    cr_assert_str_eq(rep->request_id, R.last_id);
    rc_free(rep);

    rep = rc_get(&R, RC_BODY(GET_ORGANISATION), id);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->organisation->id, id);
    cr_assert_str_eq(rep->organisation->name, "Västra Götalandsregionen");
    cr_assert_str_eq(rep->organisation->org_number->value, "232100-0131");
    cr_assert_eq(rep->organisation->kind, RC_ORG(REGION));
    rc_free(rep);

    /* Update: same id, new name; the 12-digit form is the same number. */
    rep = rc_put_org(&R, id, "16232100-0131", "VGR", RC_ORG(REGION), 0);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->organisation->id, id);
    rc_free(rep);
    rep = rc_get(&R, RC_BODY(GET_ORGANISATION), id);
    cr_assert_str_eq(rep->organisation->name, "VGR");
    cr_assert_str_eq(rep->organisation->org_number->value, "232100-0131");
    rc_free(rep);

    /* The update did not create a second record, and the number stays unique. */
    rc_state_t *snap = rc_state(&R);
    cr_assert_not_null(snap);
    cr_assert_eq(snap->n_organisations, 1);
    rc_state_free(&snap);
    rep = rc_put_org(&R, 0, "232100-0131", "Dubblett", RC_ORG(REGION), 0);
    cr_assert_eq(rc_code(rep), RC_CODE(ALREADY_EXISTS), "%s", rc_describe(rep));
    cr_assert(rc_has_violation(rep, "organisation.org_number"), "%s", rc_describe(rep));
    rc_free(rep);

    rep = rc_get(&R, RC_BODY(GET_ORGANISATION), id + 100);
    cr_assert_eq(rc_code(rep), RC_CODE(NOT_FOUND), "%s", rc_describe(rep));
    rc_free(rep);
}

Test(service_crud, operation_create_read_update, .init = setup, .fini = teardown)
{
    uint64_t region = rc_org(&R, "232100-0164", "Region Örebro län", RC_ORG(REGION), 0);
    uint64_t muni = rc_org(&R, "212000-1967", "Örebro kommun", RC_ORG(MUNICIPALITY), region);
    cr_assert(region && muni);
    uint64_t op = rc_op(&R, region, RC_OPK(BHV), "BVC Vivalla");
    cr_assert_neq(op, 0);

    rc_rep_t *rep = rc_get(&R, RC_BODY(GET_OPERATION), op);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->operation->organisation_id, region);
    cr_assert_eq(rep->operation->kind, RC_OPK(BHV));
    cr_assert_str_eq(rep->operation->name, "BVC Vivalla");
    rc_free(rep);

    rep = rc_put_op(&R, op, muni, RC_OPK(OFS), "Öppna förskolan Vivalla");
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->operation->id, op);
    rc_free(rep);
    rep = rc_get(&R, RC_BODY(GET_OPERATION), op);
    cr_assert_eq(rep->operation->organisation_id, muni);
    cr_assert_eq(rep->operation->kind, RC_OPK(OFS));
    cr_assert_str_eq(rep->operation->name, "Öppna förskolan Vivalla");
    rc_free(rep);

    /* An update of an operation that does not exist creates nothing. */
    rep = rc_put_op(&R, op + 50, muni, RC_OPK(OFS), "Spöke");
    cr_assert_eq(rc_code(rep), RC_CODE(NOT_FOUND), "%s", rc_describe(rep));
    rc_free(rep);
    rc_state_t *snap = rc_state(&R);
    cr_assert_not_null(snap);
    cr_assert_eq(snap->n_operations, 1);
    rc_state_free(&snap);
}

/* ------------------------------------------------------------ centre */

Test(service_crud, centre_classification_is_returned_and_stored, .init = setup_world,
     .fini = teardown)
{
    /* All four co-located: familjecentral under the VG rules. */
    rc_rep_t *rep = rc_get(&R, RC_BODY(GET_CENTRE), W.centre);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    const Fcavtal__V1__Classification *cl = rep->centre->classification;
    cr_assert_not_null(cl, "the stored centre carries its classification");
    cr_assert_eq(cl->kind, RC_CLASS(FAMILJECENTRAL), "%s", cl->summary);
    cr_assert_eq(cl->rule_set, RC_RULES(VG));
    cr_assert(rc_date_is(cl->as_of, "2026-11-23"), "classified as of the service's today");
    const Fcavtal__V1__RuleCheck *ck = find_check(cl, "all_four_base_operations");
    cr_assert(ck && ck->passed);
    ck = find_check(cl, "all_base_operations_co_located");
    cr_assert(ck && ck->passed);
    cr_assert_eq(rep->centre->n_participations, 4);
    cr_assert_str_eq(rep->centre->address->city, "Teststad");
    rc_free(rep);

    /* MHV collaborating without co-location: familjecentralsliknande, with
     * the failed rule named and explained. */
    rc_part_t like[] = {
        { W.bhv, true, "2024-01-01", NULL }, { W.mhv, false, "2024-01-01", NULL },
        { W.ofs, true, "2024-01-01", NULL }, { W.soc, true, "2024-01-01", NULL },
    };
    rc_centre_t spec = { .name = "Familjecentralen Norr", .municipality_id = W.muni,
                         .framework_id = W.framework, .parts = like, .n_parts = 4 };
    rep = rc_put_centre(&R, &spec);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    uint64_t like_id = rep->centre->id;
    cl = rep->centre->classification;
    cr_assert_eq(cl->kind, RC_CLASS(FAMILJECENTRALSLIKNANDE), "%s", cl->summary);
    ck = find_check(cl, "all_base_operations_co_located");
    cr_assert(ck && !ck->passed);
    cr_assert(strstr(ck->reason, "MHV"), "the reason names MHV: %s", ck->reason);
    ck = find_check(cl, "bhv_co_located_with_municipal_operation");
    cr_assert(ck && ck->passed);
    cr_assert(cl->summary[0]);
    size_t n_checks = cl->n_checks;
    rc_free(rep);
    rep = rc_get(&R, RC_BODY(GET_CENTRE), like_id);
    cr_assert_eq(rep->centre->classification->kind, RC_CLASS(FAMILJECENTRALSLIKNANDE));
    cr_assert_eq(rep->centre->classification->n_checks, n_checks, "checks are stored");
    rc_free(rep);

    /* BHV and OFS only: not covered, and why. */
    rc_part_t two[] = { { W.bhv, true, "2024-01-01", NULL }, { W.ofs, true, "2024-01-01", NULL } };
    rc_centre_t small = { .name = "Träffpunkten", .municipality_id = W.muni,
                          .framework_id = W.framework, .parts = two, .n_parts = 2 };
    rep = rc_put_centre(&R, &small);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cl = rep->centre->classification;
    cr_assert_eq(cl->kind, RC_CLASS(NOT_COVERED), "%s", cl->summary);
    ck = find_check(cl, "at_least_three_base_operations");
    cr_assert(ck && !ck->passed);
    ck = find_check(cl, "mhv_or_soc_takes_part");
    cr_assert(ck && !ck->passed);
    rc_free(rep);

    /* An update re-classifies: the familjecentral loses its SOC. */
    rc_part_t three[] = {
        { W.bhv, true, "2024-01-01", NULL }, { W.mhv, true, "2024-01-01", NULL },
        { W.ofs, true, "2024-01-01", NULL },
    };
    rc_centre_t upd = { .id = W.centre, .name = "Familjecentralen Centrum",
                        .municipality_id = W.muni, .framework_id = W.framework,
                        .parts = three, .n_parts = 3 };
    rep = rc_put_centre(&R, &upd);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->centre->id, W.centre);
    rc_free(rep);
    rep = rc_get(&R, RC_BODY(GET_CENTRE), W.centre);
    cr_assert_eq(rep->centre->n_participations, 3);
    cr_assert_eq(rep->centre->classification->kind, RC_CLASS(FAMILJECENTRALSLIKNANDE),
                 "%s", rep->centre->classification->summary);
    rc_free(rep);
}

/* ------------------------------------------------------------ agreement */

Test(service_crud, agreement_draft_create_read_update, .init = setup_world, .fini = teardown)
{
    rc_party_t parties[4];
    rc_agreement_t spec = rc_world_local(&W, parties);
    spec.framework_id = 0; /* a local agreement takes its centre's framework */
    rc_rep_t *rep = rc_put_agreement(&R, &spec);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    uint64_t id = rep->agreement->id;
    cr_assert_neq(id, 0);
    cr_assert_eq(rep->agreement->status, RC_STATUS(DRAFT));
    cr_assert_eq(rep->agreement->version, 1);
    cr_assert_eq(rep->agreement->framework_id, W.framework);
    rc_free(rep);

    rep = rc_get(&R, RC_BODY(GET_AGREEMENT), id);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    const Fcavtal__V1__Agreement *a = rep->agreement;
    cr_assert_eq(a->kind, RC_AKIND(LOCAL));
    cr_assert_str_eq(a->title, "Samverkansavtal Familjecentralen Centrum");
    cr_assert_str_eq(a->case_number, "SLK-2023-00875");
    cr_assert_eq(a->centre_id, W.centre);
    cr_assert_eq(a->framework_id, W.framework);
    cr_assert_eq(a->n_parties, 4);
    cr_assert_eq(a->parties[2]->organisation_id, W.muni);
    cr_assert_eq(a->parties[2]->operation_id, W.ofs);
    cr_assert(rc_date_is(a->term->start, "2024-06-01"));
    cr_assert(rc_date_is(a->term->end, "2028-05-31"));
    cr_assert_eq(a->term->notice_months, 6);
    cr_assert_eq(a->status, RC_STATUS(DRAFT));
    rc_free(rep);

    /* A draft may be changed with put: the version goes up. */
    spec.id = id;
    spec.title = "Samverkansavtal Familjecentralen Centrum, rev";
    spec.end = "2029-05-31";
    rep = rc_put_agreement(&R, &spec);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->agreement->id, id);
    cr_assert_eq(rep->agreement->version, 2);
    cr_assert_eq(rep->agreement->status, RC_STATUS(DRAFT));
    rc_free(rep);
    rep = rc_get(&R, RC_BODY(GET_AGREEMENT), id);
    cr_assert_str_eq(rep->agreement->title, "Samverkansavtal Familjecentralen Centrum, rev");
    cr_assert(rc_date_is(rep->agreement->term->end, "2029-05-31"));
    cr_assert_eq(rep->agreement->version, 2);
    rc_free(rep);
}

/* ------------------------------------------------------------ lists */

Test(service_crud, list_filters, .init = setup_world, .fini = teardown)
{
    /* A second region with a municipality and a familjecentralsliknande centre. */
    uint64_t orebro = rc_org(&R, "232100-0164", "Region Örebro län", RC_ORG(REGION), 0);
    uint64_t kommun = rc_org(&R, "212000-1967", "Örebro kommun", RC_ORG(MUNICIPALITY), orebro);
    uint64_t karlskoga = rc_org(&R, "212000-1991", "Karlskoga kommun", RC_ORG(MUNICIPALITY), orebro);
    cr_assert(orebro && kommun && karlskoga);
    uint64_t bvc = rc_op(&R, orebro, RC_OPK(BHV), "BVC Vivalla");
    uint64_t ofs = rc_op(&R, kommun, RC_OPK(OFS), "Öppna förskolan Vivalla");
    uint64_t soc = rc_op(&R, kommun, RC_OPK(SOC), "Socialtjänst Vivalla");
    cr_assert(bvc && ofs && soc);
    rc_part_t parts[] = { { bvc, true, "2020-01-01", NULL }, { ofs, true, "2020-01-01", NULL },
                          { soc, false, "2020-01-01", NULL } };
    rc_centre_t spec = { .name = "Familjecentralen Vivalla", .municipality_id = kommun,
                         .parts = parts, .n_parts = 3 };
    uint64_t vivalla = rc_centre(&R, &spec);
    cr_assert_neq(vivalla, 0);

    /* Organisations by kind and by region. */
    Fcavtal__V1__ListOrganisations lo = FCAVTAL__V1__LIST_ORGANISATIONS__INIT;
    lo.kind = RC_ORG(MUNICIPALITY);
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(LIST_ORGANISATIONS);
    req.list_organisations = &lo;
    rc_rep_t *rep = rc_call_raw(&R, &req);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->organisations->n_items, 3);
    for (size_t i = 0; i < rep->organisations->n_items; i++)
        cr_assert_eq(rep->organisations->items[i]->kind, RC_ORG(MUNICIPALITY));
    rc_free(rep);
    lo.kind = RC_ORG(MUNICIPALITY);
    lo.region_id = orebro;
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->organisations->n_items, 2);
    uint64_t ids[2] = { rep->organisations->items[0]->id, rep->organisations->items[1]->id };
    cr_assert(ids_contain(ids, 2, kommun) && ids_contain(ids, 2, karlskoga));
    rc_free(rep);

    /* Operations by organisation and kind. */
    Fcavtal__V1__ListOperations lop = FCAVTAL__V1__LIST_OPERATIONS__INIT;
    lop.organisation_id = kommun;
    req.body_case = RC_BODY(LIST_OPERATIONS);
    req.list_operations = &lop;
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->operations->n_items, 2);
    rc_free(rep);
    lop.organisation_id = 0;
    lop.kind = RC_OPK(BHV);
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->operations->n_items, 2);
    rc_free(rep);

    /* Centres by municipality, region and classification. */
    Fcavtal__V1__ListCentres lc = FCAVTAL__V1__LIST_CENTRES__INIT;
    req.body_case = RC_BODY(LIST_CENTRES);
    req.list_centres = &lc;
    lc.municipality_id = kommun;
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->centres->n_items, 1);
    cr_assert_eq(rep->centres->items[0]->id, vivalla);
    rc_free(rep);
    lc.municipality_id = 0;
    lc.region_id = W.region;
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->centres->n_items, 1);
    cr_assert_eq(rep->centres->items[0]->id, W.centre);
    rc_free(rep);
    lc.region_id = orebro;
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->centres->n_items, 1);
    cr_assert_eq(rep->centres->items[0]->id, vivalla);
    rc_free(rep);
    lc.region_id = 0;
    lc.classification = RC_CLASS(FAMILJECENTRAL);
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->centres->n_items, 1);
    cr_assert_eq(rep->centres->items[0]->id, W.centre);
    rc_free(rep);
    lc.classification = RC_CLASS(FAMILJECENTRALSLIKNANDE);
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->centres->n_items, 1, "national rules: BHV with municipal OFS/SOC");
    cr_assert_eq(rep->centres->items[0]->id, vivalla);
    rc_free(rep);
    lc.classification = RC_CLASS(NOT_COVERED);
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->centres->n_items, 0);
    rc_free(rep);

    /* Agreements by kind and status. */
    rc_party_t lp[4];
    rc_agreement_t local = rc_world_local(&W, lp);
    uint64_t local_id = rc_agreement(&R, &local);
    cr_assert_neq(local_id, 0);
    rep = rc_send_for_signature(&R, W.framework);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);
    Fcavtal__V1__ListAgreements la = FCAVTAL__V1__LIST_AGREEMENTS__INIT;
    req.body_case = RC_BODY(LIST_AGREEMENTS);
    req.list_agreements = &la;
    la.kind = RC_AKIND(FRAMEWORK);
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->agreements->n_items, 1);
    cr_assert_eq(rep->agreements->items[0]->id, W.framework);
    rc_free(rep);
    la.kind = RC_AKIND(LOCAL);
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->agreements->n_items, 1);
    cr_assert_eq(rep->agreements->items[0]->id, local_id);
    rc_free(rep);
    la.kind = 0;
    la.status = RC_STATUS(DRAFT);
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->agreements->n_items, 1);
    cr_assert_eq(rep->agreements->items[0]->id, local_id);
    rc_free(rep);
    la.status = RC_STATUS(OUT_FOR_SIGNATURE);
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->agreements->n_items, 1);
    cr_assert_eq(rep->agreements->items[0]->id, W.framework);
    rc_free(rep);
    la.status = RC_STATUS(ACTIVE);
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->agreements->n_items, 0);
    rc_free(rep);
    la.status = 0;
    la.centre_id = W.centre;
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->agreements->n_items, 1);
    cr_assert_eq(rep->agreements->items[0]->id, local_id);
    rc_free(rep);
    la.centre_id = 0;
    la.organisation_id = kommun;
    rep = rc_call_raw(&R, &req);
    cr_assert_eq(rep->agreements->n_items, 0, "Örebro kommun is party to nothing");
    rc_free(rep);
}

/* ------------------------------------------------------------ as of a date */

Test(service_crud, centre_as_of_follows_joins_and_leaves, .init = setup_world, .fini = teardown)
{
    /* SOC leaves at the end of June 2022; MHV joins in 2023. */
    rc_part_t parts[] = {
        { W.bhv, true, "2020-01-01", NULL },
        { W.ofs, true, "2020-01-01", NULL },
        { W.soc, true, "2020-01-01", "2022-06-30" },
        { W.mhv, true, "2023-01-01", NULL },
    };
    rc_centre_t spec = { .name = "Familjecentralen Väster", .municipality_id = W.muni,
                         .framework_id = W.framework, .parts = parts, .n_parts = 4 };
    uint64_t id = rc_centre(&R, &spec);
    cr_assert_neq(id, 0);

    static const struct {
        const char *date;
        size_t n_ops;
        Fcavtal__V1__ClassificationKind kind;
    } cases[] = {
        { "2019-12-31", 0, RC_CLASS(NOT_COVERED) },          /* nobody yet */
        { "2021-03-01", 3, RC_CLASS(FAMILJECENTRALSLIKNANDE) }, /* BHV OFS SOC */
        { "2022-06-30", 3, RC_CLASS(FAMILJECENTRALSLIKNANDE) }, /* last day of SOC */
        { "2022-07-01", 2, RC_CLASS(NOT_COVERED) },          /* BHV OFS */
        { "2022-12-31", 2, RC_CLASS(NOT_COVERED) },
        { "2023-01-01", 3, RC_CLASS(FAMILJECENTRALSLIKNANDE) }, /* BHV OFS MHV */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rc_rep_t *rep = rc_centre_as_of(&R, id, cases[i].date);
        cr_assert_eq(rc_code(rep), 0, "%s: %s", cases[i].date, rc_describe(rep));
        const Fcavtal__V1__CentreComposition *c = rep->composition;
        cr_assert_not_null(c);
        cr_assert(rc_date_is(c->date, cases[i].date));
        cr_assert_eq(c->centre->n_participations, cases[i].n_ops, "%s", cases[i].date);
        cr_assert_eq(c->n_operations, cases[i].n_ops, "%s", cases[i].date);
        cr_assert_eq(c->centre->classification->kind, cases[i].kind, "%s: %s", cases[i].date,
                     c->centre->classification->summary);
        cr_assert(rc_date_is(c->centre->classification->as_of, cases[i].date));
        bool has_soc = false, has_mhv = false;
        for (size_t j = 0; j < c->n_operations; j++) {
            has_soc |= c->operations[j]->id == W.soc;
            has_mhv |= c->operations[j]->id == W.mhv;
        }
        bool soc_expected = strcmp(cases[i].date, "2020-01-01") >= 0
                            && strcmp(cases[i].date, "2022-06-30") <= 0;
        bool mhv_expected = strcmp(cases[i].date, "2023-01-01") >= 0;
        cr_assert_eq(has_soc, soc_expected, "%s: SOC", cases[i].date);
        cr_assert_eq(has_mhv, mhv_expected, "%s: MHV", cases[i].date);
        /* Organisations: the region for BHV/MHV, the municipality for OFS/SOC. */
        cr_assert_eq(c->n_organisations, cases[i].n_ops ? 2u : 0u, "%s", cases[i].date);
        rc_free(rep);
    }

    /* The stored centre is untouched by the question. */
    rc_rep_t *rep = rc_get(&R, RC_BODY(GET_CENTRE), id);
    cr_assert_eq(rep->centre->n_participations, 4);
    rc_free(rep);

    rep = rc_centre_as_of(&R, id, NULL);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    rc_free(rep);
    rep = rc_centre_as_of(&R, id + 40, "2023-01-01");
    cr_assert_eq(rc_code(rep), RC_CODE(NOT_FOUND), "%s", rc_describe(rep));
    rc_free(rep);
}

/* ------------------------------------------------------------ history */

Test(service_crud, agreement_history_keeps_every_version, .init = setup_world, .fini = teardown)
{
    rc_party_t parties[4];
    rc_agreement_t spec = rc_world_local(&W, parties);
    uint64_t id = rc_agreement(&R, &spec);
    cr_assert_neq(id, 0);
    spec.id = id;
    spec.title = "Andra utkastet";
    rc_rep_t *rep = rc_put_agreement(&R, &spec);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);
    rep = rc_send_for_signature(&R, id);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);
    rep = rc_sign(&R, id, W.region, W.bhv, "2024-05-20");
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);

    rep = rc_get(&R, RC_BODY(AGREEMENT_HISTORY), id);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    const Fcavtal__V1__AgreementHistory *h = rep->history;
    cr_assert_eq(h->n_versions, 4);
    for (size_t i = 0; i < h->n_versions; i++)
        cr_assert_eq(h->versions[i]->version, i + 1, "versions in order");
    cr_assert_str_eq(h->versions[0]->title, "Samverkansavtal Familjecentralen Centrum",
                     "the first version is not overwritten");
    cr_assert_str_eq(h->versions[1]->title, "Andra utkastet");
    cr_assert_eq(h->versions[0]->status, RC_STATUS(DRAFT));
    cr_assert_eq(h->versions[1]->status, RC_STATUS(DRAFT));
    cr_assert_eq(h->versions[2]->status, RC_STATUS(OUT_FOR_SIGNATURE));
    cr_assert_eq(h->versions[2]->n_signatures, 0);
    cr_assert_eq(h->versions[3]->n_signatures, 1);
    rc_free(rep);

    /* The current record is the last version. */
    rep = rc_get(&R, RC_BODY(GET_AGREEMENT), id);
    cr_assert_eq(rep->agreement->version, 4);
    cr_assert_eq(rep->agreement->n_signatures, 1);
    rc_free(rep);

    /* Another agreement's history is its own. */
    rep = rc_get(&R, RC_BODY(AGREEMENT_HISTORY), W.framework);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->history->n_versions, 1);
    cr_assert_eq(rep->history->versions[0]->id, W.framework);
    rc_free(rep);
    rep = rc_get(&R, RC_BODY(AGREEMENT_HISTORY), id + 77);
    cr_assert_eq(rc_code(rep), RC_CODE(NOT_FOUND), "%s", rc_describe(rep));
    rc_free(rep);
}

/* ------------------------------------------------------------ pages */

/* All pages of organisations for a filter, collected in order. */
static size_t collect_pages(Fcavtal__V1__ListOrganisations *lo, uint64_t *ids, size_t max,
                            size_t *pages)
{
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(LIST_ORGANISATIONS);
    req.list_organisations = lo;
    size_t n = 0;
    *pages = 0;
    lo->after_id = 0;
    do {
        rc_rep_t *rep = rc_call_raw(&R, &req);
        cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
        cr_assert_leq(rep->organisations->n_items, lo->limit);
        for (size_t i = 0; i < rep->organisations->n_items && n < max; i++)
            ids[n++] = rep->organisations->items[i]->id;
        lo->after_id = rep->organisations->next_after_id;
        (*pages)++;
        rc_free(rep);
    } while (lo->after_id && *pages < 100);
    return n;
}

static void assert_ascending(const uint64_t *ids, size_t n)
{
    for (size_t i = 1; i < n; i++)
        cr_assert_gt(ids[i], ids[i - 1], "pages in id order, no repeats (at %zu)", i);
}

/* Every path a list can take (a scan, an index, a union of indexes) pages
 * the same way: in id order, nothing twice, nothing left out. */
Test(service_crud, lists_page_through_scans_indexes_and_unions, .init = setup, .fini = teardown)
{
    char nr[12];
    uint64_t region = rc_org(&R, rc_orgnr(nr, 500), "Region", RC_ORG(REGION), 0);
    uint64_t other = rc_org(&R, rc_orgnr(nr, 501), "Annan region", RC_ORG(REGION), 0);
    for (unsigned i = 0; i < 23; i++) {
        char name[32];
        snprintf(name, sizeof name, "Kommun %u", i);
        cr_assert_neq(rc_org(&R, rc_orgnr(nr, 510 + i), name, RC_ORG(MUNICIPALITY),
                             i % 3 ? region : other), 0);
    }
    uint64_t ids[64];
    size_t pages;
    Fcavtal__V1__ListOrganisations lo = FCAVTAL__V1__LIST_ORGANISATIONS__INIT;
    lo.limit = 4;
    size_t n = collect_pages(&lo, ids, 64, &pages);
    cr_assert_eq(n, 25, "a scan: every organisation");
    cr_assert_eq(pages, 7);
    assert_ascending(ids, n);
    lo.kind = RC_ORG(MUNICIPALITY);
    n = collect_pages(&lo, ids, 64, &pages);
    cr_assert_eq(n, 23, "the kind index");
    assert_ascending(ids, n);
    lo.kind = 0;
    lo.region_id = region;
    n = collect_pages(&lo, ids, 64, &pages);
    cr_assert_eq(n, 16, "the region and its 15 municipalities, through a union");
    assert_ascending(ids, n);
    cr_assert_eq(ids[0], region);
}
