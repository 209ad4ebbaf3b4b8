/* bytes fields as base64 (RFC 4648), as proto3's canonical JSON mapping has
 * them. Encoding and decoding are CZMQ's zarmour; zarmour does not check
 * what it decodes (a stray character turns into some bits), so the text is
 * checked here first, and the URL-safe alphabet and missing padding that
 * canonical parsers accept are brought to the standard form. */
#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char ALPHABET[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

json_t *pbj_base64_to_json(const ProtobufCBinaryData *b)
{
    if (b->len == 0)
        return json_string("");  /* zarmour insists on data to encode */
    zarmour_t *armour = zarmour_new();
    if (!armour)
        return NULL;
    char *text = zarmour_encode(armour, b->data, b->len);
    zarmour_destroy(&armour);
    if (!text)
        return NULL;
    json_t *j = json_string(text);
    freen(text);
    return j;
}

static int base64_digit(char c)
{
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    const char *p = c ? strchr(ALPHABET, c) : NULL;
    return p ? (int)(p - ALPHABET) : -1;
}

/* The standard alphabet without padding into out (len + 1 bytes); the
 * number of digits, or -1 with the reason. */
static long normalise(const char *text, char *out, char *why, size_t n)
{
    size_t len = strlen(text), digits = len;
    while (digits > 0 && text[digits - 1] == '=')
        digits--;
    if (len - digits > 2 || (len != digits && len % 4 != 0)) {
        snprintf(why, n, "base64: misplaced padding");
        return -1;
    }
    if (digits % 4 == 1) {
        snprintf(why, n, "base64: %zu characters cannot be whole bytes", digits);
        return -1;
    }
    for (size_t i = 0; i < digits; i++) {
        int d = base64_digit(text[i]);
        if (d < 0) {
            snprintf(why, n, "base64: '%c' at position %zu is not a base64 character",
                     text[i], i);
            return -1;
        }
        out[i] = ALPHABET[d];
    }
    out[digits] = '\0';
    return (long)digits;
}

int pbj_base64_decode(const char *text, ProtobufCBinaryData *out, char *why, size_t n)
{
    out->data = NULL;
    out->len = 0;
    char *plain = malloc(strlen(text) + 1);
    if (!plain) {
        snprintf(why, n, "out of memory");
        return -1;
    }
    long digits = normalise(text, plain, why, n);
    if (digits <= 0) {
        free(plain);
        return digits == 0 ? 0 : -1;
    }
    zarmour_t *armour = zarmour_new();
    zchunk_t *chunk = NULL;
    if (armour) {
        zarmour_set_pad(armour, false);
        chunk = zarmour_decode(armour, plain);
    }
    zarmour_destroy(&armour);
    free(plain);
    /* Six bits a digit; zarmour's chunk also holds a terminating NUL. */
    size_t bytes = (size_t)digits * 6 / 8;
    if (!chunk || zchunk_size(chunk) < bytes || !(out->data = malloc(bytes))) {
        /* The text was checked: only memory can have run out. */
        zchunk_destroy(&chunk);
        snprintf(why, n, "out of memory");
        return -1;
    }
    memcpy(out->data, zchunk_data(chunk), bytes);
    out->len = bytes;
    zchunk_destroy(&chunk);
    return 0;
}
