/* The receiver's folder: one notification per id, as <id>.pb (the bytes as
 * received) and <id>.json (readable). Each file is written to a temporary
 * name, synced, renamed into place, and the folder synced, so a crash leaves
 * either the complete file or none; <id>.json is written last and is the
 * mark that the id is stored. */
#ifndef FCAVTAL_NOTIFY_CASE_STORE_H
#define FCAVTAL_NOTIFY_CASE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fcavtal/status.h"

typedef struct ntf_case_store_t ntf_case_store_t;

/* Opens `dir`, creating it (one level) when missing. NULL with a message. */
ntf_case_store_t *ntf_case_store_open(const char *dir, char *err, size_t errlen);
void ntf_case_store_close(ntf_case_store_t **self_p);

/* True when the id has been stored before. */
bool ntf_case_store_has(ntf_case_store_t *self, const char *id);
/* True when the stored <id>.pb holds exactly these bytes. */
bool ntf_case_store_same(ntf_case_store_t *self, const char *id, const uint8_t *pb, size_t len);
/* Writes both files durably. The id must pass ntf_id_valid. FC_INTERNAL
 * (or FC_RESOURCE_EXHAUSTED for a full disk) with a message. */
fc_status_t ntf_case_store_put(ntf_case_store_t *self, const char *id, const uint8_t *pb, size_t len,
                               const char *json, char *err, size_t errlen);

#endif
