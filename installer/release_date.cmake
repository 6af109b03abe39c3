# SPDX-License-Identifier: MIT
# hs_release_date(<date-var> <rfc2822-var>): when the version being built was made, as YYYY-MM-DD (man
# pages, AppStream <release>) and as an RFC 2822 time (Debian changelog), both in UTC.
# SOURCE_DATE_EPOCH wins when set (reproducible builds); otherwise the committer time of the checked-out
# commit, which for a release build is the release commit; otherwise, in a tree without git, now.
function(hs_release_date date_var rfc2822_var)
  set(epoch "$ENV{SOURCE_DATE_EPOCH}")
  if(epoch STREQUAL "")
    find_package(Git QUIET)
    if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
      execute_process(
        COMMAND ${GIT_EXECUTABLE} log -1 --format=%ct
        WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        OUTPUT_VARIABLE epoch
        OUTPUT_STRIP_TRAILING_WHITESPACE
        ERROR_QUIET)
    endif()
  endif()
  # string(TIMESTAMP) formats SOURCE_DATE_EPOCH instead of the current time when it is set, which is
  # the one way CMake formats a given moment: set it for the two calls, then put it back.
  set(saved "$ENV{SOURCE_DATE_EPOCH}")
  if(epoch MATCHES "^[0-9]+$")
    set(ENV{SOURCE_DATE_EPOCH} "${epoch}")
  endif()
  string(TIMESTAMP date "%Y-%m-%d" UTC)
  string(TIMESTAMP rfc2822 "%a, %d %b %Y %H:%M:%S +0000" UTC)
  if(saved STREQUAL "")
    unset(ENV{SOURCE_DATE_EPOCH})
  else()
    set(ENV{SOURCE_DATE_EPOCH} "${saved}")
  endif()
  set(${date_var} "${date}" PARENT_SCOPE)
  set(${rfc2822_var} "${rfc2822}" PARENT_SCOPE)
endfunction()
