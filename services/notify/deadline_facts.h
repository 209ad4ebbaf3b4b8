/* The facts of a deadline in Swedish, one per line: the part of a reminder
 * e-mail and of a calendar event's description that says what is due, by
 * when, under which rule, and who must act. */
#ifndef FCAVTAL_NOTIFY_DEADLINE_FACTS_H
#define FCAVTAL_NOTIFY_DEADLINE_FACTS_H

#include <stdio.h>
#include "fcavtal/status.h"
#include "reminder.h"

/* Checks what every channel needs: key, a title or case number, valid
 * dates with safe_day <= nominal. FC_INVALID_ARGUMENT with a message. */
fc_status_t ntf_deadline_check(const ntf_deadline_t *deadline, char *err, size_t errlen);

/* Writes the facts, "\n"-terminated lines, to out. 0, or -1 on a write
 * error. */
int ntf_deadline_facts(const ntf_deadline_t *deadline, FILE *out);

/* Writes text with its first letter upper-case (ASCII and å, ä, ö). */
int ntf_put_capitalised(const char *text, FILE *out);

#endif
