/* What a finalised run settled for each of its centres, as one record per
 * centre (CentreSettlement in costs.proto): made in the transaction that
 * finalises the run and published with it, so that a follower (render's
 * financing section) learns each centre's figures from one bounded event
 * instead of reading the run page by page. */
#ifndef CST_CENTRE_SETTLEMENT_H
#define CST_CENTRE_SETTLEMENT_H

#include "costs_service.h"

/* One record and one event "centre_settlement.finalised" per centre of the
 * finalised run `h`, from its stored centre pages. */
fc_status_t cst__centre_settlements_make(fc_call_t *call, const cst__run_pb_t *h);

#endif
