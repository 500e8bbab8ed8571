# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Builds the qat Python package (metadata in pyproject.toml) with what it
loads at run time inside it: qat's C library, libQATCAPI.so, and the C
runtime's sources (for CompiledModel.flash). The library is
$QAT_CAPI_LIBRARY if set, else the CMake build tree's ($QAT_BUILD_DIR or
build/ beside this file), brought up to date with `cmake --build`
(configured first if the tree is new), so

    python3 -m pip install --no-build-isolation .

works offline with Debian's python3-pip, python3-setuptools and
python3-wheel. An editable install (-e) loads the library from the build
tree instead.
"""
import os
import pathlib
import shutil
import subprocess

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

ROOT = pathlib.Path(__file__).resolve().parent
BUILD = pathlib.Path(os.environ.get("QAT_BUILD_DIR", ROOT / "build"))
# setuptools' own files go inside the CMake tree, not beside its lib/ or
# into python/: the checkout stays clean.
PACKAGE_BUILD = BUILD / "python-package"


def built_library() -> pathlib.Path:
    """$QAT_CAPI_LIBRARY as it is, else the build tree's, brought up to
    date."""
    if os.environ.get("QAT_CAPI_LIBRARY"):
        return pathlib.Path(os.environ["QAT_CAPI_LIBRARY"])
    build = BUILD
    if not (build / "build.ninja").is_file():
        # As utils/common.sh configures it.
        subprocess.run(["cmake", "-G", "Ninja", "-S", str(ROOT),
                        "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                        "-DCMAKE_C_COMPILER=clang-22",
                        "-DCMAKE_CXX_COMPILER=clang++-22"], check=True)
    subprocess.run(["cmake", "--build", str(build), "--target", "QATCAPI"],
                   check=True)
    return build / "lib" / "libQATCAPI.so"


class BuildWithLibrary(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        package = pathlib.Path(self.build_lib) / "qat"
        shutil.copy2(built_library(), package / "libQATCAPI.so")
        runtime = package / "runtime"
        shutil.rmtree(runtime, ignore_errors=True)
        for part in ("include", "src"):
            shutil.copytree(ROOT / "runtime" / part, runtime / part)


class BinaryDistribution(Distribution):
    """A wheel for this platform: the package holds a shared library."""

    def has_ext_modules(self) -> bool:
        return True


PACKAGE_BUILD.mkdir(parents=True, exist_ok=True)
setup(cmdclass={"build_py": BuildWithLibrary}, distclass=BinaryDistribution,
      options={"build": {"build_base": str(PACKAGE_BUILD)},
               "egg_info": {"egg_base": str(PACKAGE_BUILD)}})
