# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Python start-up hook for QAT_SANITIZE test runs (test/lit.cfg.py puts this
directory on PYTHONPATH and starts /usr/bin/python3 with the sanitizer
runtime in LD_PRELOAD, so that the interpreter can host qat's instrumented C
API).

The programs this interpreter starts are not hosts: qat's tools link the
runtime themselves, and programs that other compilers built with their own
sanitizers (the C backend's tests build with gcc -fsanitize=...) must not get
a second, clashing runtime. So the preload stops here; a test that starts another Python host restores it
from QAT_SANITIZER_PRELOAD.
"""

import os

preload = os.environ.pop("LD_PRELOAD", None)
if preload:
    os.environ["QAT_SANITIZER_PRELOAD"] = preload
