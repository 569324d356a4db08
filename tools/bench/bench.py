# SPDX-License-Identifier: Apache-2.0
"""make bench: the cost of virtualization, native against Bulwark, per board.

For each board the same benchmark guest (tests/guests/cases/bench.c) runs
twice under QEMU with -icount shift=0,align=off,sleep=off: natively (at
S-mode / EL1 on the bare machine) and as a VM under Bulwark. Every figure is
a deterministic count: the same inputs give the same numbers, run after run.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import colors  # noqa: E402
import report  # noqa: E402
import sizes  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "linux-guest"))
import session  # noqa: E402

SRCTREE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ICOUNT = ["-icount", "shift=0,align=off,sleep=off", "-rtc", "clock=vm"]

BOARDS = {
    "qemu_rv64": {"defconfig": "qemu_rv64_defconfig", "guest": "bench-rv64.bin",
                  "cross": "riscv64-linux-gnu-",
                  "irqchips": {"aplic": ("aplic.config", False),
                               "imsic": ("imsic.config", True)}},
    # RV32 (Documentation/boards.md): no breakdown (CONFIG_BENCH_BREAKDOWN needs 64BIT).
    "qemu_rv32": {"defconfig": "qemu_rv32_defconfig", "guest": "bench-rv32.bin",
                  "cross": "riscv64-unknown-elf-", "breakdown": False,
                  "irqchips": {"aplic": ("aplic.config", False),
                               "imsic": ("imsic.config", False)}},
    "qemu_aarch64": {"defconfig": "qemu_aarch64_defconfig", "guest": "bench-aarch64.elf",
                     "cross": "aarch64-linux-gnu-", "linux": True, "direct": True},
    # AArch32 (Documentation/arm32.md): no breakdown (the marks are 64-bit answers; no
    # bench-breakdown build for arm), no direct delivery (AArch64 only). Linux boots on one
    # CPU (tests/bench/qemu_arm-linux.vmconf says why).
    "qemu_arm": {"defconfig": "qemu_arm_defconfig", "guest": "bench-arm.elf",
                 "cross": "arm-linux-gnueabihf-", "breakdown": False,
                 "linux": True, "linux_kernel": "zImage", "linux_cpus": 1},
    # Armv8-R (Documentation/armv8r.md): the AArch32 guests on the Cortex-R52, which starts
    # in Hyp mode with no firmware; natively the guests' own Hyp stub starts the second CPU
    # and answers PSCI (tests/guests/lib/arm/hyp_stub.S). No breakdown, as on qemu_arm. The
    # boot figure runs on both CPUs (boot_smp): the machine starts both, and the hypervisor
    # waits for a CPU its configuration names (CONFIG_BOARD_NR_CPUS) before it gives up on it.
    "mps3_an536": {"defconfig": "mps3_an536_defconfig", "guest": "bench-arm.elf",
                   "cross": "arm-linux-gnueabihf-", "breakdown": False, "boot_smp": 2},
}

# Linux boot (boards with a Linux guest, tools/linux-guest): from the VM's first
# instruction to /init, read off the virtual counter (16 instructions a tick
# under -icount shift=0 at 62.5 MHz).
# Per board: tests/bench/<board>-linux.vmconf (boot figure), vmconf/<board>-linux.vmconf
# (the rt session), the kernel at ${O}/linux/<"linux_kernel", default Image>, the CPUs
# of the native boot <"linux_cpus", default LINUX_CPUS> (as many as the VM has).
LINUX_CPUS, LINUX_MEMORY = 3, "256M"
INIT_LINE = re.compile(r"bulwark-init: userspace reached at counter (\d+) \((\d+) Hz\)")
VM_START = re.compile(r"vm 'linux' boot 1: vCPU 0 enters at counter (\d+)")
NS_PER_INSN = 1  # -icount shift=0

# Interference (Documentation/benchmarks.md): the sentinel's first 1,000 ticks beside a VM
# that only spins, then beside one that attacks everything it does not own.
NEIGHBOURS = ("spin", "hostile")
SENTINEL_LINE = re.compile(r"sentinel: (\d+) ticks, worst lateness (\d+) ns, missed (\d+), "
                           r"corrupted (\d+), (\d+) ticks in (\d+) us")

# Direct interrupt delivery (boards with "direct"): the benchmark VM again with interrupts =
# direct (tests/bench/<board>-direct.vmconf); these figures get a "_direct" row against native.
DIRECT_FIGURES = ("timer_irq", "device_irq", "ipi")

# Other interrupt controllers of a board ("irqchips": name -> (fragment, breakdown)): the
# benchmark and doorbell layouts built again with the fragment, and the native guest run on
# the QEMU machine that build starts (-M virt,aia=...), each against its own native; these
# figures get a "_<name>" row, and with breakdown their parts too.
IRQCHIP_FIGURES = ("timer_irq", "device_irq", "ipi", "mmio")
IRQCHIPS = True  # --no-irqchips: the default interrupt controller only (make check's short pass)


def irqchips(desc):
    return desc.get("irqchips", {}) if IRQCHIPS else {}

# Figures the guest prints as distributions, and which statistic the table shows.
LATENCY_FIGURES = ("timer_irq", "device_irq", "ipi", "hypercall", "mmio")  # doorbell below
BENCH_LINE = re.compile(r"BENCH (\S+) (.*)$")

# Where the instructions go: the layouts built again with the trap-path marks of
# configs/bench-breakdown.config, whose guest then prints a BENCH_PARTS line per figure
# (Documentation/benchmarks.md). The main figures stay those of the normal build.
BREAKDOWN_FRAGMENT = "configs/bench-breakdown.config"
BREAKDOWN_KINDS = {"virt-breakdown": "virt", "ipc-breakdown": "ipc"}
PARTS_LINE = re.compile(r"BENCH_PARTS (\S+) (.*)$")
PARTS = ("entry", "decode", "model", "lines", "return", "exit", "guest")


class BenchError(Exception):
    pass


def run(cmd, **kw):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if proc.returncode != 0:
        raise BenchError(f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}")
    return proc.stdout


def make(out, *goals):
    env = dict(os.environ)
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    return run(["make", "-s", "-C", SRCTREE, f"O={out}"] + list(goals), env=env)


def build(board, out):
    """The VM builds (two vCPUs, and one for the boot figure); returns their dirs."""
    desc = BOARDS[board]
    dirs = {}
    layouts = {"virt": f"tests/bench/{board}.vmconf", "boot": f"tests/bench/{board}-boot.vmconf",
               "ipc": f"tests/bench/{board}-ipc.vmconf"}
    layouts.update({f"sentinel-{n}": f"tests/bench/{board}-sentinel-{n}.vmconf"
                    for n in NEIGHBOURS})
    if desc.get("breakdown", True):
        layouts.update({kind: layouts[of] for kind, of in BREAKDOWN_KINDS.items()})
    if desc.get("direct"):
        layouts["direct"] = f"tests/bench/{board}-direct.vmconf"
    fragments = {}
    for name, (fragment, breakdown) in irqchips(desc).items():
        for of in ("virt", "ipc"):
            layouts[f"{of}-{name}"] = layouts[of]
            fragments[f"{of}-{name}"] = fragment
            if breakdown and desc.get("breakdown", True):
                layouts[f"{of}-{name}-breakdown"] = layouts[of]
                fragments[f"{of}-{name}-breakdown"] = fragment
    for kind, layout in layouts.items():
        d = os.path.join(out, kind)
        extra = ([f"EXTRA_CONFIG={os.path.join(SRCTREE, BREAKDOWN_FRAGMENT)}"]
                 if kind in BREAKDOWN_KINDS or kind.endswith("-breakdown") else [])
        make(d, desc["defconfig"], *([fragments[kind]] if kind in fragments else []), *extra)
        make(d, f"VMCONF={layout}")
        dirs[kind] = d
    return dirs


def elf_entry(path):
    """The entry address of an ELF file (32 or 64 bits, little-endian)."""
    with open(path, "rb") as f:
        head = f.read(32)
    if head[:4] != b"\x7fELF":
        raise BenchError(f"{path}: not an ELF file")
    size = 4 if head[4] == 1 else 8
    return int.from_bytes(head[24:24 + size], "little")


def qemu_command(run_json, kernel, smp):
    """QEMU's command for a build's run.json: with KERNEL (a native guest's ELF) instead of
    the hypervisor, on SMP CPUs."""
    with open(run_json) as f:
        desc = json.load(f)
    args = list(desc["args"])
    if kernel and "-kernel" in args:
        # Natively the guest is the only software: on Arm it starts at EL1.
        args[args.index("-kernel") + 1] = kernel
        args = [a.replace("virtualization=on", "virtualization=off") for a in args]
    # A board started with QEMU's generic loader (mps3_an536: one loader per CPU, the
    # first with the ELF, the others with its entry): the native ELF takes the
    # hypervisor's place, and CPUs beyond SMP lose theirs.
    out = []
    for i, a in enumerate(args):
        if a.startswith("loader,") and i and args[i - 1] == "-device":
            opts = dict(o.split("=", 1) for o in a.split(",")[1:])
            if int(opts.get("cpu-num", "0")) >= smp:
                out.pop()
                continue
            if kernel and "file" in opts:
                opts["file"] = kernel
            elif kernel and "addr" in opts:
                opts["addr"] = hex(elf_entry(kernel))
            a = "loader," + ",".join(f"{k}={v}" for k, v in opts.items())
        out.append(a)
    return [desc["qemu"]] + out + ["-smp", str(smp), "-nographic", "-monitor", "none"] + ICOUNT


def parse_parts(output):
    """The guest's BENCH_PARTS lines: per figure its median sample's parts.

    {figure: {"n": .., "total": .., "exits": .., "parts": {part: count}}}; every part of
    PARTS is there (0 when the path has none) and they add up to total."""
    result = {}
    for line in output.splitlines():
        line = line.split("] ", 1)[-1] if line.startswith("[") else line
        m = PARTS_LINE.match(line.strip())
        if not m:
            continue
        fields = {k: int(v) for k, v in (kv.split("=") for kv in m.group(2).split())}
        missing = [p for p in PARTS if p not in fields]
        if missing or sum(fields[p] for p in PARTS) != fields.get("total"):
            raise BenchError(f"malformed breakdown line (missing {missing}, or parts that do "
                             f"not add up to total): {line}")
        result[m.group(1)] = {"n": fields["n"], "total": fields["total"],
                              "exits": fields["exits"], "parts": {p: fields[p] for p in PARTS}}
    return result


def parse(output, label):
    """The guest's BENCH lines, after checking it passed its own checks."""
    lines = [line.split("] ", 1)[-1] if line.startswith("[") else line
             for line in output.splitlines()]
    verdicts = [line for line in lines if re.fullmatch(r"\d+ passed, \d+ failed", line)]
    if not verdicts or not all(v.endswith(" 0 failed") for v in verdicts):
        raise BenchError(f"{label}: the benchmark guest did not pass its checks:\n"
                         + output[-3000:])
    figures = {}
    for line in lines:
        m = BENCH_LINE.match(line)
        if m:
            figures[m.group(1)] = {k: int(v) for k, v in
                                   (kv.split("=") for kv in m.group(2).split())}
    return figures


def boot_guest(cmd, label, parts=None):
    """Runs a benchmark guest to its end; its figures, and its breakdown into parts."""
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=300)
    except subprocess.TimeoutExpired:
        raise BenchError(f"{label}: QEMU did not finish in 300 s") from None
    text = proc.stdout.decode(errors="replace")
    figures = parse(text, label)
    found = parse_parts(text)
    if parts is None and found:
        raise BenchError(f"{label}: a normal build answered the bench-only hypercall "
                         f"(BENCH_PARTS for {', '.join(found)})")
    if parts is not None:
        parts.update(found)
    return figures


def measure_breakdown(dirs, board):
    """Each virtualized figure's parts, from the bench-breakdown builds."""
    result = {}
    for kind in BREAKDOWN_KINDS:
        parts = {}
        boot_guest(qemu_command(os.path.join(dirs[kind], "run.json"), None, 2),
                   f"{board} {kind}", parts)
        result.update(parts)
    if not result:
        raise BenchError(f"{board}: the bench-breakdown build printed no BENCH_PARTS line")
    return result


def measure_irqchip(dirs, board, desc, name, figures):
    """The latencies again under another interrupt controller, against native on its machine."""
    d = dirs[f"virt-{name}"]
    run_json = os.path.join(d, "run.json")
    native = boot_guest(qemu_command(run_json, os.path.join(d, "guests", "native", desc["guest"]),
                                     2), f"{board} native ({name})")
    virt = boot_guest(qemu_command(run_json, None, 2), f"{board} under Bulwark ({name})")
    ipc = boot_guest(qemu_command(os.path.join(dirs[f"ipc-{name}"], "run.json"), None, 2),
                     f"{board} doorbell under Bulwark ({name})")
    for fig in IRQCHIP_FIGURES:
        if fig in native and fig in virt:
            figures[f"{fig}_{name}"] = {"stat": "median", "unit": "instructions",
                                        "native": dict(native[fig], value=native[fig]["median"]),
                                        "virt": dict(virt[fig], value=virt[fig]["median"])}
    figures[f"doorbell_{name}"] = {"stat": "median", "unit": "instructions",
                                   "native": dict(native["ipi"], value=native["ipi"]["median"]),
                                   "virt": dict(ipc["doorbell"], value=ipc["doorbell"]["median"])}


def measure_irqchip_breakdown(dirs, board, name):
    """The parts of the figures under another interrupt controller, named <figure>_<name>."""
    parts = {}
    for of in ("virt", "ipc"):
        boot_guest(qemu_command(os.path.join(dirs[f"{of}-{name}-breakdown"], "run.json"), None,
                                2), f"{board} {of}-{name}-breakdown", parts)
    return {f"{fig}_{name}": b for fig, b in parts.items()}


def run_until(cmd, pattern, label, timeout=900):
    """Runs QEMU until a line matches pattern; returns everything printed by then."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out = []
    try:
        deadline = time.monotonic() + timeout
        for raw in proc.stdout:
            out.append(raw.decode(errors="replace"))
            if pattern.search(out[-1]):
                return "".join(out)
            if time.monotonic() > deadline:
                break
        raise BenchError(f"{label}: no line matching {pattern.pattern!r}:\n"
                         + "".join(out)[-3000:])
    finally:
        proc.kill()
        proc.wait()


def instructions(ticks, hz):
    """Counter ticks under -icount shift=0 (one instruction a nanosecond) as instructions."""
    return ticks * 1000000000 // (hz * NS_PER_INSN)


def measure_linux(out, board):
    """Debian's kernel to /init: natively (-smp N, EL1) and as a Bulwark VM of N vCPUs.

    Both boot with the device tree the build generated for the VM."""
    d = os.path.join(out, "linux")
    make(d, BOARDS[board]["defconfig"])
    with open(os.path.join(d, ".config"), "a") as f:
        f.write("CONFIG_LOG_LEVEL=3\n")  # prints the counter when the VM starts
    make(d, "olddefconfig")
    make(d, f"VMCONF=tests/bench/{board}-linux.vmconf")
    with open(os.path.join(d, "run.json")) as f:
        desc = json.load(f)
    args = list(desc["args"])
    virt_cmd = [desc["qemu"]] + args + ["-nographic", "-monitor", "none"] + ICOUNT
    text = run_until(virt_cmd, INIT_LINE, "Linux under Bulwark")
    start, init = VM_START.search(text), INIT_LINE.search(text)
    if not start:
        raise BenchError("Linux under Bulwark: the hypervisor did not print the VM start")
    hz = int(init.group(2))
    virt = instructions(int(init.group(1)) - int(start.group(1)), hz)
    args[args.index("-kernel") + 1] = os.path.join(d, "linux", BOARDS[board].get("linux_kernel", "Image"))
    args = [a.replace("virtualization=on", "virtualization=off") for a in args]
    cpus = BOARDS[board].get("linux_cpus", LINUX_CPUS)
    args[args.index("-smp") + 1] = str(cpus)
    args[args.index("-m") + 1] = LINUX_MEMORY
    # The same device tree as the VM's, so both boots probe the same hardware.
    native_cmd = [desc["qemu"]] + args + [
        "-dtb", os.path.join(d, "generated", "linux.dtb"),
        "-initrd", os.path.join(d, "linux", "initramfs.cpio"),
        "-append", "console=ttyAMA0 quiet", "-nographic", "-monitor", "none"] + ICOUNT
    init = INIT_LINE.search(run_until(native_cmd, INIT_LINE, "Linux native"))
    native = instructions(int(init.group(1)), int(init.group(2)))
    return {"stat": f"VM start to init, {cpus} CPU{'s' if cpus > 1 else ''}", "unit": "instructions",
            "native": {"value": native}, "virt": {"value": virt}}


def measure_linux_rt(out, board):
    """rt's worst lateness and missed periods beside Linux, through each phase of the session.

    The session of tests/system/test_linux.py (tools/linux-guest/session.py): boot, three busy
    CPUs with IPC round trips, reboot and second boot, poweroff. rt's reports are cumulative."""
    d = os.path.join(out, "linux-rt")
    make(d, BOARDS[board]["defconfig"])
    make(d, f"VMCONF=vmconf/{board}-linux.vmconf")
    log = os.path.join(d, "session.log")
    cmd = [sys.executable, os.path.join(SRCTREE, "tools", "qemu-run.py"), "--timeout", "900",
           "--log", log] + session.qemu_run_args() + [os.path.join(d, "run.json"), "--"] + ICOUNT
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with open(log, errors="replace") as f:
        text = f.read().replace("\r", "")
    phases = session.phase_reports(text)
    if proc.returncode != 0 or len(phases) != len(session.PHASES):
        raise BenchError(f"Linux + rt session: ended with {proc.returncode} after phases "
                         f"{list(phases)}; see {log}")
    return {"period_us": session.PERIOD_US, "units": {"worst_lateness": "us"},
            "phases": {name: {"periods": p, "worst_lateness": late, "missed": missed}
                       for name, (p, late, missed) in phases.items()}}


def measure_interference(dirs, board):
    """The sentinel's worst lateness and time for its first 1,000 ticks, per neighbour."""
    result = {"ticks": 1000, "units": {"worst_lateness": "ns", "time_for_ticks": "us"}}
    for neighbour in NEIGHBOURS:
        label = f"{board} sentinel beside {neighbour}"
        cmd = qemu_command(os.path.join(dirs[f"sentinel-{neighbour}"], "run.json"), None, 2)
        m = SENTINEL_LINE.search(run_until(cmd, SENTINEL_LINE, label, timeout=300))
        ticks, late, missed, corrupted, window, span = map(int, m.groups())
        if corrupted:
            raise BenchError(f"{label}: the sentinel's canary was corrupted {corrupted} times")
        result[neighbour] = {"worst_lateness": late, "time_for_ticks": span, "missed": missed}
    spin, hostile = result["spin"], result["hostile"]
    # hostile / spin; two zeros are equal (1.0), not an infinite ratio.
    result["ratio"] = {k: hostile[k] / spin[k] if spin[k] else (1.0 if not hostile[k] else None)
                       for k in ("worst_lateness", "time_for_ticks")}
    return result


def measure_board(board, out):
    desc = BOARDS[board]
    dirs = build(board, out)
    native_guest = os.path.join(dirs["virt"], "guests", "native", desc["guest"])
    run_json = os.path.join(dirs["virt"], "run.json")
    boot_json = os.path.join(dirs["boot"], "run.json")
    native = boot_guest(qemu_command(run_json, native_guest, 2), f"{board} native")
    virt = boot_guest(qemu_command(run_json, None, 2), f"{board} under Bulwark")
    boot_smp = desc.get("boot_smp", 1)
    native_boot = boot_guest(qemu_command(boot_json, native_guest, boot_smp),
                             f"{board} native boot")
    virt_boot = boot_guest(qemu_command(boot_json, None, boot_smp), f"{board} boot under Bulwark")
    ipc = boot_guest(qemu_command(os.path.join(dirs["ipc"], "run.json"), None, 2),
                     f"{board} doorbell under Bulwark")

    figures = {}
    for name in LATENCY_FIGURES:
        if name in native and name in virt:
            figures[name] = {"stat": "median", "unit": "instructions",
                             "native": dict(native[name], value=native[name]["median"]),
                             "virt": dict(virt[name], value=virt[name]["median"])}
    if desc.get("direct"):
        direct = boot_guest(qemu_command(os.path.join(dirs["direct"], "run.json"), None, 2),
                            f"{board} direct under Bulwark")
        for name in DIRECT_FIGURES:
            if name in native and name in direct:
                figures[name + "_direct"] = {
                    "stat": "median", "unit": "instructions",
                    "native": dict(native[name], value=native[name]["median"]),
                    "virt": dict(direct[name], value=direct[name]["median"])}
    for name in irqchips(desc):
        measure_irqchip(dirs, board, desc, name, figures)
    # VM to VM through an IPC doorbell, against the native IPI between two CPUs.
    figures["doorbell"] = {"stat": "median", "unit": "instructions",
                           "native": dict(native["ipi"], value=native["ipi"]["median"]),
                           "virt": dict(ipc["doorbell"], value=ipc["doorbell"]["median"])}
    work_native = sum(v["value"] for k, v in native.items() if k.startswith("work_"))
    work_virt = sum(v["value"] for k, v in virt.items() if k.startswith("work_"))
    for name in sorted(k for k in native if k.startswith("work_")):
        figures[name] = {"stat": "total", "unit": "instructions",
                         "native": native[name], "virt": virt[name]}
    figures["work_all"] = {"stat": "total", "unit": "instructions",
                           "native": {"value": work_native}, "virt": {"value": work_virt}}
    figures["boot"] = {"stat": "to guest", "unit": "instructions",
                       "native": native_boot["boot"], "virt": virt_boot["boot"]}
    breakdown = measure_breakdown(dirs, board) if desc.get("breakdown", True) else {}
    for name, (_, parts) in irqchips(desc).items():
        if parts and desc.get("breakdown", True):
            breakdown.update(measure_irqchip_breakdown(dirs, board, name))
    for name, b in breakdown.items():
        if name in figures:
            b["figure"] = figures[name]["virt"]["value"]
    result = {"figures": figures, "breakdown": breakdown,
              "interference": measure_interference(dirs, board),
              "image": sizes.measure(dirs["virt"], SRCTREE, desc["cross"])}
    if desc.get("linux"):
        figures["linux_boot"] = measure_linux(out, board)
        result["linux_rt"] = measure_linux_rt(out, board)
        # The same build's layout and files, placed with coloring off and on.
        result["colors"] = colors.measure(SRCTREE, board, os.path.join(out, "linux-rt"),
                                          os.path.join(SRCTREE, "vmconf", f"{board}-linux.vmconf"))
    return result


def measure_defconfig_sizes(out):
    """Image size and compiled source lines of every shipped defconfig (default layouts)."""
    result = {}
    for name in sorted(os.listdir(os.path.join(SRCTREE, "configs"))):
        if not name.endswith("_defconfig"):
            continue
        board = name[:-len("_defconfig")]
        if board not in BOARDS:
            continue
        d = os.path.join(out, "size", name)
        make(d, name)
        make(d)
        result[name] = sizes.measure(d, SRCTREE, BOARDS[board]["cross"])
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--objtree", required=True, help="where to build and write results")
    ap.add_argument("boards", nargs="*", help=f"boards (default all: {', '.join(BOARDS)})")
    ap.add_argument("--no-sizes", action="store_true", help="skip the per-defconfig sizes")
    ap.add_argument("--no-irqchips", action="store_true",
                    help="skip the rows of the boards' other interrupt controllers")
    args = ap.parse_args()
    global IRQCHIPS
    IRQCHIPS = not args.no_irqchips
    boards = args.boards or list(BOARDS)
    for board in boards:
        if board not in BOARDS:
            sys.exit(f"bench: no benchmark for board '{board}' (have: {', '.join(BOARDS)})")
    os.makedirs(args.objtree, exist_ok=True)
    try:
        results = {board: measure_board(board, os.path.join(args.objtree, board))
                   for board in boards}
        defconfig_sizes = {} if args.no_sizes else measure_defconfig_sizes(args.objtree)
    except BenchError as err:
        sys.exit(f"bench: error: {err}")
    print(report.table(results))
    for name, s in defconfig_sizes.items():
        sz = s["size"]
        print(f"{name:<26} text {sz['text']:>7} B  data {sz['data']:>6} B  bss {sz['bss']:>7} B"
              f"  bin {sz['bin']:>7} B  {s['source_lines']:>6} source lines")
    out_json = os.path.join(args.objtree, "results.json")
    report.write_json({"boards": results, "defconfigs": defconfig_sizes}, out_json)
    chart = os.path.join(args.objtree, "latency.png")
    drawn = report.write_chart(results, chart)
    print(f"\nresults: {out_json}" + (f"\nchart:   {chart}" if drawn else
                                       "\nchart:   not drawn (install gnuplot-nox)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
