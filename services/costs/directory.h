/* The run's input looked up by key: organisations, parties and centres. */
#ifndef CST_DIRECTORY_H
#define CST_DIRECTORY_H

#include "fcavtal/costs/settlement.h"

/* Pointers to the caller's records, sorted by key; read them through the
 * typed look-ups below. */
typedef struct {
    const void **organisations;
    size_t n_organisations;
    const void **parties;
    size_t n_parties;
    const void **centres;
    size_t n_centres;
} cst_directory_t;

/* Refuses a key of 0 or a key given twice (FC_INVALID_ARGUMENT). */
fc_status_t cst_directory_build(const cst_run_input_t *in, cst_directory_t *d, cst_error_t *err);
void cst_directory_clear(cst_directory_t *d);

const cst_organisation_t *cst_directory_organisation(const cst_directory_t *d, uint64_t key);
const cst_party_t *cst_directory_party(const cst_directory_t *d, uint64_t key);
const cst_centre_t *cst_directory_centre(const cst_directory_t *d, uint64_t key);
/* The party's principal (Örebro): its own organisation unless it names one. */
const cst_organisation_t *cst_directory_principal(const cst_directory_t *d, const cst_party_t *p);

#endif
