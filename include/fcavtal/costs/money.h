/* Writing öre as text, without floating point. */
#ifndef FCAVTAL_COSTS_MONEY_H
#define FCAVTAL_COSTS_MONEY_H

#include <stdint.h>

#define CST_MONEY_STRLEN 32

typedef enum {
    CST_MONEY_DECIMAL_COMMA = 1, /* "-1234,56": CSV for Swedish spreadsheets */
    CST_MONEY_TEXT = 2,          /* "-1 234,56 kr": explanations */
    CST_MONEY_DECIMAL_POINT = 3  /* "-1234.56": SIE */
} cst_money_style_t;

/* Any int64, INT64_MIN too; returns buf. */
char *cst_money_format(int64_t ore, cst_money_style_t style, char buf[CST_MONEY_STRLEN]);

#endif
