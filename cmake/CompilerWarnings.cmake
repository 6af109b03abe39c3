# SPDX-License-Identifier: MIT
# project_options / project_warnings: INTERFACE targets every project target links, so flags are set
# per target instead of through global CMAKE_CXX_FLAGS edits.
add_library(project_options INTERFACE)
add_library(project_warnings INTERFACE)

target_compile_definitions(project_options INTERFACE
  QT_NO_KEYWORDS                        # signals/slots/emit macros clash with other libraries
  QT_DISABLE_DEPRECATED_BEFORE=0x060400) # Qt 6.4 is the floor (Debian 12)

if(MSVC)
  target_compile_options(project_warnings INTERFACE /W4 /permissive- /utf-8)
  if(HTTPSLEUTH_WARNINGS_AS_ERRORS)
    target_compile_options(project_warnings INTERFACE /WX)
  endif()
  target_compile_definitions(project_options INTERFACE NOMINMAX WIN32_LEAN_AND_MEAN _CRT_SECURE_NO_WARNINGS)
else()
  target_compile_options(project_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-align
    -Wmissing-declarations -Wimplicit-fallthrough)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports -Wrestrict/-Wstringop-overflow false positives inside libstdc++ string
    # concatenation at -O2/-O3 (GCC bugs 105329, 105651).
    target_compile_options(project_warnings INTERFACE -Wno-restrict -Wno-stringop-overflow)
  endif()
  if(HTTPSLEUTH_WARNINGS_AS_ERRORS)
    target_compile_options(project_warnings INTERFACE -Werror)
  endif()
endif()

# Hardening for what we ship (Debian's lintian asks for it): fortified libc calls, stack
# protector, full RELRO. Sanitizer and fuzzer builds have their own instrumentation.
if(NOT MSVC AND NOT HTTPSLEUTH_SANITIZE AND NOT HTTPSLEUTH_BUILD_FUZZERS)
  target_compile_options(project_options INTERFACE -fstack-protector-strong
    $<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=2>)
  if(NOT APPLE)
    target_link_options(project_options INTERFACE -Wl,-z,relro,-z,now)
  endif()
endif()

if(HTTPSLEUTH_SANITIZE AND NOT MSVC)
  target_compile_options(project_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(project_options INTERFACE -fsanitize=address,undefined)
endif()
