/* fcavtal-registry: configuration, then the server. */
#include <czmq.h>
#include <stdio.h>

#include "fcavtal/log.h"
#include "registry.h"

int main(int argc, char **argv)
{
    fc_config_t cfg;
    if (fc_config_init(&cfg, "registry", 7101))
        return 1;
    int rc = fc_config_parse(&cfg, "registry", argc, argv);
    if (rc == 0 && fc_log_set_level(cfg.log_level) < 0) {
        fprintf(stderr, "error: unknown log level '%s'\n", cfg.log_level);
        rc = -1;
    }
    if (rc) {
        fc_config_clear(&cfg);
        return rc > 0 ? 0 : 2;
    }
    char err[512] = "";
    fc_server_t *server = fc_server_new(&fc_registry_service, &cfg, NULL, err, sizeof err);
    if (!server) {
        fc_error("registry: %s", err);
        fc_config_clear(&cfg);
        return 1;
    }
    rc = fc_server_run(server);
    fc_server_destroy(&server);
    fc_config_clear(&cfg);
    return rc ? 1 : 0;
}
