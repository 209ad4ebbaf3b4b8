/* Family-centre classification (VG §8.2-8.4, Bilaga 3, national guidance). */
#include <criterion/criterion.h>
#include <string.h>

#include "classify.h"

#define OPK(x) FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_##x
#define RSET(x) FCAVTAL__V1__RULE_SET__RULE_SET_##x
#define CKIND(x) FCAVTAL__V1__CLASSIFICATION_KIND__CLASSIFICATION_##x

/* kind, co-located, municipal */
#define M(k, c, m) {.kind = OPK(k), .co_located = (c), .municipal = (m)}
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const fc_date_t as_of = {2025, 3, 14};

static Fcavtal__V1__Classification *classify(const fc_member_t *m, size_t n, bool prio,
                                             Fcavtal__V1__RuleSet rs)
{
    Fcavtal__V1__Classification *c = fc_classify(m, n, prio, rs, as_of);
    cr_assert_not_null(c);
    cr_assert_not_null(c->summary);
    cr_assert_not_null(c->as_of);
    for (size_t i = 0; i < c->n_checks; i++) {
        cr_assert_not_null(c->checks[i]);
        cr_assert_gt(strlen(c->checks[i]->rule), 0);
        cr_assert_gt(strlen(c->checks[i]->reason), 0, "rule %s has no reason",
                     c->checks[i]->rule);
    }
    return c;
}

static const Fcavtal__V1__RuleCheck *check(const Fcavtal__V1__Classification *c, const char *rule)
{
    for (size_t i = 0; i < c->n_checks; i++)
        if (strcmp(c->checks[i]->rule, rule) == 0)
            return c->checks[i];
    cr_assert_fail("no check %s", rule);
    return NULL;
}

static void expect_check(const Fcavtal__V1__Classification *c, const char *rule, bool passed,
                         const char *reason_part)
{
    const Fcavtal__V1__RuleCheck *rc = check(c, rule);
    cr_expect_eq(rc->passed, passed, "%s: passed=%d (%s)", rule, rc->passed, rc->reason);
    if (reason_part)
        cr_expect_not_null(strstr(rc->reason, reason_part), "%s: \"%s\" lacks \"%s\"", rule,
                           rc->reason, reason_part);
}

static void expect_summary(const Fcavtal__V1__Classification *c, const char *part)
{
    cr_expect_not_null(strstr(c->summary, part), "summary \"%s\" lacks \"%s\"", c->summary,
                       part);
}

static void expect_rules(const Fcavtal__V1__Classification *c, const char *const *rules,
                         size_t n)
{
    cr_assert_eq(c->n_checks, n);
    for (size_t i = 0; i < n; i++)
        cr_expect_str_eq(c->checks[i]->rule, rules[i]);
}

static const char *const fc_rules[] = {"all_four_base_operations",
                                       "all_base_operations_co_located"};
static const char *const vg_rules[] = {
    "all_four_base_operations",      "all_base_operations_co_located",
    "at_least_three_base_operations", "bhv_and_ofs_take_part",
    "mhv_or_soc_takes_part",         "bhv_co_located_with_municipal_operation"};
static const char *const national_rules[] = {"all_four_base_operations",
                                             "all_base_operations_co_located",
                                             "national_bhv_and_municipal_operation"};

static void free_c(Fcavtal__V1__Classification *c)
{
    fcavtal__v1__classification__free_unpacked(c, NULL);
}

/* ------------------------------------------------------- familjecentral */

Test(classify, vg_all_four_co_located_is_familjecentral)
{
    fc_member_t m[] = {M(BHV, true, false), M(MHV, true, false), M(OFS, true, true),
                       M(SOC, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRAL));
    cr_assert_eq(c->rule_set, RSET(VG));
    cr_assert_eq(c->as_of->year, 2025);
    cr_assert_eq(c->as_of->month, 3);
    cr_assert_eq(c->as_of->day, 14);
    expect_rules(c, fc_rules, N(fc_rules));
    expect_check(c, "all_four_base_operations", true, "BHV, MHV, OFS and SOC");
    expect_check(c, "all_base_operations_co_located", true, "co-located");
    expect_summary(c, "familjecentral: all four base operations take part and are co-located");
    expect_summary(c, "VG §8.2");
    free_c(c);
}

Test(classify, familjecentral_needs_no_municipal_flag)
{
    /* Co-location of all four is the whole definition (VG §8.2). */
    fc_member_t m[] = {M(SOC, true, false), M(OFS, true, false), M(MHV, true, false),
                       M(BHV, true, false)};
    Fcavtal__V1__Classification *c = classify(m, N(m), true, RSET(VG));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRAL));
    free_c(c);
}

/* ------------------------------------------------- familjecentralsliknande */

Test(classify, vg_mhv_not_co_located_outside_prioritised_area_cites_bilaga3)
{
    fc_member_t m[] = {M(BHV, true, false), M(MHV, false, false), M(OFS, true, true),
                       M(SOC, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRALSLIKNANDE));
    expect_rules(c, vg_rules, N(vg_rules));
    expect_check(c, "all_four_base_operations", true, NULL);
    expect_check(c, "all_base_operations_co_located", false, "not co-located: MHV");
    expect_check(c, "all_base_operations_co_located", false, "Bilaga 3");
    expect_check(c, "all_base_operations_co_located", false, "outside socio-economically");
    expect_check(c, "at_least_three_base_operations", true, "4 of 4");
    expect_check(c, "bhv_and_ofs_take_part", true, NULL);
    expect_check(c, "mhv_or_soc_takes_part", true, "MHV and SOC");
    expect_check(c, "bhv_co_located_with_municipal_operation", true, "OFS, SOC");
    expect_summary(c, "familjecentralsliknande");
    expect_summary(c, "VG §8.3");
    expect_summary(c, "Bilaga 3");
    free_c(c);
}

Test(classify, vg_mhv_not_co_located_in_prioritised_area_says_so)
{
    fc_member_t m[] = {M(BHV, true, false), M(MHV, false, false), M(OFS, true, true),
                       M(SOC, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), true, RSET(VG));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRALSLIKNANDE));
    const Fcavtal__V1__RuleCheck *rc = check(c, "all_base_operations_co_located");
    cr_expect_not_null(strstr(rc->reason, "prioritised area"), "%s", rc->reason);
    cr_expect_not_null(strstr(rc->reason, "Bilaga 3"), "%s", rc->reason);
    cr_expect_null(strstr(rc->reason, "outside"), "%s", rc->reason);
    cr_expect_null(strstr(c->summary, "outside"), "%s", c->summary);
    free_c(c);
}

Test(classify, no_bilaga3_note_when_another_operation_is_not_co_located)
{
    fc_member_t m[] = {M(BHV, true, false), M(MHV, true, false), M(OFS, true, true),
                       M(SOC, false, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRALSLIKNANDE));
    expect_check(c, "all_base_operations_co_located", false, "not co-located: SOC");
    cr_expect_null(strstr(check(c, "all_base_operations_co_located")->reason, "Bilaga 3"));
    cr_expect_null(strstr(c->summary, "Bilaga 3"));
    free_c(c);
}

Test(classify, vg_three_without_mhv)
{
    fc_member_t m[] = {M(BHV, true, false), M(OFS, true, true), M(SOC, false, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRALSLIKNANDE));
    expect_check(c, "all_four_base_operations", false, "missing: MHV");
    expect_check(c, "all_base_operations_co_located", false, "not taking part: MHV");
    expect_check(c, "at_least_three_base_operations", true, "3 of 4");
    expect_check(c, "mhv_or_soc_takes_part", true, "SOC takes part");
    expect_check(c, "bhv_co_located_with_municipal_operation", true, "municipal OFS");
    free_c(c);
}

Test(classify, vg_three_without_soc_bhv_co_located_with_ofs)
{
    fc_member_t m[] = {M(BHV, true, false), M(MHV, false, false), M(OFS, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRALSLIKNANDE));
    expect_check(c, "all_four_base_operations", false, "missing: SOC");
    expect_check(c, "mhv_or_soc_takes_part", true, "MHV takes part");
    free_c(c);
}

Test(classify, vg_bhv_co_located_with_soc_only)
{
    fc_member_t m[] = {M(BHV, true, false), M(OFS, false, true), M(SOC, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRALSLIKNANDE));
    expect_check(c, "bhv_co_located_with_municipal_operation", true, "municipal SOC");
    free_c(c);
}

/* ----------------------------------------------------------- not covered */

Test(classify, vg_fails_at_least_three_and_mhv_or_soc)
{
    fc_member_t m[] = {M(BHV, true, false), M(OFS, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_rules(c, vg_rules, N(vg_rules));
    expect_check(c, "all_four_base_operations", false, "missing: MHV, SOC");
    expect_check(c, "at_least_three_base_operations", false, "2 of 4");
    expect_check(c, "at_least_three_base_operations", false, "missing: MHV, SOC");
    expect_check(c, "bhv_and_ofs_take_part", true, NULL);
    expect_check(c, "mhv_or_soc_takes_part", false, "neither MHV nor SOC");
    expect_check(c, "bhv_co_located_with_municipal_operation", true, NULL);
    expect_summary(c, "not covered");
    expect_summary(c, "footnote 21");
    expect_summary(c, "neither MHV nor SOC");
    free_c(c);
}

Test(classify, vg_fails_bhv_and_ofs_only)
{
    fc_member_t m[] = {M(BHV, true, false), M(MHV, true, false), M(SOC, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_check(c, "at_least_three_base_operations", true, NULL);
    expect_check(c, "bhv_and_ofs_take_part", false, "missing: OFS");
    expect_check(c, "mhv_or_soc_takes_part", true, NULL);
    expect_check(c, "bhv_co_located_with_municipal_operation", true, NULL);
    expect_summary(c, "missing: OFS");
    free_c(c);
}

Test(classify, vg_fails_bhv_and_ofs_without_bhv)
{
    fc_member_t m[] = {M(MHV, true, false), M(OFS, true, true), M(SOC, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_check(c, "bhv_and_ofs_take_part", false, "missing: BHV");
    expect_check(c, "bhv_co_located_with_municipal_operation", false, "BHV does not take part");
    free_c(c);
}

Test(classify, vg_fails_bhv_not_co_located)
{
    fc_member_t m[] = {M(BHV, false, false), M(MHV, true, false), M(OFS, true, true),
                       M(SOC, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_check(c, "all_base_operations_co_located", false, "not co-located: BHV");
    expect_check(c, "at_least_three_base_operations", true, NULL);
    expect_check(c, "bhv_and_ofs_take_part", true, NULL);
    expect_check(c, "mhv_or_soc_takes_part", true, NULL);
    expect_check(c, "bhv_co_located_with_municipal_operation", false, "BHV is not co-located");
    expect_summary(c, "BHV is not co-located");
    free_c(c);
}

Test(classify, vg_fails_no_co_located_municipal_operation)
{
    fc_member_t m[] = {M(BHV, true, false), M(MHV, true, false), M(OFS, false, true),
                       M(SOC, false, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_check(c, "all_base_operations_co_located", false, "not co-located: OFS, SOC");
    expect_check(c, "bhv_co_located_with_municipal_operation", false,
                 "no municipal OFS or SOC is co-located");
    free_c(c);
}

Test(classify, vg_co_located_ofs_not_run_by_a_municipality)
{
    fc_member_t m[] = {M(BHV, true, false), M(MHV, false, false), M(OFS, true, false)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_check(c, "bhv_co_located_with_municipal_operation", false,
                 "not run by a municipality: OFS");
    free_c(c);
}

Test(classify, vg_every_rule_failing)
{
    fc_member_t m[] = {M(OFS, true, true), M(OTHER, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    for (size_t i = 0; i < c->n_checks; i++)
        cr_expect_not(c->checks[i]->passed, "%s", c->checks[i]->rule);
    expect_check(c, "bhv_and_ofs_take_part", false, "missing: BHV");
    expect_summary(c, "1 of 4");
    expect_summary(c, "BHV does not take part");
    free_c(c);
}

Test(classify, empty_centre)
{
    Fcavtal__V1__Classification *c = classify(NULL, 0, false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_rules(c, vg_rules, N(vg_rules));
    expect_check(c, "all_four_base_operations", false, "missing: BHV, MHV, OFS, SOC");
    expect_check(c, "at_least_three_base_operations", false, "0 of 4");
    for (size_t i = 0; i < c->n_checks; i++)
        cr_expect_not(c->checks[i]->passed, "%s", c->checks[i]->rule);
    expect_summary(c, "not covered");
    free_c(c);
}

Test(classify, empty_centre_national)
{
    fc_member_t none[1] = {M(BHV, true, true)};
    Fcavtal__V1__Classification *c = classify(none, 0, false, RSET(NATIONAL));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_rules(c, national_rules, N(national_rules));
    expect_check(c, "national_bhv_and_municipal_operation", false, "missing: BHV");
    free_c(c);
}

/* ---------------------------------------------------------------- Örebro */

Test(classify, orebro_uses_vg_definitions_and_names_region)
{
    fc_member_t fc[] = {M(BHV, true, false), M(MHV, true, false), M(OFS, true, true),
                        M(SOC, true, true)};
    Fcavtal__V1__Classification *c = classify(fc, N(fc), false, RSET(OREBRO));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRAL));
    cr_assert_eq(c->rule_set, RSET(OREBRO));
    expect_summary(c, "Region Örebro län");
    free_c(c);

    fc_member_t like[] = {M(BHV, true, false), M(MHV, false, false), M(OFS, true, true)};
    c = classify(like, N(like), false, RSET(OREBRO));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRALSLIKNANDE));
    expect_rules(c, vg_rules, N(vg_rules));
    expect_summary(c, "Region Örebro län");
    free_c(c);

    fc_member_t none[] = {M(BHV, true, false), M(SOC, true, true)};
    c = classify(none, N(none), false, RSET(OREBRO));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_summary(c, "Region Örebro län");
    expect_check(c, "bhv_and_ofs_take_part", false, "missing: OFS");
    free_c(c);
}

/* -------------------------------------------------------------- national */

Test(classify, national_bhv_with_municipal_ofs_not_co_located)
{
    fc_member_t m[] = {M(BHV, false, false), M(OFS, false, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(NATIONAL));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRALSLIKNANDE));
    cr_assert_eq(c->rule_set, RSET(NATIONAL));
    expect_rules(c, national_rules, N(national_rules));
    expect_check(c, "national_bhv_and_municipal_operation", true, "municipal OFS");
    expect_summary(c, "familjecentralsliknande");
    expect_summary(c, "national guidance");
    free_c(c);
}

Test(classify, national_bhv_with_municipal_soc)
{
    fc_member_t m[] = {M(BHV, true, false), M(SOC, false, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(NATIONAL));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRALSLIKNANDE));
    expect_check(c, "national_bhv_and_municipal_operation", true, "municipal SOC");
    free_c(c);
}

Test(classify, national_all_four_co_located_is_familjecentral)
{
    fc_member_t m[] = {M(BHV, true, false), M(MHV, true, false), M(OFS, true, true),
                       M(SOC, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(NATIONAL));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRAL));
    expect_rules(c, fc_rules, N(fc_rules));
    expect_summary(c, "national guidance");
    free_c(c);
}

Test(classify, national_fails_without_bhv)
{
    fc_member_t m[] = {M(MHV, true, false), M(OFS, true, true), M(SOC, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(NATIONAL));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_check(c, "national_bhv_and_municipal_operation", false, "missing: BHV");
    expect_summary(c, "not covered");
    free_c(c);
}

Test(classify, national_fails_without_municipal_operation)
{
    fc_member_t m[] = {M(BHV, true, false), M(MHV, true, false), M(OFS, true, false)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(NATIONAL));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_check(c, "national_bhv_and_municipal_operation", false,
                 "no municipal OFS or SOC takes part");
    expect_check(c, "national_bhv_and_municipal_operation", false,
                 "not run by a municipality: OFS");
    free_c(c);
}

Test(classify, unspecified_rule_set_is_national)
{
    fc_member_t m[] = {M(BHV, false, false), M(SOC, false, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(UNSPECIFIED));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRALSLIKNANDE));
    cr_assert_eq(c->rule_set, RSET(NATIONAL));
    expect_rules(c, national_rules, N(national_rules));
    free_c(c);

    /* The same centre is not covered by VG: BHV is not co-located, no OFS. */
    c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    free_c(c);
}

/* ------------------------------------------------- duplicates and others */

Test(classify, duplicate_kinds_count_once_and_any_co_located_counts)
{
    fc_member_t m[] = {M(BHV, false, false), M(BHV, true, false), M(MHV, true, false),
                       M(OFS, true, true),   M(OFS, false, true), M(SOC, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRAL));
    free_c(c);

    fc_member_t two[] = {M(BHV, true, false), M(BHV, true, false), M(OFS, true, true)};
    c = classify(two, N(two), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_check(c, "at_least_three_base_operations", false, "2 of 4 base operations");
    expect_check(c, "at_least_three_base_operations", false, "(BHV, OFS)");
    free_c(c);

    fc_member_t nc[] = {M(BHV, true, false), M(MHV, false, false), M(MHV, false, false),
                        M(OFS, true, true), M(SOC, true, true)};
    c = classify(nc, N(nc), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRALSLIKNANDE));
    const char *reason = check(c, "all_base_operations_co_located")->reason;
    const char *first = strstr(reason, "MHV");
    cr_assert_not_null(first);
    cr_expect(strncmp(reason, "not co-located: MHV;", 20) == 0, "%s", reason);
    free_c(c);
}

Test(classify, municipal_and_co_located_may_come_from_different_members_only_if_one_has_both)
{
    /* One OFS is municipal, another co-located; neither is both. */
    fc_member_t m[] = {M(BHV, true, false), M(MHV, true, false), M(OFS, true, false),
                       M(OFS, false, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_check(c, "bhv_co_located_with_municipal_operation", false, NULL);
    free_c(c);
}

Test(classify, other_actors_are_ignored_by_rules_but_counted)
{
    fc_member_t m[] = {M(OTHER, true, true), M(OTHER, true, true), M(OTHER, true, false),
                       M(BHV, true, false),  M(OFS, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(NOT_COVERED));
    expect_check(c, "at_least_three_base_operations", false, "2 of 4");
    expect_summary(c, "3 other actors");
    free_c(c);

    fc_member_t fc[] = {M(BHV, true, false), M(MHV, true, false), M(OTHER, false, false),
                        M(OFS, true, true),  M(SOC, true, true)};
    c = classify(fc, N(fc), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRAL));
    expect_summary(c, "1 other actor ");
    free_c(c);
}

Test(classify, unspecified_kind_is_neither_base_nor_other)
{
    fc_member_t m[] = {M(UNSPECIFIED, true, true), M(BHV, true, false), M(OFS, true, true),
                       M(SOC, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_assert_eq(c->kind, CKIND(FAMILJECENTRALSLIKNANDE));
    cr_expect_null(strstr(c->summary, "other actor"), "%s", c->summary);
    free_c(c);
}

Test(classify, no_other_actor_text_without_others)
{
    fc_member_t m[] = {M(BHV, true, false), M(MHV, true, false), M(OFS, true, true),
                       M(SOC, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    cr_expect_null(strstr(c->summary, "other actor"), "%s", c->summary);
    free_c(c);
}

/* ------------------------------------------------------------------ wire */

Test(classify, packs_and_unpacks)
{
    fc_member_t m[] = {M(BHV, true, false), M(MHV, false, false), M(OFS, true, true)};
    Fcavtal__V1__Classification *c = classify(m, N(m), false, RSET(VG));
    size_t len = fcavtal__v1__classification__get_packed_size(c);
    uint8_t *buf = malloc(len);
    cr_assert_not_null(buf);
    cr_assert_eq(fcavtal__v1__classification__pack(c, buf), len);
    Fcavtal__V1__Classification *back = fcavtal__v1__classification__unpack(NULL, len, buf);
    cr_assert_not_null(back);
    cr_expect_eq(back->kind, c->kind);
    cr_expect_eq(back->n_checks, c->n_checks);
    cr_expect_str_eq(back->summary, c->summary);
    cr_expect_eq(back->as_of->day, 14);
    free(buf);
    free_c(back);
    free_c(c);
}
