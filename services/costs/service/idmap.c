/* No library on the machine offers a plain integer-keyed hash table in C
 * (glib is not a dependency; hsearch keys on strings and is global), and
 * this one is forty lines. */
#include "idmap.h"

#include <stdlib.h>

void cst__idmap_init(cst__idmap_t *m)
{
    *m = (cst__idmap_t){0};
}

void cst__idmap_clear(cst__idmap_t *m)
{
    free(m->keys);
    free(m->values);
    *m = (cst__idmap_t){0};
}

static size_t slot_of(uint64_t key, size_t cap)
{
    /* Fibonacci hashing spreads consecutive ids over the table. */
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 17) & (cap - 1);
}

void *cst__idmap_get(const cst__idmap_t *m, uint64_t key)
{
    if (m->cap == 0 || key == 0)
        return NULL;
    for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == key)
            return m->values[i];
        if (m->keys[i] == 0)
            return NULL;
    }
}

static void place(uint64_t *keys, void **values, size_t cap, uint64_t key, void *value)
{
    size_t i = slot_of(key, cap);
    while (keys[i] != 0 && keys[i] != key)
        i = (i + 1) & (cap - 1);
    keys[i] = key;
    values[i] = value;
}

static bool grow(cst__idmap_t *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    uint64_t *keys = calloc(cap, sizeof *keys);
    void **values = calloc(cap, sizeof *values);
    if (keys == NULL || values == NULL) {
        free(keys);
        free(values);
        return false;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            place(keys, values, cap, m->keys[i], m->values[i]);
    free(m->keys);
    free(m->values);
    m->keys = keys;
    m->values = values;
    m->cap = cap;
    return true;
}

bool cst__idmap_put(cst__idmap_t *m, uint64_t key, void *value)
{
    if (key == 0)
        return false;
    if ((m->n + 1) * 2 > m->cap && !grow(m))
        return false;
    if (cst__idmap_get(m, key) == NULL)
        m->n++;
    place(m->keys, m->values, m->cap, key, value);
    return true;
}
