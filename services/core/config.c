#include "fcavtal/config.h"

#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { OPT_STRING, OPT_SIZE_MB, OPT_SIZE, OPT_INT, OPT_DATE, OPT_FLAG } opt_kind_t;

typedef struct {
    const char *name;   /* flag without "--", also the config file key */
    opt_kind_t kind;
    size_t offset;
    size_t max;         /* largest accepted value for sizes and ints */
    const char *help;
} opt_t;

#define CFG(field) offsetof(fc_config_t, field)

static const opt_t OPTIONS[] = {
    { "data", OPT_STRING, CFG(data_dir), 0, "LMDB data folder" },
    { "bind", OPT_STRING, CFG(bind), 0, "request endpoint (ROUTER)" },
    { "publish", OPT_STRING, CFG(publish), 0, "event endpoint (PUB)" },
    { "ready-file", OPT_STRING, CFG(ready_file), 0,
      "file to write the bound endpoints to once serving" },
    { "curve-secret", OPT_STRING, CFG(curve_secret), 0,
      "server secret certificate; enables CURVE" },
    { "curve-allow", OPT_STRING, CFG(curve_allow), 0,
      "folder of allowed client public certificates" },
    { "log-level", OPT_STRING, CFG(log_level), 0, "error|warn|info|debug" },
    { "today", OPT_DATE, CFG(today), 0, "simulated date YYYY-MM-DD" },
    { "simulate", OPT_FLAG, CFG(simulate), 0,
      "allow set_today to move the date forward (tests, demos)" },
    { "map-size-mb", OPT_SIZE_MB, CFG(map_size), (size_t)1 << 24, "LMDB map size in MiB" },
    { "max-request", OPT_SIZE, CFG(max_request), (size_t)256 << 20, "largest request, bytes" },
    { "max-elements", OPT_SIZE, CFG(max_elements), (size_t)100 << 20,
      "most fields and items in one request" },
    { "max-repeated", OPT_SIZE, CFG(max_repeated), (size_t)100 << 20,
      "most items in one repeated field" },
    { "request-memory-mb", OPT_SIZE_MB, CFG(request_memory), (size_t)1 << 16,
      "most memory one decoded request may take, MiB" },
    { "batch-max", OPT_INT, CFG(batch_max), 100000, "requests per commit" },
    { "batch-bytes", OPT_SIZE, CFG(batch_bytes), (size_t)1 << 30, "request bytes per commit" },
    { "reply-queue", OPT_INT, CFG(reply_queue), 10000000,
      "replies queued for one client before they are dropped (and logged)" },
    { "retention-days", OPT_INT, CFG(retention_days), 36500,
      "days a mutation's first reply is kept for retries" },
    { "heartbeat-ms", OPT_INT, CFG(heartbeat_ms), 3600000, "heartbeat interval when idle" },
    { "pub-hwm", OPT_INT, CFG(pub_hwm), 10000000,
      "events queued for a slow subscriber before it loses some (it then resyncs)" },
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
    cfg->max_elements = 200000;
    cfg->max_repeated = 100000;
    cfg->request_memory = (size_t)64 << 20;
    cfg->batch_max = 256;
    cfg->batch_bytes = (size_t)16 << 20;
    cfg->reply_queue = 100000;
    cfg->retention_days = 30;
    cfg->heartbeat_ms = 1000;
    cfg->pub_hwm = 100000;
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

int fc_config_add(fc_config_t *cfg, const char *name, const char *help,
                  const char *default_value)
{
    if (cfg->n_extra >= FC_CONFIG_MAX_EXTRA)
        return -1;
    fc_config_extra_t *e = &cfg->extra[cfg->n_extra];
    *e = (fc_config_extra_t){ .name = name, .help = help };
    if (default_value && set_string(&e->value, default_value))
        return -1;
    cfg->n_extra++;
    return 0;
}

const char *fc_config_get(const fc_config_t *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->n_extra; i++)
        if (streq(cfg->extra[i].name, name))
            return cfg->extra[i].value;
    return NULL;
}

static int parse_size(const char *value, size_t max, size_t *out)
{
    char *end;
    if (*value < '0' || *value > '9')
        return -1;
    unsigned long long v = strtoull(value, &end, 10);
    if (*end || v == 0 || v > max)
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
    case OPT_FLAG:
        *(bool *)field = true;
        return 0;
    case OPT_DATE:
        cfg->has_today = true;
        return fc_date_parse(value, (fc_date_t *)field);
    case OPT_SIZE_MB:
        if (parse_size(value, opt->max, &size))
            return -1;
        *(size_t *)field = size << 20;
        return 0;
    case OPT_SIZE:
        return parse_size(value, opt->max, (size_t *)field);
    case OPT_INT:
        if (parse_size(value, opt->max, &size))
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

static fc_config_extra_t *find_extra(fc_config_t *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->n_extra; i++)
        if (streq(cfg->extra[i].name, name))
            return &cfg->extra[i];
    return NULL;
}

/* Keys under the service's section ("registry/bind") or at the top level. */
static const char *file_value(zconfig_t *root, const char *service, const char *option)
{
    char key[128];
    snprintf(key, sizeof key, "%s/%s", service, option);
    return zconfig_get(root, key, zconfig_get(root, option, NULL));
}

static int apply_file(fc_config_t *cfg, const char *name, const char *path)
{
    zconfig_t *root = zconfig_load(path);
    if (!root) {
        fprintf(stderr, "error: cannot read config file %s\n", path);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < N_OPTIONS && !rc; i++) {
        const char *value = file_value(root, name, OPTIONS[i].name);
        if (OPTIONS[i].kind == OPT_FLAG && value && !streq(value, "1") && !streq(value, "true"))
            continue;
        if (value && apply(cfg, &OPTIONS[i], value)) {
            fprintf(stderr, "error: %s: bad value for %s: '%s'\n", path, OPTIONS[i].name, value);
            rc = -1;
        }
    }
    for (size_t i = 0; i < cfg->n_extra && !rc; i++) {
        const char *value = file_value(root, name, cfg->extra[i].name);
        if (value && set_string(&cfg->extra[i].value, value))
            rc = -1;
    }
    zconfig_destroy(&root);
    return rc;
}

static void usage(const fc_config_t *cfg, const char *name)
{
    printf("usage: fcavtal-%s [--config FILE] [options]\n\noptions:\n", name);
    for (size_t i = 0; i < N_OPTIONS; i++)
        printf("  --%-18s %s\n", OPTIONS[i].name, OPTIONS[i].help);
    for (size_t i = 0; i < cfg->n_extra; i++)
        printf("  --%-18s %s\n", cfg->extra[i].name, cfg->extra[i].help);
    printf("  --%-18s %s\n", "config", "ZPL config file; flags override it");
}

/* One flag at argv[*i]; 0, or -1 with a message on stderr. */
static int apply_flag(fc_config_t *cfg, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    const char *name = strncmp(arg, "--", 2) == 0 ? arg + 2 : NULL;
    const opt_t *opt = name ? find_option(name) : NULL;
    fc_config_extra_t *extra = name && !opt ? find_extra(cfg, name) : NULL;
    if (!opt && !extra) {
        fprintf(stderr, "error: unknown option %s (see --help)\n", arg);
        return -1;
    }
    if (opt && opt->kind == OPT_FLAG)
        return apply(cfg, opt, "1");
    if (*i + 1 >= argc) {
        fprintf(stderr, "error: %s needs a value (see --help)\n", arg);
        return -1;
    }
    const char *value = argv[++*i];
    if (opt ? apply(cfg, opt, value) : set_string(&extra->value, value)) {
        fprintf(stderr, "error: bad value for %s: '%s'\n", arg, value);
        return -1;
    }
    return 0;
}

int fc_config_parse(fc_config_t *cfg, const char *name, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (streq(argv[i], "--help") || streq(argv[i], "-h")) {
            usage(cfg, name);
            return 1;
        }
        if (streq(argv[i], "--config") && (i + 1 >= argc || apply_file(cfg, name, argv[i + 1]))) {
            if (i + 1 >= argc)
                fprintf(stderr, "error: --config needs a file name\n");
            return -1;
        }
    }
    for (int i = 1; i < argc; i++) {
        if (streq(argv[i], "--config")) {
            i++;
            continue;
        }
        if (apply_flag(cfg, argc, argv, &i))
            return -1;
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
    for (size_t i = 0; i < cfg->n_extra; i++) {
        free(cfg->extra[i].value);
        cfg->extra[i].value = NULL;
    }
    cfg->n_extra = 0;
}
