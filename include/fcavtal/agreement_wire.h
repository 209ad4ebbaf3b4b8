/* The wire's dates, terms and agreements as the domain's plain structs
 * (fcavtal/date.h, term.h, deadline.h). Every service that computes from an
 * agreement converts through here, so that the registry, notify and render
 * read one term the same way. Strings are borrowed from the wire record. */
#ifndef FCAVTAL_AGREEMENT_WIRE_H
#define FCAVTAL_AGREEMENT_WIRE_H

#include <stdbool.h>

#include "fcavtal/date.h"
#include "fcavtal/deadline.h"
#include "fcavtal/term.h"
#include "fcavtal/v1/registry.pb-c.h"

/* A wire date; false when absent, all zero (what "not given" decodes to)
 * or not a real calendar date, and *out is then left alone. */
bool fc_date_from_pb(const Fcavtal__V1__Date *pb, fc_date_t *out);

/* The wire's term fields as they are (whether they make sense is
 * fc_term_problems' question). False when the term is absent or its start,
 * or the end of a fixed term, is missing or no date. */
bool fc_term_from_pb(const Fcavtal__V1__Term *pb, fc_term_t *out);

/* The registry's agreement record as the deadline engine reads it. */
void fc_agreement_from_pb(const Fcavtal__V1__Agreement *a, fc_agreement_t *out);

#endif
