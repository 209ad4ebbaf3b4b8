#include "text_check.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

bool ntf_ascii_printable(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p < 0x20 || *p > 0x7e)
            return false;
    return true;
}

/* glibc's iconv refuses malformed, overlong and surrogate sequences, so a
 * UTF-8 to UTF-8 conversion is a complete validity check. */
static bool utf8_valid(const char *text)
{
    iconv_t cd = iconv_open("UTF-8", "UTF-8");
    if (cd == (iconv_t)-1)
        return false;
    char out[512];
    char *in = (char *)text;
    size_t in_left = strlen(text);
    bool ok = true;
    while (ok && in_left) {
        char *o = out;
        size_t out_left = sizeof out;
        if (iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1 && errno != E2BIG)
            ok = false;
    }
    iconv_close(cd);
    return ok;
}

bool ntf_utf8_clean(const char *text, bool allow_newlines)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == 0x7f || (*p < 0x20 && !(allow_newlines && (*p == '\n' || *p == '\r' || *p == '\t'))))
            return false;
    }
    return utf8_valid(text);
}

