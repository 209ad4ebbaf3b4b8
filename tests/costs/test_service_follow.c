/* The read model follows the registry: an operation leaving a centre in the
 * registry reaches costs through the follower and changes the next run,
 * also when costs was down while it happened. */
#include <criterion/criterion.h>
#include <signal.h>

#include "service_fixture.h"

static sf_t F;
static rc_world_t W;

static void setup(void)
{
    cr_assert_eq(sf_start(&F, "2"), 0);
    cr_assert_eq(rc_world(&F.reg, &W), 0);
}

static void teardown(void)
{
    sf_cleanup(&F);
}

TestSuite(costs_follow, .init = setup, .fini = teardown, .timeout = 120);

static uint64_t run_year(uint64_t centre)
{
    sf_rep_t *rep = sf_run(&F, "year", 2025, 0, &centre, 1, NULL);
    cr_assert(rep && rep->status->code == 0, "%s", rep ? rep->status->message : "no reply");
    uint64_t id = rep->run->id;
    sf_free(rep);
    return id;
}

Test(costs_follow, an_operation_leaving_changes_the_next_run)
{
    rc_part_t parts[] = {{W.bhv, true, "2024-01-01", NULL}, {W.mhv, true, "2024-01-01", NULL},
                         {W.ofs, true, "2024-01-01", NULL}, {W.soc, true, "2024-01-01", NULL}};
    sf_centre_t c = {"Familjecentralen Backa", W.muni, W.framework, "2024-06-01", W.ofs, parts, 4};
    uint64_t centre = sf_centre(&F, &c);
    cr_assert(centre && sf_sync(&F));
    cr_assert(sf_item(&F, centre, SF_CAT(COORDINATOR), 36500000, 0, "2025-01-01", "2025-12-31"));
    uint64_t r1 = run_year(centre);
    cr_expect_eq(sf_party(&F, r1, W.mhv).share, 9125000);

    /* The midwives leave at the end of June (181 days in). */
    parts[1].left = "2025-06-30";
    cr_assert(sf_centre_update(&F, centre, &c));
    cr_assert(sf_sync(&F), "the change did not reach costs");
    uint64_t r2 = run_year(centre);
    /* 181 days shared by four (100 000 öre a day), 184 by three. */
    cr_expect_eq(sf_party(&F, r2, W.mhv).share, 4525000);
    int64_t b, s;
    size_t n;
    cr_assert(sf_sums(&F, r2, &b, &s, &n));
    cr_expect_eq(s, 36500000);
    cr_expect_eq(b, 0);

    /* While costs is down the social services leave too; costs catches up. */
    cr_assert_eq(fc_harness_stop(&F.costs.h, SIGKILL) != -1, 1);
    parts[3].left = "2025-06-30";
    cr_assert(sf_centre_update(&F, centre, &c));
    cr_assert_eq(sf_restart_costs(&F, SIGKILL), 0);
    cr_assert(sf_sync(&F), "costs did not catch up after its restart");
    uint64_t r3 = run_year(centre);
    cr_expect_eq(sf_party(&F, r3, W.soc).share, 4525000);
    cr_expect_eq(sf_party(&F, r3, W.bhv).share, 4525000 + 9200000);
    /* The earlier runs are as they were. */
    cr_expect_eq(sf_party(&F, r1, W.mhv).share, 9125000);
}

Test(costs_follow, framework_rule_set_and_coordinator_employer_from_the_registry)
{
    /* No framework: no rule for the coordinator, and the run says so. */
    rc_part_t parts[] = {{W.bhv, true, "2024-01-01", NULL}, {W.ofs, true, "2024-01-01", NULL}};
    sf_centre_t c = {"Familjecentralen Utan ramavtal", W.muni, 0, "2024-06-01", W.bhv, parts, 2};
    uint64_t centre = sf_centre(&F, &c);
    cr_assert(centre && sf_sync(&F));
    cr_assert(sf_item(&F, centre, SF_CAT(COORDINATOR), 1000000, 0, "2025-01-01", "2025-12-31"));
    sf_rep_t *rep = sf_run(&F, "year", 2025, 0, &centre, 1, NULL);
    cr_assert(rep);
    cr_expect_eq(rep->status->code, SF_CODE(FAILED_PRECONDITION), "%s", rep->status->message);
    sf_free(rep);
    /* The registry puts it under the VG framework: VG §14.1 applies. */
    c.framework_id = W.framework;
    cr_assert(sf_centre_update(&F, centre, &c));
    cr_assert(sf_sync(&F));
    uint64_t r = run_year(centre);
    sf_line_t bhv = sf_party(&F, r, W.bhv);
    cr_expect_eq(bhv.paid, 1000000, "the coordinator's employer paid it");
    cr_expect_eq(bhv.share, 500000);
}
