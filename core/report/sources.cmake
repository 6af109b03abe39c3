# SPDX-License-Identifier: MIT
# The HTML incident report, its inline SVG charts, and redaction (shared with the JSON writer).
target_sources(httpsleuth_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/redact.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_escape.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_csp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_assets.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_header.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_findings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_transaction.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_charts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_reasons.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_sources.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_kb.cpp
  ${CMAKE_CURRENT_LIST_DIR}/svg_chart.cpp)
