/* Organisation numbers identify every party; a wrong one must never be
 * stored. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fcavtal/orgnr.h"

/* Västra Götalandsregionen, Region Örebro län, Göteborgs, Örebro,
 * Karlskoga and Lekebergs kommun. */
static const char *const valid[] = {
    "232100-0131", "232100-0164", "212000-1355",
    "212000-1967", "212000-1991", "212000-2981",
};
#define NVALID (sizeof valid / sizeof valid[0])

static void assert_normalises(const char *input, const char *want)
{
    char out[FC_ORGNR_STRLEN];
    fc_orgnr_error_t err = fc_orgnr_normalise(input, out);
    cr_assert_eq(err, FC_ORGNR_OK, "\"%s\": %s", input, fc_orgnr_strerror(err));
    cr_assert_str_eq(out, want, "\"%s\"", input);
}

static void assert_rejects(const char *input, fc_orgnr_error_t want)
{
    char out[FC_ORGNR_STRLEN];
    fc_orgnr_error_t err = fc_orgnr_normalise(input, out);
    cr_assert_eq(err, want, "\"%s\": got %d (%s), want %d", input ? input : "(null)",
                 err, fc_orgnr_strerror(err), want);
}

/* "NNNNNN-NNNN" without the hyphen, with and without the "16" prefix. */
static void forms(const char *canon, char plain[11], char with16[13], char with16h[14])
{
    snprintf(plain, 11, "%.6s%.4s", canon, canon + 7);
    snprintf(with16, 13, "16%s", plain);
    snprintf(with16h, 14, "16%s", canon);
}

Test(orgnr, real_numbers_in_every_form)
{
    for (size_t i = 0; i < NVALID; i++) {
        char plain[11], with16[13], with16h[14];
        forms(valid[i], plain, with16, with16h);
        assert_normalises(valid[i], valid[i]);
        assert_normalises(plain, valid[i]);
        assert_normalises(with16, valid[i]);
        assert_normalises(with16h, valid[i]);
    }
}

Test(orgnr, surrounding_whitespace_is_ignored)
{
    assert_normalises("  232100-0131", "232100-0131");
    assert_normalises("2321000131 \n", "232100-0131");
    assert_normalises("\t16212000-2981\r\n", "212000-2981");
}

Test(orgnr, any_other_check_digit_is_rejected)
{
    for (size_t i = 0; i < NVALID; i++) {
        for (char c = '0'; c <= '9'; c++) {
            char bad[FC_ORGNR_STRLEN];
            memcpy(bad, valid[i], sizeof bad);
            if (bad[10] == c)
                continue;
            bad[10] = c;
            assert_rejects(bad, FC_ORGNR_BAD_CHECKSUM);
        }
    }
}

Test(orgnr, changed_digits_are_rejected)
{
    assert_rejects("232100-0141", FC_ORGNR_BAD_CHECKSUM);
    assert_rejects("332100-0131", FC_ORGNR_BAD_CHECKSUM);
    assert_rejects("212000-1953", FC_ORGNR_BAD_CHECKSUM); /* transposed 35 */
    assert_rejects("16212000-1356", FC_ORGNR_BAD_CHECKSUM);
}

Test(orgnr, wrong_length)
{
    assert_rejects("232100013", FC_ORGNR_BAD_LENGTH);
    assert_rejects("23210-0131", FC_ORGNR_BAD_LENGTH);
    assert_rejects("23210001311", FC_ORGNR_BAD_LENGTH);
    assert_rejects("1623210001311", FC_ORGNR_BAD_LENGTH);
    assert_rejects("1", FC_ORGNR_BAD_LENGTH);
    assert_rejects("-", FC_ORGNR_BAD_LENGTH);
    assert_rejects("232100013123210001312321000131", FC_ORGNR_BAD_LENGTH);
}

Test(orgnr, bad_characters)
{
    assert_rejects("232100-013a", FC_ORGNR_BAD_CHARACTER);
    assert_rejects("ABCDEF-GHIJ", FC_ORGNR_BAD_CHARACTER);
    assert_rejects("232100 0131", FC_ORGNR_BAD_CHARACTER);
    assert_rejects("232100--0131", FC_ORGNR_BAD_CHARACTER);
    assert_rejects("232100+0131", FC_ORGNR_BAD_CHARACTER);
    assert_rejects("2321-000131", FC_ORGNR_BAD_CHARACTER);
    assert_rejects("2321000131-", FC_ORGNR_BAD_CHARACTER);
    assert_rejects("-2321000131", FC_ORGNR_BAD_CHARACTER);
    assert_rejects("162321000-131", FC_ORGNR_BAD_CHARACTER);
}

Test(orgnr, twelve_digits_need_prefix_16)
{
    assert_rejects("192321000131", FC_ORGNR_BAD_PREFIX);
    assert_rejects("26232100-0131", FC_ORGNR_BAD_PREFIX);
    assert_rejects("612321000131", FC_ORGNR_BAD_PREFIX);
}

Test(orgnr, nothing_given)
{
    assert_rejects(NULL, FC_ORGNR_EMPTY);
    assert_rejects("", FC_ORGNR_EMPTY);
    assert_rejects("   \t\n", FC_ORGNR_EMPTY);
}

Test(orgnr, every_error_has_a_message)
{
    for (int e = FC_ORGNR_OK; e <= FC_ORGNR_BAD_CHECKSUM; e++) {
        const char *msg = fc_orgnr_strerror((fc_orgnr_error_t)e);
        cr_assert_not_null(msg);
        cr_assert_gt(strlen(msg), 0);
    }
    cr_assert_str_eq(fc_orgnr_strerror(FC_ORGNR_BAD_CHECKSUM), "check digit does not match");
    cr_assert_not_null(fc_orgnr_strerror((fc_orgnr_error_t)99));
}
