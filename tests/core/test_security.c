#include <criterion/criterion.h>

#include "security.h"

Test(security, plain_mode_only_on_local_endpoints)
{
    cr_assert(fc_security_endpoint_is_local("ipc:///run/fcavtal/registry"));
    cr_assert(fc_security_endpoint_is_local("inproc://registry"));
    cr_assert(fc_security_endpoint_is_local("tcp://127.0.0.1:7101"));
    cr_assert_not(fc_security_endpoint_is_local("tcp://localhost:7101"), "a host name cannot be bound");
    cr_assert(fc_security_endpoint_is_local("tcp://[::1]:7101"));
    cr_assert_not(fc_security_endpoint_is_local("tcp://0.0.0.0:7101"));
    cr_assert_not(fc_security_endpoint_is_local("tcp://*:7101"));
    cr_assert_not(fc_security_endpoint_is_local("tcp://10.1.2.3:7101"));
    cr_assert_not(fc_security_endpoint_is_local("tcp://127example.org:7101"));
}
