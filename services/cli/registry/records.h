/* Add, update and get of the four record types, shared by their commands.
 * A record is JSON in the import file's per-record format, with numeric ids
 * for references ("municipality": 3 or "municipality_id": 3). */
#ifndef FC_CLI_RECORDS_H
#define FC_CLI_RECORDS_H

#include <jansson.h>

#include "registry.h"

/* The record from `file` (NULL: none, "-": stdin) with the flags of `a`
 * laid over it. NULL when something is wrong (printed). */
json_t *record_input(const cli_args_t *a, const char *file);

/* put_<entity> with a new record (one without an id). Consumes record. */
int record_add(cli_t *cli, const char *entity, json_t *record);

/* Reads record `id`, lays `changes` over its top-level fields and puts it
 * back: fields not mentioned keep their values. Consumes changes. */
int record_update(cli_t *cli, const char *entity, json_int_t id, json_t *changes);

/* Every page of list `method` with the flags of `a` (--limit N stops after
 * N), printed as one list; `what` names the records ("organisations"). */
int record_list(cli_t *cli, const cli_args_t *a, const char *method, const char *what);

/* get_<entity> {"id": id}, printed. */
int record_get(cli_t *cli, const char *entity, json_int_t id);

/* A body {"id": id} for methods taking GetById. */
json_t *record_id_body(json_int_t id);

#endif
