/* Service configuration: built-in defaults, then a ZPL config file (CZMQ
 * zconfig, --config FILE), then command-line flags, each overriding the last. */
#ifndef FCAVTAL_CONFIG_H
#define FCAVTAL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "fcavtal/date.h"

typedef struct {
    char *data_dir;          /* LMDB environment folder */
    char *bind;              /* request ROUTER endpoint */
    char *publish;           /* event PUB endpoint */
    char *ready_file;        /* written with the bound endpoints once up */
    char *curve_secret;      /* server's secret certificate (zcert file) */
    char *curve_allow;       /* folder of allowed client public certificates */
    char *log_level;
    bool has_today;          /* --today: simulated date for rules and tests */
    fc_date_t today;
    size_t map_size;         /* bytes */
    size_t max_request;      /* bytes; larger requests get RESOURCE_EXHAUSTED */
    int batch_max;           /* requests taken per commit */
} fc_config_t;

/* Fills defaults for service `name` (e.g. "registry", default ports 7101/7102). */
int fc_config_init(fc_config_t *cfg, const char *name, int default_port);
/* Applies argv (and the file named by --config first). Returns 0, 1 when
 * --help was printed, or -1 with a message on stderr for bad arguments. */
int fc_config_parse(fc_config_t *cfg, const char *name, int argc, char **argv);
void fc_config_clear(fc_config_t *cfg);

#endif
