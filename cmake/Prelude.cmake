# SPDX-License-Identifier: MIT
# Refuse in-source builds: they litter the tree with generated files that then get committed.
if(CMAKE_SOURCE_DIR STREQUAL CMAKE_BINARY_DIR)
  message(FATAL_ERROR
    "In-source builds are not allowed. Use: cmake -S . -B build (and remove CMakeCache.txt and CMakeFiles/ from the source tree).")
endif()
