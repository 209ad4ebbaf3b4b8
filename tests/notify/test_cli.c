/* The command line against the real services: `fcavtal deadlines` as a
 * table with safe days and reasons, `--json`, `notifications`, and
 * `calendar -o` writing a file; bad input is a usage error or the
 * service's refusal, with the exit codes the CLI promises. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "notify_fixture.h"
#include "notify_harness.h"

static nh_t H;

static void teardown(void)
{
    nh_cleanup(&H);
}

TestSuite(cli, .fini = teardown, .timeout = 120);

static int cli(char **out, const char *a1, const char *a2, const char *a3, const char *a4,
               const char *a5, const char *a6)
{
    /* The endpoint comes from the environment, as an operator sets it. */
    setenv("FCAVTAL_NOTIFY", H.ntf.h.endpoint, 1);
    const char *argv[] = {FC_CLI_BIN, a1, a2, a3, a4, a5, a6, NULL};
    int status = ntf_test_run(argv, out);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Test(cli, deadlines_notifications_calendar)
{
    cr_assert_eq(nh_start(&H, "2024-06-01", NULL), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    cr_assert_eq(nh_activate(&H, w.framework, "2024-05-01"), 0);
    cr_assert(nh_settled(&H, 10000));

    char *out = NULL;
    cr_assert_eq(cli(&out, "deadlines", "--from", "2024-06-01", "--to", "2026-12-31", NULL), 0);
    cr_assert(strstr(out, "SAFE DAY"), "a table: %s", out);
    cr_assert(strstr(out, "2024-12-30  2024-12-31  notice"), "safe day and date: %s", out);
    cr_assert(strstr(out, "Västra Götalandsregionen"), "who must act: %s", out);
    cr_assert(strstr(out, "nyårsafton"), "why it moved: %s", out);
    cr_assert(strstr(out, "(VG §4)"), "the rule with its source: %s", out);
    free(out);

    cr_assert_eq(cli(&out, "--json", "deadlines", "--from", "2024-06-01", "--to", "2026-12-31"),
                 0);
    cr_assert(strstr(out, "\"safe_day\": \"2024-12-30\""), "%s", out);
    free(out);

    cr_assert_eq(cli(&out, "notifications", "--summary", "--notify", H.ntf.h.endpoint, NULL, NULL),
                 0, "--notify names the service too");
    cr_assert(strstr(out, "processed through:  2024-06-01"), "%s", out);
    free(out);

    char dir[256], path[300];
    cr_assert_eq(ntf_test_tmpdir(dir, sizeof dir), 0);
    snprintf(path, sizeof path, "%s/region.ics", dir);
    char org[24];
    snprintf(org, sizeof org, "%llu", (unsigned long long)w.region);
    cr_assert_eq(cli(&out, "calendar", "--org", org, "-o", path, NULL), 0, "%s", out);
    cr_assert(strstr(out, "wrote"), "%s", out);
    free(out);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "the .ics was written");
    char head[64] = "";
    cr_assert_not_null(fgets(head, sizeof head, f));
    fclose(f);
    cr_assert(strncmp(head, "BEGIN:VCALENDAR", 15) == 0, "%s", head);
    ntf_test_rmdir(dir);

    /* Bad input: a usage error (2) or the service's refusal (1). */
    cr_assert_eq(cli(&out, "deadlines", "--from", "2024-02-30", "--to", "2026-12-31", NULL), 2);
    free(out);
    cr_assert_eq(cli(&out, "deadlines", "--from", "2024-06-01", "--to", "2026-12-31",
                     "--agreement"), 2, "a flag without its value");
    free(out);
    cr_assert_eq(cli(&out, "deadlines", "--from", "2024-06-01", "--to", "2026-12-31", "--kind"),
                 2);
    free(out);
    cr_assert_eq(cli(&out, "calendar", "--centre", "999", "-o", "/dev/null", NULL), 1,
                 "unknown centre");
    free(out);
}
