/* The financing section from the costs service: render follows costs and
 * writes the settled coordinator cost and each party's share, to the öre,
 * once a year's settlement is finalised; never figures from a draft run or
 * from after the version's date; and no new document while the costs data
 * has not arrived. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/v1/costs.pb-c.h"
#include "pdf_tools.h"
#include "render_service.h"

#define ANGERED "N167-0412/23"
#define COSTS_SAMPLE FC_SOURCE_DIR "/deploy/sample/costs.json"

static rs_t S;
static uint64_t RUN;

/* The fcavtal CLI against this test's registry and costs; its stdout. */
static char *cli(const char *args)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s --registry %s --costs %s %s", FC_CLI_BIN, S.reg.h.endpoint,
             S.costs.h.endpoint, args);
    int status = 0;
    char *out = tool_run(cmd, true, &status);
    cr_assert(out && status == 0, "%s: %s", cmd, out ? out : "no output");
    return out;
}

static bool costs_caught_up(void *arg)
{
    (void)arg;
    Fcavtal__V1__StatusRequest q = FCAVTAL__V1__STATUS_REQUEST__INIT;
    Fcavtal__V1__CostsReply *rep = (Fcavtal__V1__CostsReply *)rs_costs_call(&S, "status", &q.base);
    bool ok = rep && rep->service_status && rep->service_status->live
              && rep->service_status->registry_position == rep->service_status->registry_seq;
    tc_free((ProtobufCMessage *)rep);
    return ok;
}

/* The sample's 2025 costs loaded and settled in a draft run. */
static void setup(void)
{
    cr_assert_eq(rs_start_with_costs(&S), 0, "registry, costs and render did not come up");
    cr_assert(fc_harness_wait(costs_caught_up, NULL, 30000), "costs did not follow the registry");
    free(cli("costs load " COSTS_SAMPLE));
    char *out = cli("--json costs run 2025");
    char *id = strstr(out, "\"id\":");
    cr_assert_not_null(id, "%s", out);
    RUN = strtoull(id + 5, NULL, 10);
    free(out);
    cr_assert(RUN);
}

static void teardown(void)
{
    rs_cleanup(&S);
}

TestSuite(render_costs, .init = setup, .fini = teardown, .timeout = 180);

static void finalise(void)
{
    char args[64];
    snprintf(args, sizeof args, "costs finalise %llu", (unsigned long long)RUN);
    free(cli(args));
    cr_assert(rs_wait_synced(&S, 30000));
}

/* The Markdown of the agreement's current version; review: a review copy. */
static char *markdown(uint64_t id, bool review)
{
    rs_rep_t *rep = rs_render(&S, id, 0, RS_MD, review);
    cr_assert(rep && rep->status->code == 0, "%s", rs_describe(rep));
    size_t size;
    uint8_t *bytes = rs_fetch(&S, rep->rendered->info->id, 0, &size);
    tc_free((ProtobufCMessage *)rep);
    cr_assert_not_null(bytes);
    char *text = malloc(size + 1);
    memcpy(text, bytes, size);
    text[size] = '\0';
    free(bytes);
    return text;
}

static Fcavtal__V1__FollowState follow_state(void)
{
    Fcavtal__V1__FollowStatus q = FCAVTAL__V1__FOLLOW_STATUS__INIT;
    rs_rep_t *rep = rs_call(&S, "follow_status", &q.base);
    cr_assert(rep && rep->follow, "%s", rs_describe(rep));
    Fcavtal__V1__FollowState f = *rep->follow;
    tc_free((ProtobufCMessage *)rep);
    return f;
}

static bool registry_live(void *arg)
{
    (void)arg;
    return follow_state().live;
}

static uint64_t angered_signed_on(const char *date)
{
    uint64_t id = rs_agreement(&S, ANGERED);
    cr_assert(id);
    cr_assert_eq(rs_sign_all(&S, id, date), 0);
    cr_assert(rs_wait_synced(&S, 30000));
    return id;
}

/* Angered, VG §14.1: 620 000 kr over four base operations, 155 000 kr each
 * (amounts are written with no-break spaces). */
static const char *const SHARES[] = {
    "Barnavårdscentralen Angered", "Barnmorskemottagningen Angered", "Öppna förskolan Angered",
    "Förebyggande socialtjänst Angered" };

static void expect_share_line(const char *md, const char *party, bool with_amount)
{
    /* "- Barnavårdscentralen Angered (232100-0131): ...": the share list */
    char head[256];
    snprintf(head, sizeof head, "\n- %s (", party);
    const char *at = strstr(md, head);
    cr_assert_not_null(at, "no share line for %s", party);
    at++;
    const char *eol = strchr(at, '\n');
    size_t len = eol ? (size_t)(eol - at) : strlen(at);
    char line[512];
    snprintf(line, sizeof line, "%.*s", (int)len, at);
    if (with_amount)
        cr_expect(strstr(line, "155\u00a0000,00\u00a0kr (1/4)"), "%s", line);
    else
        cr_expect(!strstr(line, "kr") && strstr(line, ": 1/4"), "a fraction only: %s", line);
}

Test(render_costs, the_settled_year_fills_the_financing_section)
{
    uint64_t id = angered_signed_on("2026-01-20");
    char *draft = markdown(id, true);
    /* The run is a draft: nothing anyone pays by. */
    cr_expect(!strstr(draft, "620\u00a0000,00\u00a0kr"), "figures of a draft run: %s", draft);
    for (size_t i = 0; i < 4; i++)
        expect_share_line(draft, SHARES[i], false);
    free(draft);

    finalise();
    char *md = markdown(id, false);
    cr_expect(strstr(md, "Kostnaden för samordnaren är 620\u00a0000,00\u00a0kr per år (2025)"), "%s", md);
    for (size_t i = 0; i < 4; i++)
        expect_share_line(md, SHARES[i], true);
    char settled[128];
    snprintf(settled, sizeof settled, "Enligt avräkningen för 2025 (avräkning %llu, fastställd "
             "2026-01-15)", (unsigned long long)RUN);
    cr_expect(strstr(md, settled), "%s", md);
    cr_expect(strstr(md, "ersätts av de övriga parterna med sammanlagt 465\u00a0000,00\u00a0kr"), "%s", md);
    cr_expect(strstr(md, "gemensamma lokaler 312\u00a0000,00\u00a0kr (Nyttjanderättsavtal Angered §2)"),
              "%s", md);
    free(md);
}

Test(render_costs, no_figures_from_after_the_versions_date)
{
    finalise();
    /* Signed in 2024: the 2025 settlement is the future for this version. */
    uint64_t id = angered_signed_on("2024-01-10");
    char *md = markdown(id, false);
    cr_expect(!strstr(md, "620\u00a0000,00\u00a0kr"), "%s", md);
    cr_expect(strstr(md, "Kostnaden för samordnaren fördelas så här:"), "%s", md);
    for (size_t i = 0; i < 4; i++)
        expect_share_line(md, SHARES[i], false);
    free(md);
}

Test(render_costs, no_new_document_until_the_costs_data_has_arrived)
{
    finalise();
    uint64_t id = angered_signed_on("2026-01-20");
    /* Costs goes away; render starts again with nothing to follow yet. */
    tc_cleanup(&S.costs);
    cr_assert_eq(rs_start_render(&S, NULL), 0);
    cr_assert(fc_harness_wait(registry_live, NULL, 30000), "the registry's data did not arrive");
    /* A review copy: the final document was rendered automatically while
     * costs was there, and a stored rendering is returned whatever the
     * followers' state. */
    rs_rep_t *rep = rs_render(&S, id, 0, RS_MD, true);
    cr_assert_not_null(rep);
    cr_expect_eq(rep->status->code, FCAVTAL__V1__CODE__UNAVAILABLE, "%s", rs_describe(rep));
    cr_expect(strstr(rep->status->message, "fcavtal-costs") &&
                  strstr(rep->status->message, "--costs off"),
              "the message says what is missing and the way out: %s", rep->status->message);
    tc_free((ProtobufCMessage *)rep);
}

Test(render_costs, the_figures_survive_kill_9_of_render)
{
    finalise();
    uint64_t id = angered_signed_on("2026-01-20");
    Fcavtal__V1__FollowState before = follow_state();
    cr_assert(before.costs_position > 0);
    cr_assert_eq(tc_restart(&S.svc, SIGKILL, S.argv), 0, "render did not come back");
    cr_assert(rs_wait_synced(&S, 30000));
    /* Resumed where it was, not rebuilt from a new snapshot. */
    Fcavtal__V1__FollowState after = follow_state();
    cr_expect_eq(after.costs_rebuilds, 0, "the costs read model was rebuilt");
    cr_expect_eq(after.costs_position, before.costs_position);
    char *md = markdown(id, false);
    cr_expect(strstr(md, "Kostnaden för samordnaren är 620\u00a0000,00\u00a0kr per år (2025)"), "%s", md);
    free(md);
}
