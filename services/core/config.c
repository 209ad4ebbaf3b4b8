#include "fcavtal/config.h"

#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { OPT_STRING, OPT_SIZE_MB, OPT_SIZE, OPT_INT, OPT_DATE } opt_kind_t;

typedef struct {
    const char *name;   /* flag without "--", also the config file key */
    opt_kind_t kind;
    size_t offset;
    const char *help;
} opt_t;

static const opt_t OPTIONS[] = {
    { "data", OPT_STRING, offsetof(fc_config_t, data_dir), "LMDB data folder" },
    { "bind", OPT_STRING, offsetof(fc_config_t, bind), "request endpoint (ROUTER)" },
    { "publish", OPT_STRING, offsetof(fc_config_t, publish), "event endpoint (PUB)" },
    { "ready-file", OPT_STRING, offsetof(fc_config_t, ready_file),
      "file to write the bound endpoints to once serving" },
    { "curve-secret", OPT_STRING, offsetof(fc_config_t, curve_secret),
      "server secret certificate; enables CURVE" },
    { "curve-allow", OPT_STRING, offsetof(fc_config_t, curve_allow),
      "folder of allowed client public certificates" },
    { "log-level", OPT_STRING, offsetof(fc_config_t, log_level), "error|warn|info|debug" },
    { "today", OPT_DATE, offsetof(fc_config_t, today), "simulated date YYYY-MM-DD" },
    { "map-size-mb", OPT_SIZE_MB, offsetof(fc_config_t, map_size), "LMDB map size in MiB" },
    { "max-request", OPT_SIZE, offsetof(fc_config_t, max_request), "largest request, bytes" },
    { "batch-max", OPT_INT, offsetof(fc_config_t, batch_max), "requests per commit" },
};
#define N_OPTIONS (sizeof OPTIONS / sizeof OPTIONS[0])

static int set_string(char **field, const char *value)
{
    char *copy = strdup(value);
    if (!copy)
        return -1;
    free(*field);
    *field = copy;
    return 0;
}

int fc_config_init(fc_config_t *cfg, const char *name, int default_port)
{
    char buf[256];
    memset(cfg, 0, sizeof *cfg);
    cfg->map_size = (size_t)1 << 30;
    cfg->max_request = (size_t)4 << 20;
    cfg->batch_max = 256;
    snprintf(buf, sizeof buf, "var/%s", name);
    if (set_string(&cfg->data_dir, buf))
        return -1;
    snprintf(buf, sizeof buf, "tcp://127.0.0.1:%d", default_port);
    if (set_string(&cfg->bind, buf))
        return -1;
    snprintf(buf, sizeof buf, "tcp://127.0.0.1:%d", default_port + 1);
    if (set_string(&cfg->publish, buf))
        return -1;
    return set_string(&cfg->log_level, "info");
}

static int parse_size(const char *value, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(value, &end, 10);
    if (end == value || *end || v == 0)
        return -1;
    *out = (size_t)v;
    return 0;
}

static int apply(fc_config_t *cfg, const opt_t *opt, const char *value)
{
    void *field = (char *)cfg + opt->offset;
    size_t size;
    switch (opt->kind) {
    case OPT_STRING:
        return set_string((char **)field, value);
    case OPT_DATE:
        cfg->has_today = true;
        return fc_date_parse(value, (fc_date_t *)field);
    case OPT_SIZE_MB:
        if (parse_size(value, &size) || size > ((size_t)1 << 24))
            return -1;
        *(size_t *)field = size << 20;
        return 0;
    case OPT_SIZE:
        /* ZeroMQ's own message limit is an int, set at four times this. */
        return parse_size(value, (size_t *)field) || *(size_t *)field > ((size_t)256 << 20) ? -1 : 0;
    case OPT_INT:
        if (parse_size(value, &size) || size > 100000)
            return -1;
        *(int *)field = (int)size;
        return 0;
    }
    return -1;
}

static const opt_t *find_option(const char *name)
{
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (streq(OPTIONS[i].name, name))
            return &OPTIONS[i];
    return NULL;
}

/* Keys under the service's section ("registry/bind") or at the top level. */
static int apply_file(fc_config_t *cfg, const char *name, const char *path)
{
    zconfig_t *root = zconfig_load(path);
    if (!root) {
        fprintf(stderr, "error: cannot read config file %s\n", path);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < N_OPTIONS && !rc; i++) {
        char key[128];
        snprintf(key, sizeof key, "%s/%s", name, OPTIONS[i].name);
        const char *value = zconfig_get(root, key, zconfig_get(root, OPTIONS[i].name, NULL));
        if (value && apply(cfg, &OPTIONS[i], value)) {
            fprintf(stderr, "error: %s: bad value for %s: '%s'\n", path, OPTIONS[i].name, value);
            rc = -1;
        }
    }
    zconfig_destroy(&root);
    return rc;
}

static void usage(const char *name)
{
    printf("usage: fcavtal-%s [--config FILE] [options]\n\noptions:\n", name);
    for (size_t i = 0; i < N_OPTIONS; i++)
        printf("  --%-14s %s\n", OPTIONS[i].name, OPTIONS[i].help);
    printf("  --%-14s %s\n", "config", "ZPL config file; flags override it");
}

int fc_config_parse(fc_config_t *cfg, const char *name, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (streq(argv[i], "--help") || streq(argv[i], "-h")) {
            usage(name);
            return 1;
        }
        if (streq(argv[i], "--config") && (i + 1 >= argc || apply_file(cfg, name, argv[i + 1]))) {
            if (i + 1 >= argc)
                fprintf(stderr, "error: --config needs a file name\n");
            return -1;
        }
    }
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (streq(arg, "--config")) {
            i++;
            continue;
        }
        const opt_t *opt = strncmp(arg, "--", 2) == 0 ? find_option(arg + 2) : NULL;
        if (!opt || i + 1 >= argc) {
            fprintf(stderr, "error: unknown option or missing value: %s (see --help)\n", arg);
            return -1;
        }
        if (apply(cfg, opt, argv[++i])) {
            fprintf(stderr, "error: bad value for %s: '%s'\n", arg, argv[i]);
            return -1;
        }
    }
    return 0;
}

void fc_config_clear(fc_config_t *cfg)
{
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (OPTIONS[i].kind == OPT_STRING) {
            char **field = (char **)((char *)cfg + OPTIONS[i].offset);
            free(*field);
            *field = NULL;
        }
}
