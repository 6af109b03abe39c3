# SPDX-License-Identifier: MIT
# CTest checks of what the installer ships, so a broken desktop file or a manual that forgot an option
# fails the test suite instead of a user's install. A check whose tool is not installed reports
# "SKIPPED:" and CTest counts it as skipped, not passed.

string(REPLACE "." "\\." hs_version_regex "${PROJECT_VERSION}")
add_test(NAME installer.version COMMAND httpsleuth-cli --version)
set_tests_properties(installer.version PROPERTIES
  PASS_REGULAR_EXPRESSION "^httpsleuth-cli ${hs_version_regex}\n$")

if(HS_LINUX_DESKTOP)
  add_test(NAME installer.manpage-options
    COMMAND ${CMAKE_COMMAND}
      -DCLI=$<TARGET_FILE:httpsleuth-cli>
      -DMANPAGE=${CMAKE_CURRENT_BINARY_DIR}/man/httpsleuth-cli.1
      -P ${CMAKE_CURRENT_LIST_DIR}/check_manpage.cmake)

  find_program(HS_GROFF groff)
  if(HS_GROFF)
    # Render every page with warnings on: a troff mistake shows up here, not in someone's terminal.
    foreach(page IN LISTS hs_man_pages)
      add_test(NAME installer.manpage-renders.${page}
        COMMAND ${CMAKE_COMMAND}
          -DTOOL=groff
          "-DARGS=-man;-Tutf8;-ww;-z;${CMAKE_CURRENT_BINARY_DIR}/man/${page}.1"
          -DFAIL_ON_OUTPUT=ON
          -P ${CMAKE_CURRENT_LIST_DIR}/run_tool.cmake)
      set_tests_properties(installer.manpage-renders.${page} PROPERTIES SKIP_REGULAR_EXPRESSION "SKIPPED:")
    endforeach()
  endif()
endif()

if(HS_LINUX_DESKTOP AND TARGET httpsleuth)
  add_test(NAME installer.desktop-file
    COMMAND ${CMAKE_COMMAND}
      -DTOOL=desktop-file-validate
      "-DARGS=${CMAKE_CURRENT_SOURCE_DIR}/linux/${HS_APP_ID}.desktop"
      -DFAIL_ON_OUTPUT=ON
      -P ${CMAKE_CURRENT_LIST_DIR}/run_tool.cmake)
  add_test(NAME installer.metainfo
    COMMAND ${CMAKE_COMMAND}
      -DTOOL=appstreamcli
      "-DARGS=validate;--no-net;${CMAKE_CURRENT_BINARY_DIR}/${HS_APP_ID}.metainfo.xml"
      -P ${CMAKE_CURRENT_LIST_DIR}/run_tool.cmake)
  add_test(NAME installer.mime-types
    COMMAND ${CMAKE_COMMAND}
      -DMIME_XML=${CMAKE_CURRENT_SOURCE_DIR}/linux/${HS_APP_ID}.xml
      -DDESKTOP_FILE=${CMAKE_CURRENT_SOURCE_DIR}/linux/${HS_APP_ID}.desktop
      -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/mime-check
      -P ${CMAKE_CURRENT_LIST_DIR}/check_mime.cmake)
  set_tests_properties(installer.desktop-file installer.metainfo installer.mime-types PROPERTIES
    SKIP_REGULAR_EXPRESSION "SKIPPED:")
endif()
