# SPDX-License-Identifier: MIT
# Link layers, IP (with defragmentation), TCP reassembly and the capture session that feeds the
# HTTP layer (included by core/CMakeLists.txt).
target_sources(httpsleuth_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/link_layer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ip_packet.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ip_defragmenter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tcp_segment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tcp_tracker.cpp
  ${CMAKE_CURRENT_LIST_DIR}/capture_session.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_stream_sink.cpp
  ${CMAKE_CURRENT_LIST_DIR}/capture_read.cpp)
