/* Checks a run's input before anything is computed. */
#ifndef CST_VALIDATE_H
#define CST_VALIDATE_H

#include "directory.h"

fc_status_t cst__validate(const cst_run_input_t *in, const cst__directory_t *d, cst_error_t *err);

#endif
