/* Why a text is not an organisation number, with the digit that would fit. */
#ifndef FC_CLI_ORGNR_ERROR_H
#define FC_CLI_ORGNR_ERROR_H

#include <stddef.h>

/* NULL when `text` is a valid organisation number (any form
 * fc_orgnr_normalise accepts). Otherwise writes one phrase into buf and
 * returns buf: "232100-0132: check digit does not match (expected 1)",
 * "23210-0131: must have 10 digits, or 12 starting with 16". */
const char *cli_orgnr_error(const char *text, char *buf, size_t size);

#endif
