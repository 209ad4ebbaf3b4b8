#include "directory.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

/* Every record type starts with its uint64_t key, so one comparison serves
 * all three sorted pointer arrays. */
_Static_assert(offsetof(cst_organisation_t, key) == 0, "key first");
_Static_assert(offsetof(cst_party_t, key) == 0, "key first");
_Static_assert(offsetof(cst_centre_t, key) == 0, "key first");

static int by_key(const void *pa, const void *pb)
{
    uint64_t a = **(const uint64_t *const *)pa, b = **(const uint64_t *const *)pb;
    return (a > b) - (a < b);
}

static int key_vs_pointer(const void *key, const void *elem)
{
    uint64_t a = *(const uint64_t *)key, b = **(const uint64_t *const *)elem;
    return (a > b) - (a < b);
}

static const void *find(const void **sorted, size_t n, uint64_t key)
{
    const void *const *hit = n ? bsearch(&key, sorted, n, sizeof *sorted, key_vs_pointer) : NULL;
    return hit ? *hit : NULL;
}

/* Sorts pointers to n records of `size` bytes; refuses 0 and duplicates,
 * naming the offending input index in `what[i].key`. */
static fc_status_t index_records(const void *records, size_t n, size_t size, const char *what,
                                 const void ***out, cst_error_t *err)
{
    *out = NULL;
    if (n == 0)
        return FC_OK;
    const void **p = malloc(n * sizeof *p);
    if (p == NULL)
        return cst_error_oom(err);
    for (size_t i = 0; i < n; i++) {
        p[i] = (const char *)records + i * size;
        if (*(const uint64_t *)p[i] == 0) {
            free(p);
            char field[CST_FIELD_MAX];
            snprintf(field, sizeof field, "%s[%zu].key", what, i);
            return cst_error_set(err, FC_INVALID_ARGUMENT, field, "%s need a key other than 0",
                                 what);
        }
    }
    qsort(p, n, sizeof *p, by_key);
    for (size_t i = 1; i < n; i++) {
        uint64_t k = *(const uint64_t *)p[i];
        if (k == *(const uint64_t *)p[i - 1]) {
            free(p);
            return cst_error_set(err, FC_INVALID_ARGUMENT, what, "%s key %llu is given twice",
                                 what, (unsigned long long)k);
        }
    }
    *out = p;
    return FC_OK;
}

fc_status_t cst__directory_build(const cst_run_input_t *in, cst__directory_t *d, cst_error_t *err)
{
    *d = (cst__directory_t){0};
    fc_status_t rc = index_records(in->organisations, in->n_organisations,
                                   sizeof *in->organisations, "organisations",
                                   &d->organisations, err);
    if (rc == FC_OK)
        rc = index_records(in->parties, in->n_parties, sizeof *in->parties, "parties",
                           &d->parties, err);
    if (rc == FC_OK)
        rc = index_records(in->centres, in->n_centres, sizeof *in->centres, "centres",
                           &d->centres, err);
    if (rc != FC_OK) {
        cst__directory_clear(d);
        return rc;
    }
    d->n_organisations = in->n_organisations;
    d->n_parties = in->n_parties;
    d->n_centres = in->n_centres;
    return FC_OK;
}

void cst__directory_clear(cst__directory_t *d)
{
    free(d->organisations);
    free(d->parties);
    free(d->centres);
    *d = (cst__directory_t){0};
}

const cst_organisation_t *cst__directory_organisation(const cst__directory_t *d, uint64_t key)
{
    return find(d->organisations, d->n_organisations, key);
}

const cst_party_t *cst__directory_party(const cst__directory_t *d, uint64_t key)
{
    return find(d->parties, d->n_parties, key);
}

const cst_centre_t *cst__directory_centre(const cst__directory_t *d, uint64_t key)
{
    return find(d->centres, d->n_centres, key);
}

const cst_organisation_t *cst__directory_principal(const cst__directory_t *d, const cst_party_t *p)
{
    return cst__directory_organisation(d, p->principal ? p->principal : p->organisation);
}
