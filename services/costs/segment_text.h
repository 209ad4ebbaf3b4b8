/* The words of a segment: its explanation and its members' fractions,
 * written from the segment's parts and its centre's names whenever they are
 * read. A run stores neither (page_encode.c): at 300 000 segments a year the
 * sentences were four fifths of the bytes a run wrote and a sixth of the
 * CPU it spent (docs/performance.md, "Costs"). */
#ifndef CST_SEGMENT_TEXT_H
#define CST_SEGMENT_TEXT_H

#include "fcavtal/costs/settlement.h"
#include "text.h"

/* Appends the segment's explanation to t. */
void cst__segment_text(cst__text_t *t, const cst_run_t *run, const cst_segment_t *seg);

/* Appends member k's fraction to t. */
void cst__fraction_text(cst__text_t *t, const cst_segment_t *seg, size_t k);

#endif
