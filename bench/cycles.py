#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Estimates the cycles a Cortex-M4 or Cortex-M55 takes for one call of a
function in a bare-metal program, from the instructions QEMU executes.

    bench/cycles.py ELF --core m4 --call qat_kws_run
    bench/cycles.py ELF --core m55 --between bench_begin,bench_end

QEMU logs every translation block it executes (`-d exec,nochain`) and the
bytes of each block when it translates it (`-d in_asm`); the log streams
through a pipe. Every executed instruction is
then known, with the outcome of every branch (a block ends at a branch; the
branch was taken when the next block does not start at the instruction
after it). `arm-none-eabi-objdump` names each instruction, and a timing
model gives each one its cycles from its class, its neighbour and its
branch outcome: the Technical Reference Manual's timings for the Cortex-M4,
the beat-wise overlap of Helium instructions for the Cortex-M55. The rules,
their sources and what they leave out are in bench/README.md ("Cycles").

Each model gives three figures: `low` and `high` take every timing range
of the manual at its end (a pipeline refill of 1 or 3 cycles, an IT folded
or not, an extra cycle for literal loads, overlap of vector instructions or
none), `estimate` the usual case. The counts are exact for the code QEMU
runs; the cycles are the model's.
"""
import argparse
import collections
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] /
                       "utils" / "harness"))
import targets  # noqa: E402

BOARDS = {"m4": "mps2-an386", "m55": "mps3-an547"}
VARIANTS = ("low", "estimate", "high")
CONDITIONS = {"eq", "ne", "cs", "hs", "cc", "lo", "mi", "pl", "vs", "vc",
              "hi", "ls", "ge", "lt", "gt", "le", "al"}
ALIASES = {"sb": "r9", "sl": "r10", "fp": "r11", "ip": "r12"}
REGISTER = re.compile(r"\b(r1[0-5]|r[0-9]|sb|sl|fp|ip|sp|lr|pc)\b")


class Instruction:
    __slots__ = ("address", "size", "mnemonic", "base", "operands",
                 "function", "kind", "destinations", "address_registers")

    def __init__(self, address, size, mnemonic, operands, function):
        self.address, self.size, self.function = address, size, function
        self.mnemonic = mnemonic
        self.operands = operands.split("@")[0].split(";")[0].strip()
        self.base = mnemonic.split(".")[0]
        vector = "q" in re.findall(r"\b([qdsr])\d+\b", self.operands) or \
            self.base in ("vctp", "vpst") or self.base.startswith("vpt")
        self.kind = classify(self.base, self.operands, vector)
        regs = [ALIASES.get(r, r) for r in REGISTER.findall(self.operands)]
        inside = re.search(r"\[([^\]]*)\]", self.operands)
        self.address_registers = set(
            ALIASES.get(r, r) for r in REGISTER.findall(inside.group(1))) \
            if inside else set()
        writes_first = self.kind in ("alu", "multiply", "divide", "load",
                                     "load_double", "literal")
        self.destinations = set(regs[:1]) if writes_first and regs else set()
        if self.kind in ("multiply",) and self.base.endswith(("ll", "al",
                                                               "lal")):
            self.destinations = set(regs[:2])

    @property
    def fallthrough(self):
        return self.address + self.size


def strip_condition(base, stems):
    """The stem of `base` among `stems`, without a condition code or an S
    suffix (`bls` is `b` on LS, `movseq` is `mov`), or None."""
    for stem in sorted(stems, key=len, reverse=True):
        if base.startswith(stem):
            rest = base[len(stem):]
            if rest in ("", "s") or rest in CONDITIONS or (
                    rest[:1] == "s" and rest[1:] in CONDITIONS):
                return stem
    return None


BRANCHES = ("b", "bl", "bx", "blx", "cbz", "cbnz", "tbb", "tbh", "le",
            "letp", "wls", "wlstp", "bf", "bfl", "bfx", "bflx", "bfcsel")
LOADS = ("ldr", "ldrb", "ldrh", "ldrsb", "ldrsh", "ldrt", "ldrbt", "ldrht",
         "ldrsbt", "ldrsht", "ldrex", "ldrexb", "ldrexh", "lda", "ldab",
         "ldah")
STORES = ("str", "strb", "strh", "strt", "strbt", "strht", "strex", "strexb",
          "strexh", "stl", "stlb", "stlh")
MULTIPLE = ("ldm", "ldmia", "ldmdb", "ldmfd", "pop", "stm", "stmia", "stmdb",
            "stmfd", "push", "vpush", "vpop", "vldmia", "vstmia", "vldmdb",
            "vstmdb")
VECTOR_MEMORY = ("vldr", "vstr", "vld2", "vld4", "vst2", "vst4", "vld20",
                 "vld21", "vld40", "vld41", "vld42", "vld43", "vst20",
                 "vst21", "vst40", "vst41", "vst42", "vst43", "vldrb",
                 "vldrh", "vldrw", "vldrd", "vstrb", "vstrh", "vstrw",
                 "vstrd")


def classify(base, operands, vector):
    if vector:
        if base.startswith(VECTOR_MEMORY):
            return "vector_memory"
        if base.startswith(("vml", "vmul", "vqdmul", "vqrdmul", "vrmul",
                            "vqdmla", "vqrdmla", "vrmlal", "vmla", "vmls",
                            "vrmlsl", "vqdmls", "vqrdmls", "vmladav",
                            "vmlav", "vmlsdav", "vrmlaldavh")):
            return "vector_multiply"
        if base in ("vctp", "vpst") or base.startswith("vpt"):
            return "alu"
        return "vector_alu"
    if base.startswith("it") and set(base[1:]) <= {"t", "e"}:
        return "it"
    stem = strip_condition(base, MULTIPLE)
    if stem:
        return "multiple"
    if base.startswith(("vldr", "vstr")):
        return "fp_memory"
    if base.startswith(("vdiv", "vsqrt")):
        return "fp_divide"
    if base.startswith(("vmla", "vmls", "vfma", "vfms", "vnmla", "vnmls",
                        "vfnma", "vfnms")):
        return "fp_multiply_accumulate"
    stem = strip_condition(base, LOADS + STORES + ("ldrd", "strd"))
    if stem in ("ldrd",):
        return "load_double"
    if stem in ("strd",):
        return "store_double"
    if stem in LOADS:
        if "pc" in re.findall(r"\[(\w+)", operands):
            return "literal"
        if operands.split(",")[0].strip() == "pc":
            return "load_pc"
        return "load"
    if stem in STORES:
        return "store"
    stem = strip_condition(base, BRANCHES)
    if stem:
        return "branch_" + stem
    if strip_condition(base, ("sdiv", "udiv")):
        return "divide"
    if re.match(r"(mul|mla|mls|[su]mull|[su]mlal|smla|smul|smua|smus|smml|"
                r"smmu|smls|smlsl|umaal)", base):
        return "multiply"
    first = operands.split(",")[0].strip()
    if first == "pc":
        return "alu_pc"
    return "alu"


def disassemble(elf, core):
    """Address -> Instruction for the program's code."""
    objdump = ["arm-none-eabi-objdump", "-d", "--no-show-raw-insn"]
    if core == "m55":
        objdump.append("-marmv8.1-m.main")  # Helium: objdump does not infer it
    text = subprocess.run(objdump + [str(elf)], capture_output=True,
                          text=True, check=True).stdout
    lines = []
    function = "?"
    for line in text.splitlines():
        m = re.match(r"^[0-9a-f]+ <(.+)>:$", line)
        if m:
            function = m.group(1)
            continue
        m = re.match(r"^\s*([0-9a-f]+):\t(\S+)\t?(.*)$", line)
        if m and not m.group(2).startswith("."):
            lines.append((int(m.group(1), 16), m.group(2), m.group(3),
                          function))
    program = {}
    for i, (address, mnemonic, operands, function) in enumerate(lines):
        size = lines[i + 1][0] - address if i + 1 < len(lines) else 4
        program[address] = Instruction(address, min(size, 4), mnemonic,
                                       operands, function)
    return program


def ends_block(insn):
    return insn.kind.startswith("branch") or insn.kind in (
        "load_pc", "alu_pc") or (insn.kind == "multiple" and
                                 "pc" in insn.operands) or \
        insn.base in ("bkpt", "svc", "udf", "wfi", "wfe", "isb", "vctp",
                      "vmsr")


def block_extent(program, first, end):
    """The instruction addresses of the block QEMU translated at `first`,
    whose bytes end at `end`. QEMU's listing gives the block's bytes but
    not always its instructions (its disassembler predates Helium and steps
    through unknown encodings two bytes at a time), so the instructions are
    objdump's in that range."""
    addresses = []
    insn = program.get(first)
    while insn is not None and insn.address < end:
        addresses.append(insn.address)
        insn = program.get(insn.fallthrough)
    return tuple(addresses) if addresses else (first,)


def trace(elf, core, start, stop_symbol, program, symbols):
    """Runs the program under QEMU; returns (block transitions and their
    counts, the transitions out of the region, the blocks' instruction
    addresses), for the blocks executed
    from the entry of `start` until the entry of `stop_symbol` or, without
    it, until `start` returns to its caller."""
    tools = targets.Tools()
    begin = symbols[start]
    end = symbols[stop_symbol] if stop_symbol else None
    blocks = {}      # start address -> block id (the latest translation)
    addresses = []   # block id -> its instruction addresses
    interned = {}
    pairs = collections.Counter()
    exits = collections.Counter()  # into the first block after the region
    with tempfile.TemporaryDirectory() as tmp:
        fifo = pathlib.Path(tmp) / "exec.log"
        os.mkfifo(fifo)
        qemu = subprocess.Popen(
            [tools.qemu, "-M", BOARDS[core]] + targets.QEMU_ARGS +
            ["-kernel", elf, "-d", "in_asm,exec,nochain", "-D", fifo],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        active = done = False
        previous = None   # the block executed last
        listed = end_of_block = None   # the block being listed
        with open(fifo, errors="replace") as log:
            for line in log:
                if line.startswith("Trace"):
                    if done:
                        continue
                    pc = int(line.split("/", 2)[1], 16)
                    current = blocks[pc]
                    if active:
                        if pc == end:
                            exits[previous, current] += 1
                            active, done = False, True
                        else:
                            pairs[previous, current] += 1
                    elif pc == begin:
                        active = True
                        if end is None:
                            last = addresses[previous][-1]
                            end = program[last].fallthrough
                        pairs[None, current] += 1
                    previous = current
                elif line.startswith("0x"):
                    # "0xADDRESS:  HHHH HHHH  mnemonic": where its halfwords
                    # end.
                    address = int(line[2:10], 16)
                    if listed is None:
                        listed = address
                    end_of_block = address + 2 * len(line[13:23].split())
                elif line == "\n" and listed is not None:
                    key = block_extent(program, listed, end_of_block)
                    if key not in interned:
                        interned[key] = len(addresses)
                        addresses.append(key)
                    blocks[listed] = interned[key]
                    listed = None
        if qemu.wait() != 0:
            sys.exit(f"{elf}: QEMU exited with {qemu.returncode}")
    if not done:
        sys.exit(f"{elf}: {start} was not entered and left "
                 f"({'never entered' if not active else 'never left'})")
    return pairs, exits, addresses


def transfers(insn):
    """The registers a multiple load or store moves."""
    return len(re.findall(r"[rsd]\d+|lr|pc|sb|sl|fp|ip",
                          insn.operands.split("{", 1)[-1]))


class CortexM4:
    """Cortex-M4 Technical Reference Manual (r0p1), Table 3-1 and its
    notes on load/store timing, zero-wait-state memory; `wait_states`
    flash wait states add to every pipeline refill."""

    def __init__(self, variant, wait_states=0):
        self.variant, self.wait = variant, wait_states

    def refill(self, branch, target):
        if self.variant == "low":
            p = 1
        elif self.variant == "high":
            p = 3
        elif branch.kind in ("branch_b", "branch_bl", "branch_cbz",
                             "branch_cbnz"):
            # One refill cycle; a second to fetch a 32-bit target that
            # straddles a word.
            p = 1 + (target is not None and target.size == 4 and
                     target.address % 4 == 2)
        else:
            p = 2   # register targets are known a cycle later
        return p + self.wait

    def cycles(self, insn, previous):
        kind, variant = insn.kind, self.variant
        if kind in ("load", "literal", "store"):
            cost = 2
            pipelined = previous is not None and previous.kind in (
                "load", "literal") and not (previous.destinations &
                                            insn.address_registers)
            # Stores with an immediate offset retire into the write buffer
            # in one cycle; register offsets take two.
            if pipelined or (kind == "store" and
                             len(insn.address_registers) == 1):
                cost = 1
            if kind == "literal" and variant == "high":
                cost += 1
            # A load or store whose address a data-processing instruction
            # has just computed waits for the register file: no forwarding.
            if previous is not None and previous.kind in (
                    "alu", "multiply") and (previous.destinations &
                                            insn.address_registers):
                cost += 1
            return cost
        if kind in ("load_double", "store_double"):
            return 3
        if kind == "load_pc":
            return 2
        if kind == "multiple":
            return 1 + transfers(insn)
        if kind == "it":
            if variant == "low":
                return 0
            if variant == "high":
                return 1
            return 0 if previous is not None and previous.size == 2 else 1
        if kind == "divide":
            return {"low": 2, "estimate": 7, "high": 12}[variant]
        if kind == "fp_memory":
            return 2
        if kind == "fp_divide":
            return 14
        if kind == "fp_multiply_accumulate":
            return 3
        if kind == "branch_tbb" or kind == "branch_tbh":
            return 2
        return 1


class CortexM55:
    """Cortex-M55: an in-order scalar pipeline of one instruction a cycle
    with a 64-bit data path, and Helium's beat-wise execution: a 128-bit
    vector instruction takes two cycles (two of its four beats a cycle),
    and overlaps the previous vector instruction by one cycle when the two
    use different units (memory, multiply, other arithmetic)."""

    def __init__(self, variant, wait_states=0):
        self.variant, self.wait = variant, wait_states

    def refill(self, branch, target):
        if branch.kind in ("branch_le", "branch_letp") and \
                self.variant != "high":
            return 0    # the loop end is predicted from the loop cache
        return {"low": 1, "estimate": 2, "high": 3}[self.variant] + self.wait

    def cycles(self, insn, previous):
        kind, variant = insn.kind, self.variant
        if kind.startswith("vector"):
            if variant == "high":
                return 2
            if previous is not None and previous.kind.startswith("vector") \
                    and previous.kind != kind:
                return 1
            return 2
        if kind == "multiple":
            n = transfers(insn)
            return 1 + (n if variant == "high" else (n + 1) // 2)
        if kind in ("load", "literal", "load_double", "load_pc") and \
                variant == "high":
            return 2
        if kind == "divide":
            return {"low": 2, "estimate": 7, "high": 12}[variant]
        if kind == "fp_divide":
            return 14
        if kind == "it" and variant == "low":
            return 0
        return 1


MODELS = {"m4": CortexM4, "m55": CortexM55}


def estimate(elf, core, call, stop=None, wait_states=0):
    """Instructions and cycles of the region; per function too."""
    program = disassemble(elf, core)
    symbols = {}
    for address, insn in sorted(program.items(), reverse=True):
        symbols[insn.function] = address
    for name in [call] + ([stop] if stop else []):
        if name not in symbols:
            sys.exit(f"{elf}: no function {name}")
    pairs, exits, blocks = trace(elf, core, call, stop, program, symbols)
    models = {v: MODELS[core](v, wait_states) for v in VARIANTS}
    total = collections.Counter()
    hot = collections.defaultdict(collections.Counter)  # per block
    functions = collections.defaultdict(collections.Counter)
    missing = set()
    for (before, block), count in pairs.items():
        insns = [program.get(a) for a in blocks[block]]
        if None in insns:
            missing.update(a for a in blocks[block] if a not in program)
            continue
        previous = program.get(blocks[before][-1]) if before is not None \
            else None
        name = insns[0].function
        functions[name]["instructions"] += count * len(insns)
        total["instructions"] += count * len(insns)
        for variant, model in models.items():
            c, prev = 0, previous
            for insn in insns:
                c += model.cycles(insn, prev)
                prev = insn
            functions[name][variant] += count * c
            hot[blocks[block]][variant] += count * c
            total[variant] += count * c
        hot[blocks[block]]["executions"] += count
    # Each block's last instruction, if a branch, costs its refill when the
    # next block is not its fall-through.
    for (before, block), count in (pairs + exits).items():
        if before is None:
            continue
        last = program.get(blocks[before][-1])
        first = program.get(blocks[block][0])
        if last is None or first is None:
            continue
        taken = first.address != last.fallthrough
        if taken and not ends_block(last):
            # A block that QEMU ended elsewhere than this walk did: the
            # counts would be wrong, so say so rather than guess.
            sys.exit(f"{elf}: the block ending at {last.address:#x} "
                     f"({last.mnemonic}) is followed by {first.address:#x}; "
                     "bench/cycles.py does not know where QEMU ended it")
        if taken:
            for variant, model in models.items():
                refill = model.refill(last, first)
                functions[last.function][variant] += count * refill
                hot[blocks[before]][variant] += count * refill
                total[variant] += count * refill
    if missing:
        sys.exit(f"{elf}: executed code outside the disassembly at "
                 f"{', '.join(hex(a) for a in sorted(missing)[:5])}")
    return Estimate(total, functions, hot, program)


class Estimate:
    """Instructions and cycles (`low`, `estimate`, `high`) of the region in
    `total`, per function in `functions`, per block (its instruction
    addresses) in `blocks`, with `executions`; `program` the disassembly."""

    def __init__(self, total, functions, blocks, program):
        self.total, self.functions = total, functions
        self.blocks, self.program = blocks, program


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("elf", type=pathlib.Path)
    ap.add_argument("--core", choices=tuple(BOARDS), required=True)
    region = ap.add_mutually_exclusive_group(required=True)
    region.add_argument("--call", help="one call of this function, from its "
                        "entry until it returns")
    region.add_argument("--between", help="BEGIN,END: from the entry of "
                        "function BEGIN to the entry of function END")
    ap.add_argument("--wait-states", type=int, default=0,
                    help="flash wait states added to each pipeline refill")
    ap.add_argument("--clock-mhz", type=float,
                    help="also print the estimate in milliseconds")
    ap.add_argument("--top", type=int, default=0,
                    help="print the N functions with most cycles")
    ap.add_argument("--hot", type=int, default=0,
                    help="print the N blocks with most cycles, disassembled")
    ap.add_argument("--json", type=pathlib.Path)
    a = ap.parse_args()
    call, stop = (a.call, None) if a.call else a.between.split(",")
    result = estimate(a.elf, a.core, call, stop, a.wait_states)
    total, functions = result.total, result.functions
    print(f"instructions: {total['instructions']}")
    print(f"cycles: {total['estimate']} (low {total['low']}, high "
          f"{total['high']})")
    if a.clock_mhz:
        print(f"ms at {a.clock_mhz:g} MHz: "
              f"{total['estimate'] / a.clock_mhz / 1000:.2f} "
              f"({total['low'] / a.clock_mhz / 1000:.2f}-"
              f"{total['high'] / a.clock_mhz / 1000:.2f})")
    if a.top:
        print("| function | instructions | cycles | low | high |")
        print("|---|---:|---:|---:|---:|")
        ranked = sorted(functions.items(), key=lambda f: -f[1]["estimate"])
        for name, c in ranked[:a.top]:
            print(f"| {name} | {c['instructions']} | {c['estimate']} | "
                  f"{c['low']} | {c['high']} |")
    ranked = sorted(result.blocks.items(), key=lambda b: -b[1]["estimate"])
    for addresses, c in ranked[:a.hot]:
        first = result.program[addresses[0]]
        print(f"\n{first.function} {addresses[0]:#x}: executed "
              f"{c['executions']} times, {c['estimate']} cycles "
              f"({c['estimate'] / total['estimate']:.1%}), "
              f"{c['estimate'] / c['executions']:.1f} a time")
        for address in addresses:
            insn = result.program[address]
            print(f"  {address:8x}  {insn.mnemonic:10} {insn.operands}")
    if a.json:
        a.json.write_text(json.dumps(
            {"total": dict(total),
             "functions": {k: dict(v) for k, v in functions.items()}},
            indent=1) + "\n")


if __name__ == "__main__":
    main()
