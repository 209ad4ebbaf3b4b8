/* What went wrong, for the caller and for the wire: the status code from
 * fcavtal/status.h (one enum from engine to Status), the input field at fault
 * and a sentence a person can act on. */
#ifndef FCAVTAL_COSTS_ERROR_H
#define FCAVTAL_COSTS_ERROR_H

#include "fcavtal/status.h"

#define CST_FIELD_MAX 96
#define CST_MESSAGE_MAX 512

typedef struct {
    fc_status_t code;
    char field[CST_FIELD_MAX];     /* path in the input, e.g. "items[3].paid_by"; may be "" */
    char message[CST_MESSAGE_MAX]; /* English, names the rule or value at fault */
} cst_error_t;

/* Fills *err (when not NULL) and returns code, so that callers can write
 * `return cst_error_set(err, FC_INVALID_ARGUMENT, "period", "...")`.
 * field may be NULL. */
fc_status_t cst_error_set(cst_error_t *err, fc_status_t code, const char *field, const char *fmt,
                          ...) __attribute__((format(printf, 4, 5)));

/* The one message for an allocation that failed. */
fc_status_t cst_error_oom(cst_error_t *err);

#endif
