# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Shared by quickstart.sh and check.sh: install what is missing, configure,
# build. Sourced, not run.

# Everything a fresh Debian 12 machine needs, from Debian's own repositories.
QAT_APT_PACKAGES=(
  cmake ninja-build ccache libgtest-dev
  clang-22 lld-22 llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  clang-format-22 gcc
  gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
  python3 python3-numpy python3-torch python3-torchvision python3-sklearn python3-onnx
  python3-pytest python3-matplotlib mypy
  libonnx-dev libprotobuf-dev flatbuffers-compiler libflatbuffers-dev
  libclang-rt-22-dev libfuzzer-22-dev
)

qat_install_packages() {
  local missing=() p
  for p in "${QAT_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "qat: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
}

qat_build() {
  if [ ! -f build/build.ninja ]; then
    cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
      -DLLVM_ENABLE_ASSERTIONS=ON >/dev/null
  fi
  ninja -C build "$@"
}

# The same build with ASan and UBSan and the libFuzzer harnesses, in
# build-san (QAT_SANITIZE, QAT_FUZZ in CMakeLists.txt).
qat_build_sanitized() {
  if [ ! -f build-san/build.ninja ]; then
    cmake -G Ninja -S . -B build-san -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
      -DLLVM_ENABLE_ASSERTIONS=ON -DQAT_SANITIZE=ON -DQAT_FUZZ=ON >/dev/null
  fi
  ninja -C build-san "$@"
}

# Makes `import qat` work for /usr/bin/python3: a .pth file naming this
# checkout's python/ directory in the interpreter's site directory (the
# user's own site directory when not root). The package finds the C API
# library of this checkout's build (build/lib/libQATCAPI.so).
qat_install_python_package() {
  local site
  if [ "$(id -u)" -eq 0 ]; then
    site=$(/usr/bin/python3 -c 'import site; print(site.getsitepackages()[0])')
  else
    site=$(/usr/bin/python3 -m site --user-site)
  fi
  mkdir -p "$site"
  echo "$(pwd)/python" > "$site/qat.pth"
}

# The reference data others produced (TFLite's golden vectors, trained
# .tflite models and TensorFlow Lite Micro's outputs), read in place: the
# `shared` folder beside this checkout, or beside the checkout it was cloned
# from; QAT_SHARED_DIR overrides. Exported for lit and utils/fuzz.sh.
qat_shared_dir() {
  local origin
  if [ -n "${QAT_SHARED_DIR:-}" ]; then
    echo "$QAT_SHARED_DIR"
  elif [ -d ../shared ]; then
    (cd ../shared && pwd)
  elif origin=$(git config --get remote.origin.url 2>/dev/null) &&
       [ -d "$origin/../shared" ]; then
    (cd "$origin/../shared" && pwd)
  else
    echo "$(pwd)/../shared"
  fi
}
QAT_SHARED_DIR=$(qat_shared_dir)
export QAT_SHARED_DIR
