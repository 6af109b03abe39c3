# SPDX-License-Identifier: MIT
# Install-time step (Windows), run after Qt's deploy script: copies into the bin folder every DLL that
# the installed executables and Qt plugins load but that neither the build nor windeployqt installed.
# With vcpkg these are RE2 and abseil, zlib, libarchive and its codecs, and the libraries Qt itself
# links (pcre2, double-conversion, zstd, freetype, harfbuzz, libpng, ...), which windeployqt leaves
# out. Windows' own DLLs (API sets, System32) are never copied.
#
# Set by installer/CMakeLists.txt through install(CODE) before this file is included:
#   HS_BUNDLE_BIN_DIR       bin folder, relative to the install prefix
#   HS_BUNDLE_PLUGINS_DIR   Qt plugin folder written by the deploy script, relative to the prefix
#   HS_BUNDLE_EXECUTABLES   executable file names in the bin folder
#   HS_BUNDLE_SEARCH_DIRS   folders holding the third-party DLLs (vcpkg's bin of the configuration)
#   HS_BUNDLE_DUMPBIN       dumpbin.exe found next to the MSVC linker (may be empty: objdump is tried)
cmake_minimum_required(VERSION 3.21)

set(hs_bin "${CMAKE_INSTALL_PREFIX}/${HS_BUNDLE_BIN_DIR}")
set(hs_executables)
foreach(exe IN LISTS HS_BUNDLE_EXECUTABLES)
  if(EXISTS "${hs_bin}/${exe}")
    list(APPEND hs_executables "${hs_bin}/${exe}")
  endif()
endforeach()
if(NOT hs_executables)
  message(FATAL_ERROR "bundle_dlls: none of ${HS_BUNDLE_EXECUTABLES} is installed in ${hs_bin}")
endif()
file(GLOB_RECURSE hs_plugins "${CMAKE_INSTALL_PREFIX}/${HS_BUNDLE_PLUGINS_DIR}/*.dll")

if(WIN32 AND HS_BUNDLE_DUMPBIN)
  set(CMAKE_GET_RUNTIME_DEPENDENCIES_TOOL dumpbin)
  set(CMAKE_GET_RUNTIME_DEPENDENCIES_COMMAND "${HS_BUNDLE_DUMPBIN}")
endif()

file(GET_RUNTIME_DEPENDENCIES
  EXECUTABLES ${hs_executables}
  MODULES ${hs_plugins}
  DIRECTORIES ${HS_BUNDLE_SEARCH_DIRS}
  PRE_EXCLUDE_REGEXES "^[Aa][Pp][Ii]-[Mm][Ss]-" "^[Ee][Xx][Tt]-[Mm][Ss]-"
  POST_EXCLUDE_REGEXES "[/\\\\][Ss][Yy][Ss][Tt][Ee][Mm]32[/\\\\]" "[/\\\\][Ss][Yy][Ss][Ww][Oo][Ww]64[/\\\\]"
  RESOLVED_DEPENDENCIES_VAR hs_resolved
  UNRESOLVED_DEPENDENCIES_VAR hs_unresolved
  CONFLICTING_DEPENDENCIES_PREFIX hs_conflict)

# A DLL found twice (already in bin and in vcpkg's bin) is the same file: the copy in bin is kept.
foreach(name IN LISTS hs_conflict_FILENAMES)
  list(GET hs_conflict_${name} 0 first)
  list(APPEND hs_resolved "${first}")
endforeach()

set(hs_copied 0)
foreach(dll IN LISTS hs_resolved)
  get_filename_component(name "${dll}" NAME)
  if(NOT EXISTS "${hs_bin}/${name}")
    file(INSTALL DESTINATION "${hs_bin}" TYPE SHARED_LIBRARY FILES "${dll}")
    math(EXPR hs_copied "${hs_copied} + 1")
  endif()
endforeach()
message(STATUS "bundle_dlls: ${hs_copied} third-party DLL(s) added to ${hs_bin}")

# Unresolved names are either delay-loaded system DLLs or a real gap that would stop the program
# from starting on a clean machine; say which, loudly, instead of shipping a broken installer.
foreach(name IN LISTS hs_unresolved)
  message(WARNING "bundle_dlls: ${name} is needed but was not found in ${HS_BUNDLE_SEARCH_DIRS}")
endforeach()
