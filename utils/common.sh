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
  python3-pip python3-setuptools python3-wheel python3-venv
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

# Makes `import qat` work for /usr/bin/python3: pip installs this checkout
# into the user's own site directory, editable (python/qat is the package;
# it loads build/lib/libQATCAPI.so); `python3 -m pip uninstall qat` removes
# it. A wheel with the library inside is `pip wheel --no-build-isolation .`
# (setup.py). Debian marks its Python externally managed; a user-site
# install does not touch the system's packages.
qat_install_python_package() {
  # Earlier set-ups wrote a machine-wide qat.pth naming a checkout.
  local site
  site=$(/usr/bin/python3 -c 'import site; print(site.getsitepackages()[0])')
  if [ -f "$site/qat.pth" ] && [ -w "$site" ] &&
     [ -f "$(head -n 1 "$site/qat.pth")/qat/__init__.py" ]; then
    rm -f "$site/qat.pth"
  fi
  /usr/bin/python3 -m pip install --user --break-system-packages \
    --no-build-isolation --no-deps --no-index --quiet --root-user-action=ignore \
    --editable .
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
