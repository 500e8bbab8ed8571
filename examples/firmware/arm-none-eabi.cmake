# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# A bare-metal Cortex-M toolchain: Debian's arm-none-eabi-gcc with newlib.
#   cmake -DCMAKE_TOOLCHAIN_FILE=arm-none-eabi.cmake -DQAT_CPU=cortex-m0plus ...
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(QAT_CPU cortex-m4 CACHE STRING "cortex-m4 (DSP kernels) or cortex-m0plus")
if(QAT_CPU STREQUAL "cortex-m4")
  set(cpu_flags "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard")
else()
  set(cpu_flags "-mcpu=${QAT_CPU} -mthumb -mfloat-abi=soft")
endif()
set(CMAKE_C_FLAGS_INIT "${cpu_flags} -ffunction-sections -fdata-sections")
set(CMAKE_EXE_LINKER_FLAGS_INIT "--specs=nosys.specs -Wl,--gc-sections")
