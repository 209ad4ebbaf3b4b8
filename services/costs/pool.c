#include "fcavtal/costs/pool.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Big enough that a centre's year (about 60 segments of 4 members) takes a
 * few blocks, small enough that a one-item run wastes little. */
#define BLOCK_BYTES (16 * 1024)

struct cst_pool_block {
    cst_pool_block_t *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
};

static size_t aligned(size_t n)
{
    return (n + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
}

static cst_pool_block_t *new_block(cst_pool_t *p, size_t need)
{
    size_t cap = need > BLOCK_BYTES ? need : BLOCK_BYTES;
    cst_pool_block_t *b = malloc(sizeof *b + cap);
    if (b == NULL)
        return NULL;
    b->used = 0;
    b->cap = cap;
    /* An oversized block goes behind the head: the head keeps its room. */
    if (need > BLOCK_BYTES && p->head) {
        b->next = p->head->next;
        p->head->next = b;
    } else {
        b->next = p->head;
        p->head = b;
    }
    return b;
}

void *cst_pool_alloc(cst_pool_t *p, size_t n)
{
    if (n > SIZE_MAX / 2)
        return NULL;
    size_t need = aligned(n ? n : 1);
    cst_pool_block_t *b = p->head;
    if (b == NULL || b->cap - b->used < need)
        b = new_block(p, need);
    if (b == NULL)
        return NULL;
    void *out = b->data + b->used;
    b->used += need;
    return out;
}

void *cst_pool_calloc(cst_pool_t *p, size_t n)
{
    void *out = cst_pool_alloc(p, n);
    if (out)
        memset(out, 0, n);
    return out;
}

char *cst_pool_memdup0(cst_pool_t *p, const char *s, size_t n)
{
    char *out = n < SIZE_MAX ? cst_pool_alloc(p, n + 1) : NULL;
    if (out) {
        memcpy(out, s, n);
        out[n] = '\0';
    }
    return out;
}

char *cst_pool_strdup(cst_pool_t *p, const char *s)
{
    s = s ? s : "";
    return cst_pool_memdup0(p, s, strlen(s));
}

cst_pool_mark_t cst_pool_mark(const cst_pool_t *p)
{
    return (cst_pool_mark_t){p->head, p->head ? p->head->used : 0};
}

void cst_pool_release(cst_pool_t *p, cst_pool_mark_t m)
{
    while (p->head && p->head != m.head) {
        cst_pool_block_t *b = p->head;
        p->head = b->next;
        free(b);
    }
    if (p->head)
        p->head->used = m.used;
}

void cst_pool_clear(cst_pool_t *p)
{
    cst_pool_block_t *b = p->head;
    while (b) {
        cst_pool_block_t *next = b->next;
        free(b);
        b = next;
    }
    p->head = NULL;
}

void *cst_pool_pb_alloc(void *pool, size_t n)
{
    return cst_pool_alloc(pool, n);
}

void cst_pool_pb_free(void *pool, void *p)
{
    (void)pool;
    (void)p;
}
