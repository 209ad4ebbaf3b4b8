/* The deadline list: names, ordering and storage. */
#include "deadline_list.h"

#include <stdlib.h>
#include <string.h>

static const char *const KIND_NAMES[] = {
    [FC_DEADLINE_NOTICE] = "notice",
    [FC_DEADLINE_EXTENSION_DECISION] = "extension_decision",
    [FC_DEADLINE_ANNUAL_REVIEW] = "annual_review",
    [FC_DEADLINE_END] = "end",
    [FC_DEADLINE_HANDOVER] = "handover",
    [FC_DEADLINE_BUSINESS_PLAN] = "business_plan",
    [FC_DEADLINE_ANNUAL_REPORT] = "annual_report",
};

#define N_KINDS (sizeof KIND_NAMES / sizeof KIND_NAMES[0])

const char *fc_deadline_kind_name(fc_deadline_kind_t kind)
{
    return (size_t)kind < N_KINDS ? KIND_NAMES[kind] : "unknown";
}

bool fc_deadline_kind_parse(const char *name, fc_deadline_kind_t *kind)
{
    for (size_t i = 0; name && i < N_KINDS; i++)
        if (strcmp(name, KIND_NAMES[i]) == 0) {
            if (kind)
                *kind = (fc_deadline_kind_t)i;
            return true;
        }
    return false;
}

const char *fc_actors_name(fc_actors_t actors)
{
    switch (actors) {
    case FC_ACTORS_ANY_PARTY: return "any_party";
    case FC_ACTORS_ALL_PARTIES: return "all_parties";
    case FC_ACTORS_EACH_PRINCIPAL: return "each_principal";
    case FC_ACTORS_STEERING_GROUP: return "steering_group";
    case FC_ACTORS_COORDINATOR: return "coordinator";
    }
    return "unknown";
}

fc_deadline_list_t *fc_deadline_list_new(size_t limit)
{
    fc_deadline_list_t *list = calloc(1, sizeof *list);
    if (list)
        list->limit = limit ? limit : FC_DEADLINE_LIST_LIMIT;
    return list;
}

void fc_deadline_list_destroy(fc_deadline_list_t **list)
{
    if (!list || !*list)
        return;
    free((*list)->items);
    free(*list);
    *list = NULL;
}

fc_deadline_t *fc_dl_list_add(fc_deadline_list_t *list, fc_status_t *st)
{
    if (list->n >= list->limit) {
        *st = FC_OUT_OF_RANGE;
        return NULL;
    }
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 16;
        fc_deadline_t *items = realloc(list->items, cap * sizeof *items);
        if (!items) {
            *st = FC_RESOURCE_EXHAUSTED;
            return NULL;
        }
        list->items = items;
        list->cap = cap;
    }
    fc_deadline_t *d = &list->items[list->n++];
    memset(d, 0, sizeof *d);
    return d;
}

static int compare(const void *pa, const void *pb)
{
    const fc_deadline_t *a = pa, *b = pb;
    int c = fc_date_cmp(a->date, b->date);
    if (c)
        return c;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if ((c = strcmp(a->key, b->key)))
        return c;
    if (a->agreement_id != b->agreement_id)
        return a->agreement_id < b->agreement_id ? -1 : 1;
    return 0;
}

void fc_dl_sort_from(fc_deadline_list_t *list, size_t first)
{
    if (list->n > first + 1)
        qsort(list->items + first, list->n - first, sizeof *list->items, compare);
}

/* Equal keys have equal dates and kinds, so after sorting they are
 * neighbours; the first (lowest agreement id) stays. */
void fc_deadline_list_sort(fc_deadline_list_t *list)
{
    if (!list)
        return;
    fc_dl_sort_from(list, 0);
    size_t kept = 0;
    for (size_t i = 0; i < list->n; i++) {
        if (kept && strcmp(list->items[kept - 1].key, list->items[i].key) == 0)
            continue;
        if (kept != i)
            list->items[kept] = list->items[i];
        kept++;
    }
    list->n = kept;
}
