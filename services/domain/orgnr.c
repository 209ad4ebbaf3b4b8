/* Swedish organisation numbers: validated once at the edge, stored in the
 * one canonical form "NNNNNN-NNNN". */
#include "fcavtal/orgnr.h"

#include <ctype.h>
#include <string.h>

/* The digits of the number with the hyphen's position remembered, so that
 * shape and checksum can be judged after one pass over the text. */
typedef struct {
    char digits[12];
    size_t ndigits;   /* may exceed 12: only the count matters then */
    size_t hyphen_at; /* digits before the hyphen; (size_t)-1 when absent */
} orgnr_scan_t;

static bool is_space(char c)
{
    return isspace((unsigned char)c) != 0;
}

/* Trims surrounding whitespace into [*begin, *end). */
static void trim(const char *s, const char **begin, const char **end)
{
    const char *b = s;
    const char *e = s + strlen(s);
    while (b < e && is_space(*b))
        b++;
    while (e > b && is_space(e[-1]))
        e--;
    *begin = b;
    *end = e;
}

static fc_orgnr_error_t scan(const char *b, const char *e, orgnr_scan_t *sc)
{
    sc->ndigits = 0;
    sc->hyphen_at = (size_t)-1;
    for (const char *p = b; p < e; p++) {
        if (*p >= '0' && *p <= '9') {
            if (sc->ndigits < sizeof sc->digits)
                sc->digits[sc->ndigits] = *p;
            sc->ndigits++;
        } else if (*p == '-' && sc->hyphen_at == (size_t)-1) {
            sc->hyphen_at = sc->ndigits;
        } else {
            return FC_ORGNR_BAD_CHARACTER;
        }
    }
    return FC_ORGNR_OK;
}

/* Luhn with weights 2,1,2,... from the first digit: the ten digits sum,
 * after folding two-digit products, to a multiple of ten. */
static bool luhn_ok(const char *ten)
{
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        int v = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v > 9 ? v - 9 : v;
    }
    return sum % 10 == 0;
}

fc_orgnr_error_t fc_orgnr_normalise(const char *input, char out[FC_ORGNR_STRLEN])
{
    const char *b, *e;
    orgnr_scan_t sc;
    if (input == NULL)
        return FC_ORGNR_EMPTY;
    trim(input, &b, &e);
    if (b == e)
        return FC_ORGNR_EMPTY;
    fc_orgnr_error_t err = scan(b, e, &sc);
    if (err != FC_ORGNR_OK)
        return err;
    if (sc.ndigits != 10 && sc.ndigits != 12)
        return FC_ORGNR_BAD_LENGTH;
    /* The hyphen separates the four last digits, in either form. */
    if (sc.hyphen_at != (size_t)-1 && sc.hyphen_at != sc.ndigits - 4)
        return FC_ORGNR_BAD_CHARACTER;
    const char *ten = sc.digits;
    if (sc.ndigits == 12) {
        if (ten[0] != '1' || ten[1] != '6')
            return FC_ORGNR_BAD_PREFIX;
        ten += 2;
    }
    if (!luhn_ok(ten))
        return FC_ORGNR_BAD_CHECKSUM;
    memcpy(out, ten, 6);
    out[6] = '-';
    memcpy(out + 7, ten + 6, 4);
    out[11] = '\0';
    return FC_ORGNR_OK;
}

const char *fc_orgnr_strerror(fc_orgnr_error_t err)
{
    switch (err) {
    case FC_ORGNR_OK:
        return "valid";
    case FC_ORGNR_EMPTY:
        return "no organisation number given";
    case FC_ORGNR_BAD_CHARACTER:
        return "only digits and one hyphen before the last four digits are allowed";
    case FC_ORGNR_BAD_LENGTH:
        return "must have 10 digits, or 12 starting with 16";
    case FC_ORGNR_BAD_PREFIX:
        return "a 12-digit organisation number must start with 16";
    case FC_ORGNR_BAD_CHECKSUM:
        return "check digit does not match";
    }
    return "invalid organisation number";
}
