/* A run in a reply: its header and one page of one part (ShowRun). */
#ifndef CST_RUN_SHOW_H
#define CST_RUN_SHOW_H

#include "costs_service.h"

/* Takes hdr (freed on failure) and sets it as the reply's run with page
 * `page` of `part` (SUMMARY: page 0 of the organisations and transfers). */
fc_status_t cst__run_reply(fc_call_t *call, cst__run_pb_t *hdr, Fcavtal__V1__RunPart part,
                           uint32_t page, cst__reply_t *rep);

#endif
