# SPDX-License-Identifier: MIT
# hs_write_debian_copyright(<LICENSE> <output>): writes debian/copyright in the machine-readable format
# (https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/) from the MIT LICENSE file, so
# the package's copyright file and the repository's LICENSE cannot drift apart.
function(hs_write_debian_copyright license_file output)
  file(READ "${license_file}" text)
  if(NOT text MATCHES "Copyright \\(c\\) ([^\n]+)\n")
    message(FATAL_ERROR "${license_file}: no 'Copyright (c) ...' line")
  endif()
  set(holder "${CMAKE_MATCH_1}")
  # The licence body is everything after the copyright line.
  string(REGEX REPLACE "^.*Copyright \\(c\\) [^\n]+\n" "" body "${text}")
  string(STRIP "${body}" body)
  # Continuation lines start with a space; an empty line is written as " .".
  string(REPLACE "\n\n" "\n.\n" body "${body}")
  string(REPLACE "\n" "\n " body "${body}")
  file(WRITE "${output}.tmp"
    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
    "Upstream-Name: ${PROJECT_NAME}\n"
    "Source: ${PROJECT_HOMEPAGE_URL}\n"
    "\n"
    "Files: *\n"
    "Copyright: ${holder}\n"
    "License: MIT\n"
    "\n"
    "License: MIT\n"
    " ${body}\n")
  # Rewrite only on change, so a reconfigure does not make the package look modified.
  file(COPY_FILE "${output}.tmp" "${output}" ONLY_IF_DIFFERENT)
  file(REMOVE "${output}.tmp")
endfunction()
