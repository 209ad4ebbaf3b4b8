/* Names of organisations and operations, so that output says "Örebro
 * kommun 212000-1967 (organisation 2)" where the record holds only 2. Best
 * effort: without the names, output falls back to the ids. */
#ifndef FC_CLI_NAMES_H
#define FC_CLI_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "registry.h"

/* Reads every organisation and operation once; problems are not reported
 * (the output simply shows ids). */
void names_load(cli_t *cli);
void names_clear(void);

/* "Örebro kommun 212000-1967 (organisation 2)", or "organisation 2". */
const char *names_org(uint64_t id, char *buf, size_t n);
/* "BVC Vivalla (operation 7)", or "operation 7". */
const char *names_op(uint64_t id, char *buf, size_t n);
/* Just the name, or the id as text when unknown; "" for 0. */
const char *names_org_short(uint64_t id, char *buf, size_t n);

#endif
