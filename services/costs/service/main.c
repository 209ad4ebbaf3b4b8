/* fcavtal-costs: configuration, the server, the registry follower. */
#include <stdio.h>
#include <stdlib.h>

#include "costs_service.h"
#include "fcavtal/log.h"

static int add_options(fc_config_t *cfg)
{
    return fc_config_add(cfg, "registry", "the registry's request endpoint",
                         "tcp://127.0.0.1:7101") ||
           fc_config_add(cfg, "registry-publish", "the registry's event endpoint",
                         "tcp://127.0.0.1:7102") ||
           fc_config_add(cfg, "registry-key", "CURVE: the registry's public key (Z85)", NULL) ||
           fc_config_add(cfg, "registry-cert", "CURVE: this service's secret certificate file",
                         NULL) ||
           fc_config_add(cfg, "run-threads", "worker threads computing a run's centres", "2");
}

int main(int argc, char **argv)
{
    fc_config_t cfg;
    if (fc_config_init(&cfg, "costs", 7301))
        return 1;
    /* A yearly run of every centre stores some hundred megabytes; the map
     * is address space, the file grows as it is used. */
    cfg.map_size = (size_t)32 << 30;
    if (add_options(&cfg)) {
        fc_config_clear(&cfg);
        return 1;
    }
    int rc = fc_config_parse(&cfg, "costs", argc, argv);
    if (rc == 0 && fc_log_set_level(cfg.log_level) < 0) {
        fprintf(stderr, "error: unknown log level '%s'\n", cfg.log_level);
        rc = -1;
    }
    if (rc) {
        fc_config_clear(&cfg);
        return rc > 0 ? 0 : 2;
    }
    cst_state_t state = {.threads = atoi(fc_config_get(&cfg, "run-threads"))};
    char err[512] = "";
    fc_server_t *server = fc_server_new(&cst_service, &cfg, &state, err, sizeof err);
    if (server)
        state.follower = cst__follow_registry(server, &cfg, err, sizeof err);
    if (!server || !state.follower) {
        fc_error("costs: %s", err);
        rc = 1;
    } else {
        rc = fc_server_run(server);
    }
    fc_follower_destroy(&state.follower);
    fc_server_destroy(&server);
    cst_state_clear(&state);
    fc_config_clear(&cfg);
    return rc ? 1 : 0;
}
