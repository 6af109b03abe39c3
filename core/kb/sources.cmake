# SPDX-License-Identifier: MIT
# Knowledge base, correlation and detectors (issue 4). The entries themselves are JSON under
# resources/kb, compiled in as Qt resources (QtCore only) and read at run time by kb/catalog_load.cpp.
target_sources(httpsleuth_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/catalog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/catalog_load.cpp
  ${CMAKE_CURRENT_LIST_DIR}/status_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/evidence.cpp
  ${CMAKE_CURRENT_LIST_DIR}/finding_builder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/server_identity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/spikes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/diagnose.cpp
  ${CMAKE_CURRENT_LIST_DIR}/correlate/address_cache.cpp
  ${CMAKE_CURRENT_LIST_DIR}/correlate/request_keys.cpp
  ${CMAKE_CURRENT_LIST_DIR}/correlate/correlation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/correlate/httperr_index.cpp
  ${CMAKE_CURRENT_LIST_DIR}/correlate/w3c_scan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/correlate/clock_offset.cpp
  ${CMAKE_CURRENT_LIST_DIR}/correlate/w3c_match.cpp
  ${CMAKE_CURRENT_LIST_DIR}/samples/capture_script.cpp
  ${CMAKE_CURRENT_LIST_DIR}/samples/sample_analysis.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/registry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/common.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/reason_groups.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/stray_continue.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/chunked_post_reset.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/http11_keepalive_by_design.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/continue_to_http10_client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/server_waits_for_body_before_100.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/continue_without_final_response.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/expect_without_body.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/expect_100_client_wait.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/expect_100_case_mismatch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/expectation_failed_417.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/early_response_reset.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/keepalive_idle_race.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/connection_dropped.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/slow_request_body.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/slow_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/service_unavailable_503.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/app_pool_abandoned.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/oversized_request_headers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/ambiguous_framing_te_cl.cpp
  ${CMAKE_CURRENT_LIST_DIR}/detectors/client_cert_renegotiation_413.cpp)

set(hs_kb_dir ${CMAKE_CURRENT_LIST_DIR}/../../resources/kb)
get_filename_component(hs_kb_dir ${hs_kb_dir} ABSOLUTE)
file(GLOB hs_kb_files CONFIGURE_DEPENDS ${hs_kb_dir}/*.json ${hs_kb_dir}/*/*.json)
qt_add_resources(httpsleuth_core "httpsleuth_kb"
  PREFIX "/kb"
  BASE ${hs_kb_dir}
  FILES ${hs_kb_files})
