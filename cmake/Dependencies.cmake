# SPDX-License-Identifier: MIT
include(FeatureSummary)
# Every dependency comes from the system (Debian packages, vcpkg on Windows); nothing is downloaded.

set(_hs_qt_components Core)
if(HTTPSLEUTH_BUILD_GUI)
  list(APPEND _hs_qt_components Gui Widgets Charts Svg)
endif()
find_package(Qt6 6.4 REQUIRED COMPONENTS ${_hs_qt_components})
set_package_properties(Qt6 PROPERTIES TYPE REQUIRED PURPOSE "Core types and threads, Widgets, Charts and Svg for the GUI")
qt_standard_project_setup()

# RE2: vcpkg and newer distributions ship a CMake package; Debian 12 only a pkg-config file.
find_package(re2 CONFIG QUIET)
if(TARGET re2::re2)
  add_library(hs_re2 INTERFACE)
  target_link_libraries(hs_re2 INTERFACE re2::re2)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
  add_library(hs_re2 INTERFACE)
  target_link_libraries(hs_re2 INTERFACE PkgConfig::RE2)
endif()

# zlib for gzip'ed logs and captures; libarchive for .zip bundles and Fiddler .saz archives
# (a well-kept reader that already handles zip64, data descriptors and damaged central directories).
find_package(ZLIB REQUIRED)
find_package(LibArchive REQUIRED)

if(HTTPSLEUTH_BUILD_TESTS)
  find_package(Catch2 QUIET)
  if(NOT Catch2_FOUND)
    message(FATAL_ERROR "Catch2 not found: install 'catch2' (Debian) or set -DHTTPSLEUTH_BUILD_TESTS=OFF")
  endif()
  include(Catch)
endif()
