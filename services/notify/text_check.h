/* Checks on text before it reaches a header, a file or the wire: UTF-8 that
 * is valid and holds no control characters cannot break a header line or a
 * strict protobuf decoder. */
#ifndef FCAVTAL_NOTIFY_TEXT_CHECK_H
#define FCAVTAL_NOTIFY_TEXT_CHECK_H

#include <stdbool.h>

/* True when text is printable ASCII (space to '~'). */
bool ntf_ascii_printable(const char *text);
/* True when text is valid UTF-8 without control characters other than
 * "\n", "\r" and "\t" (those only when allow_newlines). */
bool ntf_utf8_clean(const char *text, bool allow_newlines);

#endif
