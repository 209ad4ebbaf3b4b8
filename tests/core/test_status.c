/* Status codes: names for logs and the mapping from LMDB return codes. */
#include <criterion/criterion.h>
#include <errno.h>
#include <lmdb.h>

#include "fcavtal/status.h"

Test(status, names)
{
    cr_assert_str_eq(fc_status_name(FC_OK), "OK");
    cr_assert_str_eq(fc_status_name(FC_INVALID_ARGUMENT), "INVALID_ARGUMENT");
    cr_assert_str_eq(fc_status_name(FC_NOT_FOUND), "NOT_FOUND");
    cr_assert_str_eq(fc_status_name(FC_FAILED_PRECONDITION), "FAILED_PRECONDITION");
    cr_assert_str_eq(fc_status_name(FC_UNAUTHENTICATED), "UNAUTHENTICATED");
    cr_assert_str_eq(fc_status_name((fc_status_t)17), "UNKNOWN");
    cr_assert_str_eq(fc_status_name((fc_status_t)-1), "UNKNOWN");
}

Test(status, from_mdb)
{
    cr_assert_eq(fc_status_from_mdb(MDB_SUCCESS), FC_OK);
    cr_assert_eq(fc_status_from_mdb(MDB_NOTFOUND), FC_NOT_FOUND);
    cr_assert_eq(fc_status_from_mdb(MDB_KEYEXIST), FC_ALREADY_EXISTS);
    cr_assert_eq(fc_status_from_mdb(MDB_MAP_FULL), FC_RESOURCE_EXHAUSTED);
    cr_assert_eq(fc_status_from_mdb(MDB_CORRUPTED), FC_INTERNAL);
    cr_assert_eq(fc_status_from_mdb(MDB_TXN_FULL), FC_RESOURCE_EXHAUSTED);
    cr_assert_eq(fc_status_from_mdb(EINVAL), FC_INTERNAL);
}
