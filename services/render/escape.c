/* Escaping values for Markdown. A value is data, never markup: whatever an
 * organisation's name holds, CommonMark must read it back as that text, and
 * the HTML and PDF made from it must show it as such.
 *
 * Every ASCII punctuation character may be backslash-escaped in CommonMark;
 * only those that start inline markup anywhere in a line are escaped
 * everywhere, plus those that start a block at the beginning of a value
 * (the value may stand at the start of a line or of a list item). Line
 * breaks and other control characters become spaces, so a value cannot
 * start a new block. */
#include <string.h>

#include "template.h"

static const char INLINE_SPECIAL[] = "\\`*_[]<>&#{";
static const char BLOCK_START_SPECIAL[] = "-+=>|~";

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool rnd__markdown_escape(rnd__buf_t *out, const char *text)
{
    const char *s = text, *end = text + strlen(text);
    while (s < end && is_space(*s))
        s++;
    while (end > s && is_space(end[-1]))
        end--;
    /* "1." or "1)" at the start would open an ordered list. */
    const char *digits = s;
    while (digits < end && *digits >= '0' && *digits <= '9')
        digits++;
    const char *list_delim = digits > s && digits < end && (*digits == '.' || *digits == ')')
                                 ? digits : NULL;
    bool prev_space = false;
    for (const char *p = s; p < end; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f) {
            /* Collapse runs: two spaces before a line end are a hard break. */
            if (!prev_space && !rnd__buf_putc(out, ' '))
                return false;
            prev_space = true;
            continue;
        }
        if (c == ' ' && prev_space)
            continue;
        prev_space = c == ' ';
        bool escape = strchr(INLINE_SPECIAL, c) ||
                      (p == s && strchr(BLOCK_START_SPECIAL, c)) || p == list_delim;
        if (escape && !rnd__buf_putc(out, '\\'))
            return false;
        if (!rnd__buf_putc(out, (char)c))
            return false;
    }
    return rnd__buf_ok(out);
}
