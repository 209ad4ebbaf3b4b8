/* Agreement lifecycle: exactly the legal moves of lifecycle.h are allowed. */
#include <criterion/criterion.h>

#include "lifecycle.h"

#define ST(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x
#define N_STATUS 7

/* allowed[from][to], indexed by the wire values 0..6:
 * UNSPECIFIED, DRAFT, OUT_FOR_SIGNATURE, ACTIVE, UNDER_NOTICE, TERMINATED, EXPIRED. */
static const bool allowed[N_STATUS][N_STATUS] = {
    /* to:        UNS    DRA    OUT    ACT    UND    TER    EXP */
    /* UNS */ {false, false, false, false, false, false, false},
    /* DRA */ {false, false, true, false, false, false, false},
    /* OUT */ {false, true, false, true, false, false, false},
    /* ACT */ {false, false, false, false, true, true, true},
    /* UND */ {false, false, false, false, false, true, true},
    /* TER */ {false, false, false, false, false, false, true},
    /* EXP */ {false, false, false, false, false, false, false},
};

Test(lifecycle, full_matrix_matches_legal_moves)
{
    for (int from = 0; from < N_STATUS; from++) {
        for (int to = 0; to < N_STATUS; to++) {
            bool got = fc_lifecycle_allowed((Fcavtal__V1__AgreementStatus)from,
                                            (Fcavtal__V1__AgreementStatus)to);
            cr_expect_eq(got, allowed[from][to], "%s -> %s: got %d, want %d",
                         fc_lifecycle_name((Fcavtal__V1__AgreementStatus)from),
                         fc_lifecycle_name((Fcavtal__V1__AgreementStatus)to), got,
                         allowed[from][to]);
        }
    }
}

Test(lifecycle, exactly_nine_legal_moves)
{
    int n = 0;
    for (int from = 0; from < N_STATUS; from++)
        for (int to = 0; to < N_STATUS; to++)
            n += fc_lifecycle_allowed((Fcavtal__V1__AgreementStatus)from,
                                      (Fcavtal__V1__AgreementStatus)to);
    cr_assert_eq(n, 9);
}

Test(lifecycle, unknown_wire_values_are_refused)
{
    cr_assert_not(fc_lifecycle_allowed((Fcavtal__V1__AgreementStatus)7, ST(EXPIRED)));
    cr_assert_not(fc_lifecycle_allowed(ST(ACTIVE), (Fcavtal__V1__AgreementStatus)7));
    cr_assert_not(fc_lifecycle_allowed((Fcavtal__V1__AgreementStatus)-1, ST(DRAFT)));
    cr_assert_not(fc_lifecycle_allowed(ST(DRAFT), (Fcavtal__V1__AgreementStatus)99));
}

Test(lifecycle, names)
{
    cr_assert_str_eq(fc_lifecycle_name(ST(UNSPECIFIED)), "unspecified");
    cr_assert_str_eq(fc_lifecycle_name(ST(DRAFT)), "draft");
    cr_assert_str_eq(fc_lifecycle_name(ST(OUT_FOR_SIGNATURE)), "out for signature");
    cr_assert_str_eq(fc_lifecycle_name(ST(ACTIVE)), "active");
    cr_assert_str_eq(fc_lifecycle_name(ST(UNDER_NOTICE)), "under notice");
    cr_assert_str_eq(fc_lifecycle_name(ST(TERMINATED)), "terminated");
    cr_assert_str_eq(fc_lifecycle_name(ST(EXPIRED)), "expired");
    cr_assert_str_eq(fc_lifecycle_name((Fcavtal__V1__AgreementStatus)42), "unspecified");
}
