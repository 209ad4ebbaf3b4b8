# The protobuf <-> JSON library's tests, with a proto of their own that has
# every field type (tests/pbjson/pbjson_test.proto, generated at build time).
set(FC_PBJSON_TEST_GEN ${CMAKE_CURRENT_BINARY_DIR}/pbjson_gen)
file(MAKE_DIRECTORY ${FC_PBJSON_TEST_GEN})
add_custom_command(
  OUTPUT ${FC_PBJSON_TEST_GEN}/pbjson_test.pb-c.c ${FC_PBJSON_TEST_GEN}/pbjson_test.pb-c.h
  COMMAND ${PROTOC_C} --c_out=${FC_PBJSON_TEST_GEN} -I${CMAKE_CURRENT_SOURCE_DIR}/pbjson
          -I${PROJECT_SOURCE_DIR}/proto ${CMAKE_CURRENT_SOURCE_DIR}/pbjson/pbjson_test.proto
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/pbjson/pbjson_test.proto
  COMMENT "protoc-c pbjson_test.proto")
# Generated code gets the base warnings only, as in proto/.
add_library(fcavtal_pbjson_test_proto STATIC ${FC_PBJSON_TEST_GEN}/pbjson_test.pb-c.c)
target_include_directories(fcavtal_pbjson_test_proto PUBLIC ${FC_PBJSON_TEST_GEN})
target_compile_options(fcavtal_pbjson_test_proto PRIVATE -Wall)
target_link_libraries(fcavtal_pbjson_test_proto PUBLIC fcavtal_proto)

fc_tests(pbjson LIBS fcavtal_pbjson fcavtal_pbjson_test_proto)
