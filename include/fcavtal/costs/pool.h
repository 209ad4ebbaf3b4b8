/* Memory taken from blocks and given back all at once: a run's segment
 * texts and members (freed with the run), and the cost items the service
 * reads for a run (freed with its input). A yearly run over 5,000 centres
 * made some three million such small allocations and freed each one again;
 * malloc and free were a fifth of the run (docs/performance.md).
 *
 * Hand-written because glibc's obstack, the library for this, answers a
 * failed malloc only through a handler that must not return: a run must
 * answer RESOURCE_EXHAUSTED and go on serving. */
#ifndef FCAVTAL_COSTS_POOL_H
#define FCAVTAL_COSTS_POOL_H

#include <stddef.h>

typedef struct cst_pool_block cst_pool_block_t;

typedef struct cst_pool {
    cst_pool_block_t *head; /* the block being filled; older ones behind it */
} cst_pool_t;

/* n bytes, aligned for any type, uninitialised; NULL when out of memory. */
void *cst_pool_alloc(cst_pool_t *p, size_t n);
/* n zeroed bytes; NULL when out of memory. */
void *cst_pool_calloc(cst_pool_t *p, size_t n);
/* A NUL-terminated copy of s[0..n); NULL when out of memory. */
char *cst_pool_memdup0(cst_pool_t *p, const char *s, size_t n);
/* A copy of s (NULL: ""); NULL when out of memory. */
char *cst_pool_strdup(cst_pool_t *p, const char *s);
/* Where the pool stands, to give back what was taken after it. */
typedef struct {
    cst_pool_block_t *head;
    size_t used;
} cst_pool_mark_t;
cst_pool_mark_t cst_pool_mark(const cst_pool_t *p);
/* Gives back what the head blocks took since `m` (a block too big for the
 * head stays until the pool is cleared). */
void cst_pool_release(cst_pool_t *p, cst_pool_mark_t m);
/* Gives every block back; the pool is then empty and usable again. */
void cst_pool_clear(cst_pool_t *p);
/* protobuf-c's allocator interface over the pool (its free does nothing:
 * the pool gives everything back at once). */
void *cst_pool_pb_alloc(void *pool, size_t n);
void cst_pool_pb_free(void *pool, void *p);

#endif
