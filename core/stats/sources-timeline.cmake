# SPDX-License-Identifier: MIT
# Chart and timeline aggregates (stats/timeline.h) shared by the HTML report and the GUI.
target_sources(httpsleuth_core PRIVATE ${CMAKE_CURRENT_LIST_DIR}/timeline.cpp)
