/* Which rule shares a category of cost in a centre on a given day: the
 * framework's rule set, overridden where the local agreement may and does. */
#ifndef CST_RULES_H
#define CST_RULES_H

#include "fcavtal/costs/model.h"
#include "fcavtal/costs/prorata.h"
#include "fcavtal/costs/settlement.h"

#define CST_SOURCE_VG "VG §14.1"
#define CST_SOURCE_OREBRO "Örebro, Ekonomi"

typedef struct {
    cst_rule_kind_t kind;
    const cst_local_rule_t *local; /* the local rule applied; NULL: the framework's */
    const char *source;            /* CST_SOURCE_* or local->source */
    cst_rule_basis_t basis;        /* why this rule applies (cst_rule_basis_text) */
} cst__rule_choice_t;

/* FC_FAILED_PRECONDITION, naming the rule that leaves the choice to the
 * local agreement, when no rule applies on that day. */
fc_status_t cst__rule_choose(const cst_centre_t *c, cst_category_t category, fc_date_t day,
                            cst__rule_choice_t *out, cst_error_t *err);

/* Adds the days in (first, last] on which the rule for the category may
 * change: the framework taking effect, local rules starting or ending. */
fc_status_t cst__rule_breaks(const cst_centre_t *c, cst_category_t category, cst_breaks_t *b,
                            fc_date_t first, fc_date_t last);

/* Örebro, Ekonomi: only a region or a municipality is a principal
 * (huvudman) that costs are split between. */
bool cst__is_principal(const cst_organisation_t *o);

/* True when the centre has a local coordinator rule that VG §14.1
 * supersedes from the framework's first day (worth a warning). */
bool cst__rule_superseded_locally(const cst_centre_t *c);

#endif
