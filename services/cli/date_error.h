/* Why a text is not a calendar date, in words a person can act on. */
#ifndef FC_CLI_DATE_ERROR_H
#define FC_CLI_DATE_ERROR_H

#include <stddef.h>

/* NULL when `text` is a date "YYYY-MM-DD" that exists. Otherwise writes one
 * phrase into buf and returns buf:
 *   "2024-02-30 is not a date: February 2024 has 29 days"
 *   "2025-13-01 is not a date: there is no month 13"
 *   "24-01-01 is not a date: write YYYY-MM-DD"
 * Every place the fcavtal command reads a date (flags, arguments, JSON
 * fields) reports it with this wording, prefixed by where the text came
 * from. */
const char *cli_date_error(const char *text, char *buf, size_t size);

#endif
