/* fcavtal-render: configuration, the engine and templates, the server, the
 * followers of the registry and of costs and the automatic renderings, then
 * the loop. */
#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autorender.h"
#include "fcavtal/log.h"
#include "follow.h"
#include "service.h"
#include "templates.h"

/* Renderings are kept for good: room for hundreds of thousands of
 * documents. LMDB only reserves address space for the map. */
#define DEFAULT_MAP_SIZE ((size_t)16 << 30)
#define MIN_REPLY ((size_t)128 << 10)

static int add_options(fc_config_t *cfg)
{
    return fc_config_add(cfg, "registry", "the registry's request endpoint",
                         "tcp://127.0.0.1:7101")
        || fc_config_add(cfg, "registry-publish", "the registry's event endpoint",
                         "tcp://127.0.0.1:7102")
        || fc_config_add(cfg, "registry-key", "the registry's CURVE public key (Z85)", NULL)
        || fc_config_add(cfg, "registry-cert", "this service's CURVE certificate for the registry",
                         NULL)
        || fc_config_add(cfg, "costs",
                         "the costs service's request endpoint (financing figures), or off",
                         "tcp://127.0.0.1:7301")
        || fc_config_add(cfg, "costs-publish", "the costs service's event endpoint",
                         "tcp://127.0.0.1:7302")
        || fc_config_add(cfg, "costs-key", "the costs service's CURVE public key (Z85)", NULL)
        || fc_config_add(cfg, "costs-cert", "this service's CURVE certificate for costs", NULL)
        || fc_config_add(cfg, "templates", "template folder", "deploy/templates")
        || fc_config_add(cfg, "max-reply", "bytes of a document in one reply (larger come in pages)",
                         "4194304")
        || fc_config_add(cfg, "max-document", "largest document rendered, bytes", "16777216")
        || fc_config_add(cfg, "auto-render",
                         "format rendered when an agreement goes out for signature or becomes "
                         "active: pdf, html, md or off", "pdf");
}

static int size_option(const fc_config_t *cfg, const char *name, size_t min, size_t *out)
{
    const char *text = fc_config_get(cfg, name);
    char *end;
    unsigned long long v = strtoull(text, &end, 10);
    if (*text < '0' || *text > '9' || *end || v < min) {
        fprintf(stderr, "error: --%s must be a number of bytes, at least %zu\n", name, min);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

static int auto_option(const fc_config_t *cfg, rnd_format_t *out)
{
    static const struct { const char *name; rnd_format_t format; } NAMES[] = {
        { "pdf", RND_FORMAT_PDF }, { "html", RND_FORMAT_HTML }, { "md", RND_FORMAT_MARKDOWN },
        { "off", (rnd_format_t)0 } };
    const char *text = fc_config_get(cfg, "auto-render");
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (!strcmp(text, NAMES[i].name)) {
            *out = NAMES[i].format;
            return 0;
        }
    fprintf(stderr, "error: --auto-render is pdf, html, md or off, not '%s'\n", text);
    return -1;
}

static int configure(fc_config_t *cfg, rsv_state_t *state)
{
    if (size_option(cfg, "max-reply", MIN_REPLY, &state->max_reply)
        || size_option(cfg, "max-document", 1024, &state->max_document)
        || auto_option(cfg, &state->auto_format))
        return -1;
    rnd_error_t err = RND_ERROR_INIT;
    fc_status_t st = rnd_engine_new(&state->engine, &err);
    if (!st)
        st = rsv_templates_open(fc_config_get(cfg, "templates"), &state->templates, &err);
    if (st)
        fc_error("render: %s", err.message);
    rnd_error_reset(&err);
    return st ? -1 : 0;
}

static int start(fc_server_t *server, const fc_config_t *cfg, rsv_state_t *state)
{
    rsv_follow_opts_t opts = {
        .request_endpoint = fc_config_get(cfg, "registry"),
        .publish_endpoint = fc_config_get(cfg, "registry-publish"),
        .server_key = fc_config_get(cfg, "registry-key"),
        .client_cert = fc_config_get(cfg, "registry-cert"),
    };
    char err[512];
    state->follower = rsv_follow_start(server, state, &opts, err, sizeof err);
    if (!state->follower) {
        fc_error("render: cannot follow the registry: %s", err);
        return -1;
    }
    if (strcmp(fc_config_get(cfg, "costs"), "off") != 0) {
        rsv_follow_opts_t costs = {
            .request_endpoint = fc_config_get(cfg, "costs"),
            .publish_endpoint = fc_config_get(cfg, "costs-publish"),
            .server_key = fc_config_get(cfg, "costs-key"),
            .client_cert = fc_config_get(cfg, "costs-cert"),
        };
        state->costs_follower = rsv_follow_costs_start(server, state, &costs, err, sizeof err);
        if (!state->costs_follower) {
            fc_error("render: cannot follow the costs service: %s", err);
            return -1;
        }
    }
    if (rsv_auto_start(server, state)) {
        fc_error("render: cannot start the automatic renderings");
        return -1;
    }
    return 0;
}

static void cleanup(rsv_state_t *state, fc_server_t **server, fc_config_t *cfg)
{
    fc_follower_destroy(&state->costs_follower);
    fc_follower_destroy(&state->follower);
    fc_server_destroy(server);
    rsv_templates_destroy(&state->templates);
    rnd_engine_destroy(&state->engine);
    fc_config_clear(cfg);
}

int main(int argc, char **argv)
{
    fc_config_t cfg;
    if (fc_config_init(&cfg, "render", 7401) || add_options(&cfg))
        return 1;
    cfg.map_size = DEFAULT_MAP_SIZE;
    int rc = fc_config_parse(&cfg, "render", argc, argv);
    if (rc == 0 && fc_log_set_level(cfg.log_level) < 0) {
        fprintf(stderr, "error: unknown log level '%s'\n", cfg.log_level);
        rc = -1;
    }
    if (rc) {
        fc_config_clear(&cfg);
        return rc > 0 ? 0 : 2;
    }
    rsv_state_t state = { 0 };
    if (rc == 0 && configure(&cfg, &state))
        rc = -1;
    fc_server_t *server = NULL;
    if (rc == 0) {
        char err[512] = "";
        server = fc_server_new(&rsv_service, &cfg, &state, err, sizeof err);
        if (!server) {
            fc_error("render: %s", err);
            rc = -1;
        }
    }
    if (rc == 0 && start(server, &cfg, &state))
        rc = -1;
    if (rc == 0)
        rc = fc_server_run(server) ? -1 : 0;
    cleanup(&state, &server, &cfg);
    return rc ? 1 : 0;
}
