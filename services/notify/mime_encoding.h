/* The two encodings an e-mail in Swedish needs to pass any relay unchanged:
 * quoted-printable bodies (RFC 2045 §6.7) and encoded-words in headers
 * (RFC 2047).
 *
 * Written here because no library in the dependency set does it outside a
 * transfer: libcurl's MIME encoder only runs inside a curl upload and always
 * wraps the text in multipart/mixed, which would make the message neither
 * inspectable nor deterministic; base64 itself comes from libsodium. */
#ifndef FCAVTAL_NOTIFY_MIME_ENCODING_H
#define FCAVTAL_NOTIFY_MIME_ENCODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Longest header line we aim for (RFC 5322 §2.1.1 "SHOULD"). */
#define NTF_HEADER_LINE 78

/* Writes `text` ("\n" or "\r\n" line ends) quoted-printable: CRLF line
 * ends, physical lines of at most 76 characters, and a '.' or "From " at a
 * line start encoded so no relay alters it. 0, or -1 on a write error. */
int ntf_qp_encode(const char *text, FILE *out);

/* Writes unstructured header text (a Subject) after `*col` characters
 * already on the line, folding with CRLF SP to stay within 78 columns:
 * as it is when printable ASCII, else as RFC 2047 "B" encoded-words of
 * whole UTF-8 characters. Updates *col. 0, or -1. */
int ntf_header_text(const char *text, size_t *col, FILE *out);

/* Writes a display name as a phrase: atoms as they are, other ASCII as a
 * quoted-string, non-ASCII as encoded-words. Updates *col. 0, or -1. */
int ntf_header_phrase(const char *name, size_t *col, FILE *out);

#endif
