/* fcavtal-notify: configuration, then the server, the registry follower,
 * the channels and the scheduler's timer. */
#include <czmq.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>

#include "channels.h"
#include "fcavtal/log.h"
#include "notify.h"
#include "read_model.h"
#include "scheduler.h"

static int add_options(fc_config_t *cfg)
{
    return fc_config_add(cfg, "registry-request", "registry's request endpoint",
                         "tcp://127.0.0.1:7101") ||
           fc_config_add(cfg, "registry-publish", "registry's event endpoint",
                         "tcp://127.0.0.1:7102") ||
           fc_config_add(cfg, "leads", "reminder lead times for every agreement kind",
                         NTF_DEFAULT_LEADS) ||
           fc_config_add(cfg, "leads-framework", "lead times for framework agreements", NULL) ||
           fc_config_add(cfg, "leads-local", "lead times for local agreements (and their "
                         "centres' yearly documents)", NULL) ||
           fc_config_add(cfg, "leads-use-right", "lead times for use-right agreements", NULL) ||
           fc_config_add(cfg, "horizon-months", "deadlines kept this far ahead (12..240)", "36") ||
           fc_config_add(cfg, "centre-days", "the centre's yearly documents: "
                         "plan=MM-DD,report=MM-DD or none", "plan=01-31,report=03-31") ||
           fc_config_add(cfg, "tick-ms", "how often the scheduler looks at today", "200") ||
           ntf_channels_options(cfg);
}

static int policy_from(const fc_config_t *cfg, ntf_policy_t *p)
{
    ntf_policy_default(p);
    char err[256];
    static const char *const KIND_OPTION[4] = {NULL, "leads-framework", "leads-local",
                                               "leads-use-right"};
    for (int k = 1; k <= 3; k++) {
        const char *text = fc_config_get(cfg, KIND_OPTION[k]);
        if (!text)
            text = fc_config_get(cfg, "leads");
        if (ntf_leads_parse(text, &p->by_kind[k], err, sizeof err))
            return fprintf(stderr, "error: --%s: %s\n", KIND_OPTION[k], err), -1;
    }
    long h = strtol(fc_config_get(cfg, "horizon-months"), NULL, 10);
    if (h < 12 || h > 240)
        return fprintf(stderr, "error: --horizon-months must be 12..240\n"), -1;
    p->horizon_months = (int)h;
    if (ntf_centre_days_parse(fc_config_get(cfg, "centre-days"), &p->deadlines, err, sizeof err))
        return fprintf(stderr, "error: --centre-days: %s\n", err), -1;
    return 0;
}

static int start(fc_server_t *server, const fc_config_t *cfg, ntf_t *ntf)
{
    char err[512] = "";
    fc_client_opts_t opts = {.endpoint = fc_config_get(cfg, "registry-request"),
                             .timeout_ms = 2000};
    ntf->registry = fc_client_new(&opts);
    ntf->channels = ntf_channels_new(server, ntf, cfg, err, sizeof err);
    if (ntf->channels)
        ntf->follower = ntf_read_model_follow(server, ntf, fc_config_get(cfg, "registry-request"),
                                              fc_config_get(cfg, "registry-publish"), err,
                                              sizeof err);
    long tick = strtol(fc_config_get(cfg, "tick-ms"), NULL, 10);
    if (!ntf->registry || !ntf->channels || !ntf->follower || tick <= 0 ||
        fc_server_add_timer(server, (size_t)tick, 0, ntf_scheduler_tick, ntf) < 0) {
        fc_error("notify: %s", *err ? err : "cannot start (bad --tick-ms or out of memory)");
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    fc_config_t cfg;
    if (fc_config_init(&cfg, "notify", 7201) || add_options(&cfg))
        return 1;
    ntf_t ntf = {.expire_attempts = 3};
    int rc = fc_config_parse(&cfg, "notify", argc, argv);
    if (rc == 0 && fc_log_set_level(cfg.log_level) < 0) {
        fprintf(stderr, "error: unknown log level '%s'\n", cfg.log_level);
        rc = -1;
    }
    if (rc == 0 && policy_from(&cfg, &ntf.policy))
        rc = -1;
    if (rc) {
        fc_config_clear(&cfg);
        return rc > 0 ? 0 : 2;
    }
    /* libcurl's global state, once, before any SMTP attempt. */
    curl_global_init(CURL_GLOBAL_DEFAULT);
    char err[512] = "";
    fc_server_t *server = fc_server_new(&ntf_service, &cfg, &ntf, err, sizeof err);
    if (!server)
        fc_error("notify: %s", err);
    rc = server && start(server, &cfg, &ntf) == 0 ? fc_server_run(server) : 1;
    fc_follower_destroy(&ntf.follower);
    ntf_channels_destroy(&ntf.channels);
    fc_client_destroy(&ntf.registry);
    fc_server_destroy(&server);
    fc_config_clear(&cfg);
    curl_global_cleanup();
    return rc ? 1 : 0;
}
