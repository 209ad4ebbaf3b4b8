/* Service configuration: built-in defaults, then a ZPL config file (CZMQ
 * zconfig, --config FILE), then command-line flags, each overriding the last.
 * Every limit that protects a service from one client lives here, with its
 * default, so that docs/operations.md can list them in one place. */
#ifndef FCAVTAL_CONFIG_H
#define FCAVTAL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "fcavtal/date.h"

#define FC_CONFIG_MAX_EXTRA 16

/* A string option a service adds to the common set (e.g. "registry" for
 * the endpoint a follower connects to). */
typedef struct {
    const char *name;   /* flag without "--", also the config file key */
    const char *help;
    char *value;        /* owned; NULL until given (or the default) */
} fc_config_extra_t;

typedef struct {
    char *data_dir;          /* LMDB environment folder */
    char *bind;              /* request ROUTER endpoint */
    char *publish;           /* event PUB endpoint */
    char *ready_file;        /* written with the bound endpoints once up */
    char *curve_secret;      /* server's secret certificate (zcert file) */
    char *curve_allow;       /* folder of allowed client public certificates */
    char *log_level;
    bool has_today;          /* --today: a fixed date for rules and tests */
    fc_date_t today;
    bool simulate;           /* --simulate: set_today may move today forward */
    size_t map_size;         /* bytes */
    size_t max_request;      /* bytes; larger requests get RESOURCE_EXHAUSTED */
    size_t max_elements;     /* fields and repeated items in one request */
    size_t max_repeated;     /* items in one repeated field */
    size_t request_memory;   /* bytes one request may take when decoded */
    int batch_max;           /* requests taken per commit */
    size_t batch_bytes;      /* request bytes taken per commit */
    int reply_queue;         /* replies queued per client before drops */
    int retention_days;      /* idempotency records kept this long */
    int heartbeat_ms;        /* heartbeat interval when idle */
    int pub_hwm;             /* events queued per subscriber before it loses some */
    size_t n_extra;
    fc_config_extra_t extra[FC_CONFIG_MAX_EXTRA];
} fc_config_t;

/* Fills defaults for service `name` (e.g. "registry", default ports 7101/7102). */
int fc_config_init(fc_config_t *cfg, const char *name, int default_port);
/* Declares a service option before parsing; default_value may be NULL.
 * 0, or -1 when the table is full or out of memory. */
int fc_config_add(fc_config_t *cfg, const char *name, const char *help,
                  const char *default_value);
/* The value of a service option (NULL when absent and without default). */
const char *fc_config_get(const fc_config_t *cfg, const char *name);
/* Applies argv (and the file named by --config first). Returns 0, 1 when
 * --help was printed, or -1 with a message on stderr for bad arguments. */
int fc_config_parse(fc_config_t *cfg, const char *name, int argc, char **argv);
void fc_config_clear(fc_config_t *cfg);

#endif
