#include "keys.h"

#include <stdlib.h>

int cst__cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

size_t cst__keys_unique(uint64_t *v, size_t n)
{
    qsort(v, n, sizeof *v, cst__cmp_u64);
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (w == 0 || v[i] != v[w - 1])
            v[w++] = v[i];
    return w;
}
