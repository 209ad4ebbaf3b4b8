/* Explaining an organisation number that does not validate. The check digit
 * a mistyped number needed is found by asking fc_orgnr_normalise about each
 * of the ten candidates, so the Luhn rule stays in one place (orgnr.c). */
#include "fcavtal/pbjson.h"

#include <stdio.h>
#include <string.h>

#include "fcavtal/orgnr.h"

#define ORGNR_TEXT_MAX 64

/* The digit that makes the number valid in place of its last digit, or -1. */
static int expected_check_digit(const char *text)
{
    char probe[ORGNR_TEXT_MAX];
    size_t len = strlen(text);
    if (len >= sizeof probe)
        return -1;
    memcpy(probe, text, len + 1);
    char *last = NULL;
    for (char *p = probe; *p; p++)
        if (*p >= '0' && *p <= '9')
            last = p;
    if (!last)
        return -1;
    char normal[FC_ORGNR_STRLEN];
    for (int digit = 0; digit <= 9; digit++) {
        *last = (char)('0' + digit);
        if (fc_orgnr_normalise(probe, normal) == FC_ORGNR_OK)
            return digit;
    }
    return -1;
}

const char *pbj_orgnr_error(const char *text, char *buf, size_t size)
{
    char normal[FC_ORGNR_STRLEN];
    fc_orgnr_error_t err = fc_orgnr_normalise(text, normal);
    if (err == FC_ORGNR_OK)
        return NULL;
    const char *shown = text ? text : "";
    int expected = err == FC_ORGNR_BAD_CHECKSUM ? expected_check_digit(shown) : -1;
    if (err == FC_ORGNR_EMPTY)
        snprintf(buf, size, "%s", fc_orgnr_strerror(err));
    else if (expected >= 0)
        snprintf(buf, size, "%s: %s (expected %d)", shown, fc_orgnr_strerror(err), expected);
    else
        snprintf(buf, size, "%s: %s", shown, fc_orgnr_strerror(err));
    return buf;
}
