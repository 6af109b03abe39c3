# SPDX-License-Identifier: MIT
# hs_write_debian_changelog(<output>): the changelog Debian policy asks of a native package
# (/usr/share/doc/httpsleuth/changelog.gz). It names the version being packaged and points to the
# project's history, which is where the changes are recorded.
function(hs_write_debian_changelog output)
  file(WRITE "${output}.tmp"
    "httpsleuth (${PROJECT_VERSION}) unstable; urgency=medium\n"
    "\n"
    "  * HttpSleuth ${PROJECT_VERSION}. The changes are recorded in the project's\n"
    "    history: ${PROJECT_HOMEPAGE_URL}\n"
    "\n"
    " -- ${HTTPSLEUTH_PACKAGE_CONTACT}  ${HS_RELEASE_TIME_RFC2822}\n")
  file(COPY_FILE "${output}.tmp" "${output}" ONLY_IF_DIFFERENT)
  file(REMOVE "${output}.tmp")
endfunction()
