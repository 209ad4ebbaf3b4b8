#include "mime_encoding.h"

#include "text_check.h"

#include <sodium.h>
#include <string.h>

/* ------------------------------------------------------------ body */

static bool must_encode(const char *line, size_t i, size_t len, size_t col)
{
    unsigned char c = (unsigned char)line[i];
    if (c == '=' || c > 0x7e || (c < 0x20 && c != '\t'))
        return true;
    if ((c == ' ' || c == '\t') && i + 1 == len)
        return true;   /* trailing white space is stripped by some relays */
    if (col == 0 && c == '.')
        return true;   /* SMTP end-of-data and dot-stuffing */
    return col == 0 && len - i >= 5 && memcmp(line + i, "From ", 5) == 0;   /* mbox */
}

/* Bytes in the token at line[i]: a whole UTF-8 character is kept on one
 * physical line, for decoders that work line by line. */
static size_t token_bytes(const char *line, size_t i, size_t len)
{
    size_t n = 1;
    if ((unsigned char)line[i] >= 0xc0)
        while (i + n < len && n < 4 && ((unsigned char)line[i + n] & 0xc0) == 0x80)
            n++;
    return n;
}

static int qp_line(const char *line, size_t len, FILE *out)
{
    size_t col = 0;
    for (size_t i = 0; i < len;) {
        size_t n = token_bytes(line, i, len);
        bool enc = n > 1 || must_encode(line, i, len, col);
        size_t width = enc ? 3 * n : 1;
        /* A soft break "=" needs one column; the last token may use it. */
        if (col + width > (i + n == len ? 76u : 75u)) {
            if (fputs("=\r\n", out) < 0)
                return -1;
            col = 0;
            enc = n > 1 || must_encode(line, i, len, col);
            width = enc ? 3 * n : 1;
        }
        for (size_t k = 0; k < n; k++) {
            int rc = enc ? fprintf(out, "=%02X", (unsigned char)line[i + k]) : fputc(line[i + k], out);
            if (rc < 0)
                return -1;
        }
        col += width;
        i += n;
    }
    return fputs("\r\n", out) < 0 ? -1 : 0;
}

int ntf_qp_encode(const char *text, FILE *out)
{
    const char *p = text;
    while (*p) {
        size_t len = strcspn(p, "\n");
        size_t body = len && p[len - 1] == '\r' ? len - 1 : len;
        if (qp_line(p, body, out))
            return -1;
        p += len;
        if (*p == '\n')
            p++;
    }
    return 0;
}

/* ------------------------------------------------------------ headers */

/* "=?UTF-8?B?" + base64 + "?=" stays within 75 characters (RFC 2047 §2)
 * and, at 64, fits after "Subject: " on a 78-column line. */
#define WORD_BYTES 39

/* Bytes of text, at most max, that end on a UTF-8 character boundary:
 * an encoded-word must hold whole characters (RFC 2047 §5). */
static size_t whole_chars(const char *text, size_t max)
{
    size_t n = strlen(text);
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
        n--;
    return n;
}

static int encoded_words(const char *text, size_t *col, FILE *out)
{
    char b64[sodium_base64_ENCODED_LEN(WORD_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    while (*text) {
        size_t n = whole_chars(text, WORD_BYTES);
        if (n == 0)
            return -1;
        sodium_bin2base64(b64, sizeof b64, (const unsigned char *)text, n,
                          sodium_base64_VARIANT_ORIGINAL);
        size_t width = 1 + strlen(b64) + 12;   /* the space before it, too */
        if (*col + width > NTF_HEADER_LINE) {
            if (fputs("\r\n", out) < 0)
                return -1;
            *col = 0;
        }
        if (fprintf(out, " =?UTF-8?B?%s?=", b64) < 0)
            return -1;
        *col += width;
        text += n;
    }
    return 0;
}

/* Printable ASCII folded at spaces; a word longer than a line stays whole
 * (RFC 5322 allows up to 998). */
static int folded_ascii(const char *text, size_t *col, FILE *out)
{
    const char *p = text;
    bool first = true;
    while (*p) {
        size_t lead = strspn(p, " ");
        size_t word = strcspn(p + lead, " ");
        if (!first && lead && *col + lead + word > NTF_HEADER_LINE) {
            if (fputs("\r\n", out) < 0)
                return -1;
            *col = 0;
        }
        if (first) {
            if (fputc(' ', out) < 0)
                return -1;
            (*col)++;
        }
        if (fwrite(p, 1, lead + word, out) != lead + word)
            return -1;
        *col += lead + word;
        p += lead + word;
        first = false;
    }
    return 0;
}

/* True when no run without spaces is too long for a line of its own
 * (RFC 5322 §2.1.1: 998 at most). */
static bool foldable(const char *text)
{
    for (const char *p = text; *p;) {
        p += strspn(p, " ");
        size_t word = strcspn(p, " ");
        if (word > 900)
            return false;
        p += word;
    }
    return true;
}

int ntf_header_text(const char *text, size_t *col, FILE *out)
{
    if (!text[0]) {
        (*col)++;
        return fputc(' ', out) < 0 ? -1 : 0;
    }
    if (ntf_ascii_printable(text) && !strstr(text, "=?") && foldable(text))
        return folded_ascii(text, col, out);
    return encoded_words(text, col, out);
}

static bool atom_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || strchr("!#$%&'*+-/=?^_`{|}~ ", c);
}

int ntf_header_phrase(const char *name, size_t *col, FILE *out)
{
    if (!name[0])
        return 0;
    if (!ntf_ascii_printable(name) || strstr(name, "=?") || !foldable(name))
        return encoded_words(name, col, out);
    bool atoms = name[0] != ' ' && name[strlen(name) - 1] != ' ';
    for (const char *p = name; *p && atoms; p++)
        atoms = atom_char(*p);
    if (atoms)
        return folded_ascii(name, col, out);
    if (fputs(" \"", out) < 0)
        return -1;
    *col += 2;
    for (const char *p = name; *p; p++) {
        if ((*p == '"' || *p == '\\') && fputc('\\', out) < 0)
            return -1;
        if (fputc(*p, out) < 0)
            return -1;
        *col += (*p == '"' || *p == '\\') ? 2 : 1;
    }
    (*col)++;
    return fputc('"', out) < 0 ? -1 : 0;
}
