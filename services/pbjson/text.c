/* Text for JSON output. proto3 strings should be UTF-8, but protobuf-c does
 * not check what it decodes; jansson refuses to hold text that is not UTF-8.
 * Rather than lose a whole reply for one bad byte, each byte that starts no
 * valid sequence is shown as U+FFFD (the Unicode replacement character). */
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "internal.h"

#define MAX_SEQUENCE 4

static const char REPLACEMENT[] = "\xEF\xBF\xBD";  /* U+FFFD */

/* The length of the valid UTF-8 sequence at s (1..4), or 0. The rules of
 * validity stay in one place (fc_utf8_valid_n). */
static size_t sequence_at(const char *s, size_t avail)
{
    for (size_t n = 1; n <= MAX_SEQUENCE && n <= avail; n++)
        if (fc_utf8_valid_n(s, n))
            return n;
    return 0;
}

static json_t *repaired(const char *text, size_t len)
{
    /* Each bad byte grows to three: the worst case is all bad. */
    char *out = malloc(len * (sizeof REPLACEMENT - 1) + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t n = sequence_at(text + i, len - i);
        if (n == 0) {
            memcpy(out + o, REPLACEMENT, sizeof REPLACEMENT - 1);
            o += sizeof REPLACEMENT - 1;
            i++;
        } else {
            memcpy(out + o, text + i, n);
            o += n;
            i += n;
        }
    }
    json_t *j = json_stringn_nocheck(out, o);
    free(out);
    return j;
}

json_t *pbj_text_to_json(const char *text)
{
    const char *s = text ? text : "";
    size_t len = strlen(s);
    if (fc_utf8_valid_n(s, len))
        return json_stringn_nocheck(s, len);
    return repaired(s, len);
}
