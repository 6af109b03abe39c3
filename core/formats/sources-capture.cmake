# SPDX-License-Identifier: MIT
# pcap and pcapng readers (included by core/CMakeLists.txt).
target_sources(httpsleuth_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/pcap_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pcapng_reader.cpp)
