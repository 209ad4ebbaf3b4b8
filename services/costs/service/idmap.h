/* A map from registry id (never 0) to a pointer or an index, for building
 * a run's input: thousands of centres, tens of thousands of operations,
 * each looked up once per participation or item. Open addressing with
 * linear probing; grows at half full. */
#ifndef CST_IDMAP_H
#define CST_IDMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t *keys;   /* 0: empty slot */
    void **values;
    size_t cap;       /* a power of two */
    size_t n;
} cst__idmap_t;

void cst__idmap_init(cst__idmap_t *m);
void cst__idmap_clear(cst__idmap_t *m);
/* NULL when absent (values are never NULL). */
void *cst__idmap_get(const cst__idmap_t *m, uint64_t key);
/* Adds or replaces; false when out of memory. */
bool cst__idmap_put(cst__idmap_t *m, uint64_t key, void *value);

#endif
