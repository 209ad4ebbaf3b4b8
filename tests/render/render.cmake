# The bench renders the sample agreement (not a test):
#   cmake --build <build> --target fcavtal-bench-render
#   <build>/tests/fcavtal-bench-render [--seconds N] [--format pdf|html|md] [--out FILE]
file(GLOB FC_RENDER_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/render/test_*.c)

add_executable(fcavtal-bench-render EXCLUDE_FROM_ALL
  ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_render.c
  ${CMAKE_CURRENT_SOURCE_DIR}/render/sample_context.c)
target_include_directories(fcavtal-bench-render PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/render)
target_compile_options(fcavtal-bench-render PRIVATE ${FC_WARNINGS})
target_compile_definitions(fcavtal-bench-render PRIVATE FC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
target_link_libraries(fcavtal-bench-render PRIVATE fcavtal_render_engine)

# Leak checking stays on; only fontconfig's own start-up leak is suppressed
# (render/lsan.supp says which).
foreach(src ${FC_RENDER_TESTS})
  get_filename_component(name ${src} NAME_WE)
  set_tests_properties(render_${name} PROPERTIES ENVIRONMENT
    "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/render/lsan.supp:print_suppressions=0")
endforeach()
