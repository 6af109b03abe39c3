# SPDX-License-Identifier: MIT
# ctest: renders the main window under Xvfb and keeps the PNGs in ${OUT} (a CI artifact).
# Skipped (SKIP_REGULAR_EXPRESSION) when xvfb-run is not installed.
find_program(XVFB_RUN xvfb-run)
if(NOT XVFB_RUN)
  message("SKIP: xvfb-run is not installed (apt-get install -y xvfb xauth); no screenshot taken")
  return()
endif()
set(input ${FALLBACK})
file(GLOB_RECURSE samples LIST_DIRECTORIES false "${SAMPLES}/*")
list(FILTER samples EXCLUDE REGEX "(README|\\.md$|\\.py$)")
if(samples)
  set(input ${SAMPLES})
endif()
file(MAKE_DIRECTORY ${OUT})
message("screenshot of ${input} -> ${OUT}")
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${TOOL} --output-dir ${OUT} ${input}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "screenshot tool failed: ${result}")
endif()
foreach(name main-window charts transaction sources start-page)
  if(NOT EXISTS ${OUT}/${name}.png)
    message(FATAL_ERROR "missing ${OUT}/${name}.png")
  endif()
endforeach()
