/* Building the template context: every setter records a failure (out of
 * memory, invalid UTF-8) in the builder instead of returning it, so the
 * code that fills a section reads as the list of its keys; the caller
 * checks `failed` once at the end. Every key is set even when the registry
 * has nothing (docs/render.md: "Every key is present"). */
#ifndef RSV_BUILD_H
#define RSV_BUILD_H

#include <stdbool.h>
#include <stdint.h>

#include "fcavtal/render_context.h"
#include "fcavtal/v1/registry.pb-c.h"

typedef struct {
    bool failed;
} rsv_build_t;

void rsv_set(rsv_build_t *b, rnd_value_t *map, const char *key, const char *text);
void rsv_setf(rsv_build_t *b, rnd_value_t *map, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A wire date as "YYYY-MM-DD"; empty text when absent or not a date. */
void rsv_set_date(rsv_build_t *b, rnd_value_t *map, const char *key, const Fcavtal__V1__Date *d);
/* Öre as "312 000,00 kr". */
void rsv_set_money(rsv_build_t *b, rnd_value_t *map, const char *key, int64_t ore);
/* Per mille as full-time equivalents ("0,50"); empty text for 0. */
void rsv_set_fte(rsv_build_t *b, rnd_value_t *map, const char *key, int32_t permille);
rnd_value_t *rsv_map(rsv_build_t *b, rnd_value_t *parent, const char *key);
rnd_value_t *rsv_list(rsv_build_t *b, rnd_value_t *parent, const char *key);
rnd_value_t *rsv_item(rsv_build_t *b, rnd_value_t *list);
void rsv_append(rsv_build_t *b, rnd_value_t *list, const char *text);

#endif
