#include "keys.h"

#include <stdlib.h>

int cst__cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

bool cst__sorted_by_key(const void *base, size_t n, size_t size)
{
    const char *p = base;
    for (size_t i = 1; i < n; i++)
        if (*(const uint64_t *)(p + (i - 1) * size) > *(const uint64_t *)(p + i * size))
            return false;
    return true;
}

size_t cst__keys_unique(uint64_t *v, size_t n)
{
    /* Keys mostly come in order already; qsort would still copy them. */
    if (!cst__sorted_by_key(v, n, sizeof *v))
        qsort(v, n, sizeof *v, cst__cmp_u64);
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (w == 0 || v[i] != v[w - 1])
            v[w++] = v[i];
    return w;
}
