# SPDX-License-Identifier: MIT
# cmake -DTOOL=<program> -DARGS=<list> [-DFAIL_ON_OUTPUT=ON] -P run_tool.cmake
# Runs a validator and fails when it fails (or, with FAIL_ON_OUTPUT, when it prints anything at all:
# desktop-file-validate and groff -ww report warnings on output with exit status 0).
# Prints "SKIPPED: ..." when the tool is not installed; the test's SKIP_REGULAR_EXPRESSION matches it.
cmake_minimum_required(VERSION 3.21)
find_program(tool_path "${TOOL}")
if(NOT tool_path)
  message("SKIPPED: ${TOOL} is not installed")
  return()
endif()
execute_process(COMMAND "${tool_path}" ${ARGS}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
message("${TOOL} ${ARGS}\nexit status ${rc}\n${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${TOOL} failed")
endif()
if(FAIL_ON_OUTPUT AND NOT "${out}${err}" STREQUAL "")
  message(FATAL_ERROR "${TOOL} reported problems")
endif()
