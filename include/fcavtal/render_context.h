/* The template context: a small owned tree of text values, lists and maps
 * that the render service fills from registry and cost data, and that
 * templates read through dotted paths ("centre.address.street").
 *
 * Every value is text: the service formats dates, money and shares before
 * they reach a template (rnd_format_* help), so a template never decides
 * how an amount or a date is written. Maps keep insertion order, so a
 * rendering depends on the data alone. All text must be valid UTF-8. */
#ifndef FCAVTAL_RENDER_CONTEXT_H
#define FCAVTAL_RENDER_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/date.h"
#include "fcavtal/status.h"

typedef enum { RND_TEXT = 1, RND_LIST, RND_MAP } rnd_kind_t;

typedef struct rnd_value rnd_value_t;

/* Constructors return an owned value, or NULL when out of memory (or, for
 * text, when it is not valid UTF-8). */
rnd_value_t *rnd_map_new(void);
rnd_value_t *rnd_list_new(void);
rnd_value_t *rnd_text_new(const char *text);
/* Frees the value and everything below it; NULLs *value_p. */
void rnd_value_destroy(rnd_value_t **value_p);

rnd_kind_t rnd_value_kind(const rnd_value_t *value);
/* The text of a RND_TEXT value, else NULL. */
const char *rnd_value_text(const rnd_value_t *value);
/* Entries of a list or a map; 0 for text. */
size_t rnd_value_count(const rnd_value_t *value);
/* i-th item of a list or i-th value of a map (insertion order), else NULL. */
const rnd_value_t *rnd_value_at(const rnd_value_t *value, size_t i);
/* i-th key of a map, else NULL. */
const char *rnd_map_key_at(const rnd_value_t *map, size_t i);
/* The value under key in a map, else NULL. */
const rnd_value_t *rnd_map_get(const rnd_value_t *map, const char *key);
/* Follows a dotted path from a map ("centre.address.city"); NULL when any
 * step is missing or not a map. */
const rnd_value_t *rnd_value_find(const rnd_value_t *root, const char *path);

/* Setting a key that exists replaces its value (keeping its position).
 * Keys are 1..63 bytes of [A-Za-z0-9_]. Each returns FC_OK,
 * FC_INVALID_ARGUMENT (bad key, not a map, invalid UTF-8) or
 * FC_RESOURCE_EXHAUSTED (out of memory). */
fc_status_t rnd_map_set_text(rnd_value_t *map, const char *key, const char *text);
/* Takes ownership of *value_p (NULLed on success; left to the caller on
 * failure). */
fc_status_t rnd_map_set(rnd_value_t *map, const char *key, rnd_value_t **value_p);
fc_status_t rnd_list_append(rnd_value_t *list, rnd_value_t **value_p);
fc_status_t rnd_list_append_text(rnd_value_t *list, const char *text);
/* Convenience: create a map or list under key (or at the end of a list) and
 * return it, borrowed; NULL on failure. */
rnd_value_t *rnd_map_add_map(rnd_value_t *map, const char *key);
rnd_value_t *rnd_map_add_list(rnd_value_t *map, const char *key);
rnd_value_t *rnd_list_add_map(rnd_value_t *list);

/* ---------------------------------------------------------- formatting
 * How Swedish agreements write values. Each writes into buf and returns
 * buf (truncated to size). */
/* 31200000 öre -> "312 000,00 kr" with U+00A0 (no-break space) between the
 * digit groups and before "kr", so an amount never wraps. */
char *rnd_format_money(int64_t ore, char *buf, size_t size);
/* 2024-03-01 -> "2024-03-01" (ISO 8601, as Swedish agreements write it). */
char *rnd_format_date(fc_date_t date, char *buf, size_t size);
/* 250 -> "0,25"; 1000 -> "1,00" (full-time equivalents, per mille in). */
char *rnd_format_permille(int32_t permille, char *buf, size_t size);
/* 1..20 -> "ett", "två", ... "tjugo" (e.g. the number of originals); other
 * numbers as digits. */
char *rnd_format_count_words(unsigned n, char *buf, size_t size);

#endif
