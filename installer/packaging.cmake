# SPDX-License-Identifier: MIT
# CPack: what the packages are called and what they declare. `cpack -G DEB` on Linux
# (scripts/package-deb.sh), `cpack -G NSIS` on Windows (installer/windows/README.md). The version is the
# project version from the root CMakeLists.txt, nowhere else.

# Values reach CPack exactly as written here (backslashes and quotes in the NSIS commands below).
set(CPACK_VERBATIM_VARIABLES ON)

set(CPACK_PACKAGE_NAME httpsleuth)
set(CPACK_PACKAGE_VENDOR "HttpSleuth")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VERSION_MAJOR ${PROJECT_VERSION_MAJOR})
set(CPACK_PACKAGE_VERSION_MINOR ${PROJECT_VERSION_MINOR})
set(CPACK_PACKAGE_VERSION_PATCH ${PROJECT_VERSION_PATCH})
set(CPACK_PACKAGE_CONTACT "${HTTPSLEUTH_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "diagnose IIS and HTTP.sys connection problems")
# Lines of at most 80 characters: dpkg shows the extended description as it is written here.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "HttpSleuth reads the evidence collected for an incident on an IIS web\n"
  "server - HTTP.sys error logs (HTTPERR), W3C extended, IIS and NCSA access\n"
  "logs, packet captures (pcap, pcapng) and HTTP exports (HAR, Fiddler SAZ) -\n"
  "correlates the records per TCP connection and reports known IIS, HTTP.sys\n"
  "and HTTP protocol problems, each with the log lines and capture frames that\n"
  "prove it.\n"
  "\n"
  "The package contains the Qt desktop application (httpsleuth), the\n"
  "command-line analyzer for scripts and servers (httpsleuth-cli) and a\n"
  "demonstration incident in /usr/share/httpsleuth/samples.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "HttpSleuth")
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_STRIP_FILES ON)
# WiX and NSIS want a licence file with a known extension.
configure_file(${PROJECT_SOURCE_DIR}/LICENSE ${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt COPYONLY)
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt)
if(TARGET httpsleuth)
  set(CPACK_PACKAGE_EXECUTABLES httpsleuth HttpSleuth) # Start-menu entry (NSIS)
endif()

if(WIN32)
  set(CPACK_GENERATOR NSIS)
elseif(APPLE)
  set(CPACK_GENERATOR DragNDrop)
else()
  set(CPACK_GENERATOR DEB)
endif()

# ---------------------------------------------------------------------------------------------------
# Debian package
set(CPACK_DEBIAN_PACKAGE_NAME httpsleuth)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # httpsleuth_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${HTTPSLEUTH_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
# dpkg-shlibdeps turns the libraries the binaries link into versioned Depends (libqt6core6 (>= 6.4),
# libre2-9, libarchive13, ...), so the list is right for whatever distribution built the package.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
if(TARGET httpsleuth)
  # Loaded as a plugin, so no linker dependency shows it: the xcb/Wayland platform plugins, only
  # Recommended by libqt6gui6 and so missing on --no-install-recommends systems, where the GUI then
  # cannot start. (The GUI draws its SVG icons with QSvgRenderer, so libqt6svg6 comes from shlibdeps.)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
  # Desktop integration: the icon theme the icons go into, and the tools whose dpkg triggers refresh the
  # MIME and desktop databases after installation.
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "hicolor-icon-theme, shared-mime-info, desktop-file-utils")
endif()

# ---------------------------------------------------------------------------------------------------
# Windows installer (NSIS): Start-menu entry, optional desktop shortcut and PATH entry for the CLI,
# "Open with" associations and an uninstaller that removes all of it.
set(CPACK_NSIS_DISPLAY_NAME "HttpSleuth ${PROJECT_VERSION}")
set(CPACK_NSIS_PACKAGE_NAME "HttpSleuth")
set(CPACK_NSIS_CONTACT "${HTTPSLEUTH_PACKAGE_CONTACT}")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_HELP_LINK "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/resources/icons/httpsleuth.ico")
set(CPACK_NSIS_MUI_UNIICON "${PROJECT_SOURCE_DIR}/resources/icons/httpsleuth.ico")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH ON) # offers to put bin\ (httpsleuth-cli.exe) on PATH
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "HttpSleuth")
if(TARGET httpsleuth)
  set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\httpsleuth.exe") # icon in "Installed apps"
  set(CPACK_NSIS_MUI_FINISHPAGE_RUN "httpsleuth.exe")     # "Run HttpSleuth" on the last page
  set(CPACK_CREATE_DESKTOP_LINKS httpsleuth)               # offered as a checkbox
endif()
if(CMAKE_SIZEOF_VOID_P EQUAL 8)
  set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
endif()
if(TARGET httpsleuth)
  include(${CMAKE_CURRENT_LIST_DIR}/windows/file_associations.cmake)
  hs_nsis_file_associations(
    PROG_ID "HttpSleuth.Evidence"
    DESCRIPTION "HttpSleuth evidence file"
    EXECUTABLE "httpsleuth.exe"
    EXTENSIONS .log .pcap .pcapng .har .saz)
endif()

include(CPack)
