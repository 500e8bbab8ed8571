# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#===- AddQAT.cmake - helpers for qat libraries and docs ------*- cmake -*-===//

# Most of the time a qat library takes to compile goes to parsing MLIR's
# headers (about 80% of a typical file's); each library can parse the common
# ones once, into a precompiled header its files share. That pays on a
# machine without ccache only: a .pch embeds the absolute paths of its
# build tree, so every file built with it misses ccache in another clone
# (a fresh clone's release build took 221 s with precompiled headers and
# 15 s without, from the same cache).
if(QAT_CCACHE)
  set(QAT_PRECOMPILE_HEADERS_DEFAULT OFF)
else()
  set(QAT_PRECOMPILE_HEADERS_DEFAULT ON)
endif()
option(QAT_PRECOMPILE_HEADERS
  "Precompile MLIR's common headers once per library"
  ${QAT_PRECOMPILE_HEADERS_DEFAULT})
set(QAT_PRECOMPILED_HEADERS
  <mlir/IR/Builders.h> <mlir/IR/BuiltinOps.h> <mlir/IR/BuiltinTypes.h>
  <mlir/IR/Operation.h> <mlir/IR/PatternMatch.h> <mlir/Pass/Pass.h>
  <mlir/Dialect/Arith/IR/Arith.h> <mlir/Dialect/Func/IR/FuncOps.h>
  <llvm/ADT/STLExtras.h> <llvm/ADT/SmallVector.h>
  <llvm/Support/raw_ostream.h>)

# A qat library: our own libraries are linked as usual, upstream MLIR ones
# only through mlir_target_link_libraries so they resolve to libMLIR.so.
# NO_PRECOMPILED_HEADERS: for a library that must not see MLIR (the
# numerics), whose files the shared header would otherwise reach.
function(add_qat_library name)
  cmake_parse_arguments(ARG "NO_PRECOMPILED_HEADERS" ""
                        "SOURCES;DEPENDS;LINK_LIBS;MLIR_LIBS" ${ARGN})
  add_mlir_library(${name} ${ARG_SOURCES} ${ARG_UNPARSED_ARGUMENTS}
    DEPENDS ${ARG_DEPENDS}
    LINK_LIBS PUBLIC ${ARG_LINK_LIBS})
  if(QAT_PRECOMPILE_HEADERS AND NOT ARG_NO_PRECOMPILED_HEADERS)
    target_precompile_headers(obj.${name} PRIVATE ${QAT_PRECOMPILED_HEADERS})
  endif()
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
