/* Filling rnd_error_t (render.h). */
#ifndef RND_ERROR_H
#define RND_ERROR_H

#include "fcavtal/render.h"

/* Sets code and message (when err is non-NULL) and returns code. */
fc_status_t rnd__fail(rnd_error_t *err, fc_status_t code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Appends one entry to err->missing; false when out of memory. */
bool rnd__error_add_missing(rnd_error_t *err, const char *entry);

#endif
