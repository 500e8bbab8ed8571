# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The per-layer report of a compiled model (docs/Report.md)."""
from __future__ import annotations

import json
import math
import os
import pathlib
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Dict, List, Optional, Union


def _number(v: Any) -> float:
    return math.inf if v == "inf" else -math.inf if v == "-inf" else float(v)


def _cell(text: str) -> str:
    """`text` as a markdown table cell (as the C library writes it)."""
    return text.replace("\\", "\\\\").replace("|", "\\|")


@dataclass
class LayerReport:
    """One tensor the int8 program computes, compared across the levels."""
    name: str
    op: str
    sqnr_fakequant_db: float
    has_int8: bool
    saturated: float
    weight_bytes: int
    macs: int
    flagged: bool
    sqnr_int8_db: Optional[float] = None
    max_deviation_steps: Optional[int] = None
    differing: Optional[float] = None
    deviation_counts: List[int] = field(default_factory=list)
    activation_bytes: Optional[int] = None
    headroom_bits: Optional[int] = None
    cause: str = ""


@dataclass
class Report:
    """`CompiledModel.report(x)`: float graph, fake-quant graph and int8
    program compared layer by layer (see `markdown`), with top-1 agreement
    and, given labels, accuracy at each level."""
    model: str
    rounding: str
    samples: int
    layers: List[LayerReport]
    agreement_fakequant_float: float
    agreement_int8_fakequant: float
    markdown: str
    accuracy_float: Optional[float] = None
    accuracy_fakequant: Optional[float] = None
    accuracy_int8: Optional[float] = None

    @classmethod
    def from_json(cls, text: str, markdown: str = "") -> "Report":
        data: Dict[str, Any] = json.loads(text)
        layers = []
        for l in data.pop("layers"):
            for key in ("sqnr_fakequant_db", "sqnr_int8_db"):
                if key in l:
                    l[key] = _number(l[key])
            layers.append(LayerReport(**l))
        return cls(layers=layers, markdown=markdown, **data)

    def to_json(self) -> str:
        def clean(v: Any) -> Any:
            return ("inf" if v == math.inf else "-inf" if v == -math.inf
                    else v)
        data: Dict[str, Any] = {
            k: v for k, v in self.__dict__.items()
            if k not in ("layers", "markdown") and v is not None}
        data["layers"] = [{k: clean(v) for k, v in l.__dict__.items()
                           if v is not None and v != "" and v != []}
                          for l in self.layers]
        return json.dumps(data, indent=2) + "\n"

    def __str__(self) -> str:
        return self.markdown

    def renamed(self, rename: Callable[[str], str]) -> "Report":
        """The report with each layer named `rename(name)`, in `layers`
        and in the markdown table."""
        markdown = self.markdown
        layers = []
        for l in self.layers:
            new = rename(l.name)
            markdown = markdown.replace(f"| {_cell(l.name)} |",
                                        f"| {_cell(new)} |")
            layers.append(replace(l, name=new))
        return replace(self, layers=layers, markdown=markdown)

    @property
    def flagged(self) -> List[LayerReport]:
        return [l for l in self.layers if l.flagged]

    def save(self, path: Union[str, os.PathLike[str]]) -> pathlib.Path:
        """Writes the report: JSON for .json, a plot for .png, else
        markdown."""
        path = pathlib.Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".json":
            path.write_text(self.to_json())
        elif path.suffix == ".png":
            self.plot(path)
        else:
            path.write_text(self.markdown)
        return path

    def plot(self, path: Union[str, os.PathLike[str]]) -> pathlib.Path:
        """A PNG: SQNR per layer for both comparisons, and the histogram of
        int8 deviations from the fake-quant graph (all layers, in steps)."""
        # matplotlib 3.6 has no type information: pyproject.toml's
        # [tool.mypy] lets it be untyped (Any).
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        def finite(v: Optional[float], cap: float = 100.0) -> float:
            return cap if v is None or v == math.inf else max(v, -cap)

        names = [f"{i} {l.name[:28]}" for i, l in enumerate(self.layers)]
        x = range(len(self.layers))
        fig, (top, bottom) = plt.subplots(
            2, 1, figsize=(max(7, 0.45 * len(names) + 3), 7.5),
            gridspec_kw={"height_ratios": [3, 2]})
        top.plot(x, [finite(l.sqnr_fakequant_db) for l in self.layers], "o-",
                 label="fake-quant vs float")
        top.plot(x, [finite(l.sqnr_int8_db) if l.has_int8 else math.nan
                     for l in self.layers], "s-", label="int8 vs fake-quant")
        for i, l in enumerate(self.layers):
            if l.flagged:
                top.axvline(i, color="tab:red", alpha=0.15, lw=6)
        top.set_xticks(list(x))
        top.set_xticklabels(names, rotation=60, ha="right", fontsize=7)
        top.set_ylabel("SQNR (dB; 100 = identical)")
        top.set_title(f"{self.model}: per-layer SQNR, {self.samples} "
                      f"samples, rounding {self.rounding} (red: > 1 step)")
        top.legend(fontsize=8)
        top.grid(alpha=0.3)
        counts: List[int] = []
        for l in self.layers:
            for steps, c in enumerate(l.deviation_counts):
                if steps >= len(counts):
                    counts.append(0)
                counts[steps] += c
        bottom.bar(range(len(counts)), counts, color="tab:orange")
        bottom.set_yscale("log")
        bottom.set_xlabel("|int8 - fake-quant| in output steps "
                          "(every element of every layer)")
        bottom.set_ylabel("elements")
        bottom.grid(alpha=0.3, axis="y")
        fig.tight_layout()
        path = pathlib.Path(path)
        fig.savefig(path, dpi=110)
        plt.close(fig)
        return path
