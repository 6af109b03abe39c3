# SPDX-License-Identifier: MIT
# HAR 1.2 and Fiddler SAZ export readers (included by core/CMakeLists.txt).
target_sources(httpsleuth_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/har_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/exports/json_skeleton.cpp
  ${CMAKE_CURRENT_LIST_DIR}/exports/har_entry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/exports/url_parts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/exports/export_connections.cpp
  ${CMAKE_CURRENT_LIST_DIR}/saz_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/exports/saz_session.cpp
  ${CMAKE_CURRENT_LIST_DIR}/exports/saz_timeline.cpp)
