/* Sorting and de-duplicating uint64 keys: every list the engine writes is in
 * key order, so that its output never depends on the order of its input. */
#ifndef CST_KEYS_H
#define CST_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* qsort/bsearch comparison of two uint64_t (or of records that start with one). */
int cst__cmp_u64(const void *a, const void *b);
/* n records of `size` bytes, each starting with a uint64_t key, are in
 * ascending key order. */
bool cst__sorted_by_key(const void *base, size_t n, size_t size);
/* Sorts v and removes repeats; returns the new length. */
size_t cst__keys_unique(uint64_t *v, size_t n);

#endif
