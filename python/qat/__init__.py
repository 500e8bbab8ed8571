"""qat's Python side: exporters to the qat dialect and a NumPy reference of
its semantics. Plain Python over the qat tools (Debian's MLIR has no Python
bindings)."""
