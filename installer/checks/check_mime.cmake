# SPDX-License-Identifier: MIT
# cmake -DMIME_XML=<file> -DDESKTOP_FILE=<file> -DWORK_DIR=<dir> -P check_mime.cmake
# Compiles the shipped shared-mime-info XML together with the system's base definitions, as the dpkg
# trigger does after installation, and checks that every MIME type the desktop entry declares is then
# known with its file-name pattern, so "Open with" offers HttpSleuth for .log, .pcap, .pcapng, .har
# and .saz files.
cmake_minimum_required(VERSION 3.21)
find_program(update_mime update-mime-database)
set(base /usr/share/mime/packages/freedesktop.org.xml)
if(NOT update_mime OR NOT EXISTS "${base}")
  message("SKIPPED: update-mime-database or ${base} is missing (install shared-mime-info)")
  return()
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/mime/packages")
file(COPY "${base}" "${MIME_XML}" DESTINATION "${WORK_DIR}/mime/packages")
# With WORK_DIR on the XDG search path update-mime-database has no reason to print a note, so any
# output on stderr is a complaint about the XML.
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env "XDG_DATA_HOME=${WORK_DIR}" "XDG_DATA_DIRS=${WORK_DIR}"
          "${update_mime}" "${WORK_DIR}/mime"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT "${err}" STREQUAL "")
  message(FATAL_ERROR "update-mime-database rejected ${MIME_XML} (${rc}):\n${out}${err}")
endif()
file(READ "${WORK_DIR}/mime/globs2" globs)

file(READ "${DESKTOP_FILE}" desktop)
if(NOT desktop MATCHES "\nMimeType=([^\n]*)")
  message(FATAL_ERROR "${DESKTOP_FILE} has no MimeType= line")
endif()
string(REGEX REPLACE ";$" "" types "${CMAKE_MATCH_1}") # the ;-separated value is a CMake list as is
set(expected_globs
  "text/x-log:*.log"
  "application/vnd.tcpdump.pcap:*.pcap"
  "application/x-pcapng:*.pcapng"
  "application/x-har:*.har"
  "application/x-fiddler-saz:*.saz")
set(problems "")
foreach(entry IN LISTS expected_globs)
  string(REGEX REPLACE ":.*" "" type "${entry}")
  if(NOT type IN_LIST types)
    string(APPEND problems "  ${type} is missing from MimeType= in ${DESKTOP_FILE}\n")
  endif()
  string(FIND "${globs}" ":${entry}\n" at)
  if(at EQUAL -1)
    string(APPEND problems "  the compiled database has no glob ${entry}\n")
  endif()
endforeach()
if(problems)
  message(FATAL_ERROR "MIME integration is incomplete:\n${problems}")
endif()
message("MIME types and globs of the desktop entry are all known: ${types}")
