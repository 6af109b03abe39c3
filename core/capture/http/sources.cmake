# SPDX-License-Identifier: MIT
# HTTP/1.x parsing of reassembled TCP streams (and of SAZ raw messages): syntax helpers, head
# parser, body framing, per-direction framer, request/response pairing, transaction builder.
target_sources(httpsleuth_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/http_syntax.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_head_parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_body.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_message_stream.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_pairing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_transaction_builder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_conversation.cpp)
