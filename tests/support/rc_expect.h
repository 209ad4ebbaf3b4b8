/* Criterion checks on registry replies for the service tests: the failing
 * line and the reply's code and message, not just "false". */
#ifndef FC_TEST_RC_EXPECT_H
#define FC_TEST_RC_EXPECT_H

#include <criterion/criterion.h>

#include "registry_client.h"

#define EXPECT(rep, code)                                                                   \
    cr_assert_eq(rc_code(rep), RC_CODE(code), "%s:%d: want %s, got %s", __FILE__, __LINE__, \
                 #code, rc_describe(rep))

/* Runs one call, checks its code, frees the reply. */
#define CHECK(call, code)        \
    do {                         \
        rc_rep_t *rep_ = (call); \
        EXPECT(rep_, code);      \
        rc_free(rep_);           \
    } while (0)

#endif
