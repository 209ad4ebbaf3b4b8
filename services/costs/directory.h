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
} cst__directory_t;

/* Refuses a key of 0 or a key given twice (FC_INVALID_ARGUMENT). */
fc_status_t cst__directory_build(const cst_run_input_t *in, cst__directory_t *d, cst_error_t *err);
void cst__directory_clear(cst__directory_t *d);

const cst_organisation_t *cst__directory_organisation(const cst__directory_t *d, uint64_t key);
const cst_party_t *cst__directory_party(const cst__directory_t *d, uint64_t key);
const cst_centre_t *cst__directory_centre(const cst__directory_t *d, uint64_t key);
/* The party's principal (Örebro): its own organisation unless it names one. */
const cst_organisation_t *cst__directory_principal(const cst__directory_t *d, const cst_party_t *p);

#endif
