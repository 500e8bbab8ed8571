# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#===- QATInstall.cmake - what `cmake --install` puts in place -*- cmake -*-===//
#
# <prefix>/bin                 qat-opt, qat-translate, qat-compile, qat-run
# <prefix>/include/qat{,-c}    the C++ and C API headers, generated .inc too
# <prefix>/lib                 the libraries, libQATCAPI.so, libQATPlugin.so
# <prefix>/lib/cmake/qat       QATConfig.cmake: find_package(QAT CONFIG)
# <prefix>/lib/qat/python/qat  the Python package
# <prefix>/share/qat/runtime   the C runtime's sources, headers and CMake
#
#===----------------------------------------------------------------------===//

# Installed binaries find Debian's libMLIR.so/libLLVM.so where the build
# found them.
set_target_properties(qat-opt qat-translate qat-compile qat-run QATCAPI
  QATPlugin PROPERTIES INSTALL_RPATH "${LLVM_LIBRARY_DIR}")

get_property(qat_libs GLOBAL PROPERTY QAT_LIBS)
install(TARGETS ${qat_libs} qat_runtime EXPORT QATTargets
  ARCHIVE DESTINATION lib LIBRARY DESTINATION lib)
install(TARGETS QATCAPI LIBRARY DESTINATION lib)
install(TARGETS QATPlugin LIBRARY DESTINATION lib)
install(TARGETS qat-opt qat-translate qat-compile qat-run
  RUNTIME DESTINATION bin)

install(DIRECTORY include/qat include/qat-c DESTINATION include
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
install(DIRECTORY ${PROJECT_BINARY_DIR}/include/qat DESTINATION include
  FILES_MATCHING PATTERN "*.inc")
install(DIRECTORY runtime/ DESTINATION share/qat/runtime)
install(DIRECTORY python/qat DESTINATION lib/qat/python
  PATTERN "__pycache__" EXCLUDE)

install(EXPORT QATTargets NAMESPACE QAT:: DESTINATION lib/cmake/qat)
include(CMakePackageConfigHelpers)
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/QATConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion
  # Firmware builds (32-bit targets) use the package too: qat_add_model.
  ARCH_INDEPENDENT)
install(FILES cmake/QATConfig.cmake cmake/QATFirmware.cmake
  ${PROJECT_BINARY_DIR}/QATConfigVersion.cmake
  DESTINATION lib/cmake/qat)
