# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#===- AddQAT.cmake - helpers for qat libraries and docs ------*- cmake -*-===//

# A qat library: our own libraries are linked as usual, upstream MLIR ones
# only through mlir_target_link_libraries so they resolve to libMLIR.so.
function(add_qat_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;LINK_LIBS;MLIR_LIBS" ${ARGN})
  add_mlir_library(${name} ${ARG_SOURCES} ${ARG_UNPARSED_ARGUMENTS}
    DEPENDS ${ARG_DEPENDS}
    LINK_LIBS PUBLIC ${ARG_LINK_LIBS})
  if(ARG_MLIR_LIBS)
    mlir_target_link_libraries(${name} PUBLIC ${ARG_MLIR_LIBS})
  endif()
  # Installed, the headers are in <prefix>/include (cmake/QATInstall.cmake).
  target_include_directories(${name} INTERFACE $<INSTALL_INTERFACE:include>)
  # An instrumented library needs its sanitizer runtime in whatever links it,
  # in the tree and downstream of an installed QAT_SANITIZE build alike.
  if(QAT_SANITIZE)
    target_link_options(${name} INTERFACE ${QAT_SANITIZER_FLAGS}
                        "-Wl,-rpath,${QAT_SANITIZER_RUNTIME_DIR}")
  endif()
  set_property(GLOBAL APPEND PROPERTY QAT_LIBS ${name})
endfunction()

# Generated markdown lands in build/docs/<dir>; utils/docs.py update copies it
# to docs/generated/, and test/docs checks that the copy is current.
function(add_qat_doc td_file output_file output_directory command)
  add_mlir_doc(${td_file} ${output_file} ${output_directory} ${command} ${ARGN})
  set_property(GLOBAL APPEND PROPERTY QAT_DOCS
    "${output_directory}${output_file}.md")
endfunction()
