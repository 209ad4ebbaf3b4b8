/* Swedish organisation numbers (organisationsnummer). */
#ifndef FCAVTAL_ORGNR_H
#define FCAVTAL_ORGNR_H

#include <stdbool.h>
#include <stddef.h>

/* "NNNNNN-NNNN" plus NUL. */
#define FC_ORGNR_STRLEN 12

typedef enum {
    FC_ORGNR_OK = 0,
    FC_ORGNR_EMPTY,          /* nothing given */
    FC_ORGNR_BAD_CHARACTER,  /* something other than digits, one '-' or spaces */
    FC_ORGNR_BAD_LENGTH,     /* not 10 or 12 digits */
    FC_ORGNR_BAD_PREFIX,     /* 12 digits not starting with "16" */
    FC_ORGNR_BAD_CHECKSUM    /* Luhn check digit does not match */
} fc_orgnr_error_t;

/* Normalises 10 digits, 12 digits starting with "16", with or without the
 * hyphen ("2321000131", "232100-0131", "16232100-0131") to "NNNNNN-NNNN" in
 * out, after checking the Luhn (mod 10, weights 2,1,2,...) check digit. */
fc_orgnr_error_t fc_orgnr_normalise(const char *input, char out[FC_ORGNR_STRLEN]);

/* English description of an error, for replies: "check digit does not match". */
const char *fc_orgnr_strerror(fc_orgnr_error_t err);

#endif
