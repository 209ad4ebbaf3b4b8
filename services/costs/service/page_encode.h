/* The protobuf encoding of a centre's RunContentPage, written directly. */
#ifndef CST_PAGE_ENCODE_H
#define CST_PAGE_ENCODE_H

#include <stddef.h>
#include <stdint.h>

#include "fcavtal/costs/settlement.h"

/* The page of a run of one centre: malloc-owned *out of *len bytes that
 * unpack as Fcavtal__V1__RunContentPage. false when out of memory. */
bool cst__page_encode_centre(const cst_run_t *run, uint8_t **out, size_t *len);

#endif
