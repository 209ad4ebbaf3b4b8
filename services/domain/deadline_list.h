/* Inside the domain library: growing and ordering a deadline list. */
#ifndef FC_DOMAIN_DEADLINE_LIST_H
#define FC_DOMAIN_DEADLINE_LIST_H

#include "fcavtal/deadline.h"

/* A zeroed slot at the end of the list, or NULL with *st set to
 * FC_OUT_OF_RANGE (limit reached) or FC_RESOURCE_EXHAUSTED. */
fc_deadline_t *fc_dl_list_add(fc_deadline_list_t *list, fc_status_t *st);

/* Sorts items[first..n) by date, kind, key and agreement. */
void fc_dl_sort_from(fc_deadline_list_t *list, size_t first);

#endif
