/* The domain library's view (fcavtal/term.h, fcavtal/deadline.h) of a
 * read-model agreement, so a document states the end in force and the
 * notice deadline by the same rules the registry and notify apply. */
#ifndef RSV_DOMAIN_VIEW_H
#define RSV_DOMAIN_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "fcavtal/agreement_wire.h"   /* fc_date_from_pb, fc_term_from_pb */
#include "fcavtal/deadline.h"
#include "fcavtal/term.h"
#include "service.h"

/* The end in force on `on` (the registry's status decides which: the term's
 * end after renewals, a notice's effective day, a termination's).
 * *has_end false while the agreement runs until further notice. */
fc_status_t rsv_end_in_force(const DocAgreement *a, fc_date_t on, bool *has_end, fc_date_t *end);

/* The first notice deadline on or after `on` (end in force - notice months,
 * Bilaga 1 §2 and VG §4); false when there is none (until further notice,
 * no notice period, or every deadline has passed). */
bool rsv_notice_deadline(const DocAgreement *a, fc_date_t on, fc_date_t *deadline);

#endif
