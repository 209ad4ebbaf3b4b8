/* The Swedish subject and body of a deadline reminder, for e-mail and for
 * anything else that shows a person one reminder. */
#ifndef FCAVTAL_NOTIFY_REMINDER_TEXT_H
#define FCAVTAL_NOTIFY_REMINDER_TEXT_H

#include <stddef.h>
#include "fcavtal/status.h"
#include "reminder.h"

typedef struct {
    char *subject;  /* one line, UTF-8 */
    char *body;     /* UTF-8, lines ended by "\n" */
} ntf_reminder_text_t;

/* Fills *out with owned strings (free with ntf_reminder_text_clear).
 * FC_INVALID_ARGUMENT (with a message in err) when the reminder lacks what
 * the text needs; FC_RESOURCE_EXHAUSTED when out of memory. */
fc_status_t ntf_reminder_text(const ntf_reminder_t *reminder, ntf_reminder_text_t *out,
                              char *err, size_t errlen);
void ntf_reminder_text_clear(ntf_reminder_text_t *text);

#endif
