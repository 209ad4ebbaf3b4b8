/* A deadline's rule in Swedish, for the people and the case-management
 * system that receive reminders: the sources' own words where they have
 * them; the section goes beside it (rule_source), not into it. The engine's explanation (English, with every
 * date) stays on the deadline record for operators. */
#ifndef FCAVTAL_NOTIFY_RULE_TEXT_SV_H
#define FCAVTAL_NOTIFY_RULE_TEXT_SV_H

#include <stddef.h>

#include "notify.h"

char *ntf_rule_text_sv(const Deadline *d, char *buf, size_t len);

#endif
