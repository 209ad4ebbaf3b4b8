# Included by ../CMakeLists.txt after fc_tests(notify ...): what the notify
# tests need beyond that: the receiver binary they start, the folder of
# their Python helpers, and the Python that has aiosmtpd (Debian's, under
# /usr/bin, not a pyenv one first on PATH).
find_program(FC_NOTIFY_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT FC_NOTIFY_PYTHON3)
  set(FC_NOTIFY_PYTHON3 "")
  message(STATUS "python3 not found in /usr/bin: the SMTP tests will be skipped")
endif()

file(GLOB FC_NOTIFY_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/notify/test_*.c)
foreach(src ${FC_NOTIFY_TESTS})
  get_filename_component(name ${src} NAME_WE)
  target_compile_definitions(notify_${name} PRIVATE
    FC_CASE_RECEIVER_BIN="$<TARGET_FILE:fcavtal-case-receiver>"
    FC_PYTHON3="${FC_NOTIFY_PYTHON3}"
    FC_NOTIFY_TEST_DIR="${CMAKE_CURRENT_SOURCE_DIR}/notify")
  add_dependencies(notify_${name} fcavtal-case-receiver)
endforeach()
