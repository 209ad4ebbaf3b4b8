/* Corrections of finalised runs: the same period and centres run again
 * over today's items and participations, and only the differences to what
 * was settled (the run, or its latest finalised correction) settled anew. */
#ifndef CST_CORRECT_H
#define CST_CORRECT_H

#include "costs_service.h"

/* A draft correction of the finalised settlement `settled` (reply set).
 * When nothing changed, the reply is `settled` itself with a warning and
 * nothing is stored. */
fc_status_t cst__correction_make(fc_call_t *call, const cst__run_pb_t *settled, const char *note,
                                 cst__reply_t *rep);

#endif
