# SPDX-License-Identifier: Apache-2.0
"""A short pass of make bench: it works, and its counts repeat exactly."""

import json
import os
import subprocess
import sys

import pytest

from bulwark_test import SRCTREE

sys.path.insert(0, str(SRCTREE / "tools/bench"))
import bench as bench_tool  # noqa: E402

FIGURES = {"timer_irq", "device_irq", "ipi", "doorbell", "hypercall", "mmio", "work_crc32", "work_sha256",
           "work_qsort", "work_matmul", "work_all", "boot"}


def bench(out):
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/bench/bench.py"),
                           "--objtree", str(out), "--no-sizes", "--no-irqchips", "qemu_rv64"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=900)
    assert proc.returncode == 0, proc.stdout
    return proc.stdout, json.loads((out / "results.json").read_text())


def rerun(out, kind, smp):
    """The figures of one of bench.py's runs again, from the build it made."""
    run_json = out / "qemu_rv64" / kind / "run.json"
    return bench_tool.boot_guest(bench_tool.qemu_command(str(run_json), None, smp), kind)


def test_bench_runs_and_is_deterministic(tmp_path):
    first_out, first = bench(tmp_path)
    figures = first["boards"]["qemu_rv64"]["figures"]
    assert set(figures) == FIGURES
    for name, fig in figures.items():
        assert fig["native"]["value"] > 0 and fig["virt"]["value"] > 0, name
    # The interference figure: the sentinel beside a spinning VM and beside a hostile one
    # (its values are measured, never asserted on).
    interference = first["boards"]["qemu_rv64"]["interference"]
    for neighbour in ("spin", "hostile"):
        assert {"worst_lateness", "time_for_ticks", "missed"} <= set(interference[neighbour])
        assert all(isinstance(v, int) for v in interference[neighbour].values()), interference
    assert set(interference["ratio"]) == {"worst_lateness", "time_for_ticks"}, interference
    assert "interference" in first_out and "worst lateness (ns)" in first_out, first_out
    # The same builds run again give the same counts: the virtualized figures, the doorbell
    # and the boot (a whole second bench.py run would only repeat the builds).
    again = rerun(tmp_path, "virt", 2)
    for name in ("timer_irq", "device_irq", "ipi", "hypercall", "mmio"):
        assert again[name]["median"] == figures[name]["virt"]["value"], name
    assert rerun(tmp_path, "ipc", 2)["doorbell"]["median"] == \
        figures["doorbell"]["virt"]["value"], "doorbell"
    again["boot_to_guest"] = rerun(tmp_path, "boot", 1)["boot"]
    for name in ("work_crc32", "work_sha256", "work_qsort", "work_matmul"):
        assert again[name] == figures[name]["virt"], name
    assert again["boot_to_guest"] == figures["boot"]["virt"], "boot count differs"
    assert "timer_irq (median)" in first_out and "ratio" in first_out
    # Where the instructions go: every virtualized latency split into parts (their values are
    # measured, never asserted on), no more than the breakdown build's own figure.
    breakdown = first["boards"]["qemu_rv64"]["breakdown"]
    assert set(breakdown) == {"timer_irq", "device_irq", "ipi", "doorbell", "hypercall", "mmio"}
    for name, b in breakdown.items():
        assert set(b["parts"]) == set(bench_tool.PARTS), name
        assert sum(b["parts"].values()) == b["total"], name
    assert "where the instructions go" in first_out, first_out
    assert (tmp_path / "latency.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# The breakdown build on both arches: the guest's BENCH_PARTS lines for every latency it
# measures, whose parts add up to the median sample's total, which is the figure of that run.
# (qemu_rv64's breakdown is checked by the whole bench run above.)
@pytest.mark.parametrize("board", ["qemu_aarch64"])
def test_breakdown_parts_add_up(board, tmp_path):
    dirs = {}
    for kind, layout in (("virt", f"tests/bench/{board}.vmconf"),
                         ("ipc", f"tests/bench/{board}-ipc.vmconf")):
        d = str(tmp_path / kind)
        bench_tool.make(d, bench_tool.BOARDS[board]["defconfig"],
                        f"EXTRA_CONFIG={SRCTREE / bench_tool.BREAKDOWN_FRAGMENT}")
        bench_tool.make(d, f"VMCONF={layout}")
        dirs[kind] = d
    figures, parts = {}, {}
    for kind, d in dirs.items():
        figures.update(bench_tool.boot_guest(
            bench_tool.qemu_command(os.path.join(d, "run.json"), None, 2), kind, parts))
    latencies = {name for name, f in figures.items() if "median" in f}
    assert latencies >= {"timer_irq", "ipi", "hypercall", "mmio", "doorbell"}, figures
    assert set(parts) == latencies, parts
    for name, p in parts.items():
        assert set(p["parts"]) == set(bench_tool.PARTS), (name, p)
        assert sum(p["parts"].values()) == p["total"] == figures[name]["median"], (name, p)
        # A trapped path shows its exits; only a path that never leaves the guest has none.
        assert (p["exits"] == 0) == (p["parts"]["guest"] == p["total"]), (name, p)
    for name in ("hypercall", "mmio", "ipi", "doorbell"):
        assert parts[name]["exits"] >= 1 and parts[name]["parts"]["decode"] > 0, parts[name]
    # The same guest natively: the firmware's answer to the unknown call is no mark, and the
    # guest neither hangs on it nor prints parts (boot_guest refuses them without parts=).
    native = bench_tool.boot_guest(bench_tool.qemu_command(
        os.path.join(dirs["virt"], "run.json"),
        os.path.join(dirs["virt"], "guests", "native", bench_tool.BOARDS[board]["guest"]), 2),
        "native")
    assert "timer_irq" in native


# mps3_an536: natively the Cortex-R52 starts in Hyp mode with no firmware, and the guests'
# own Hyp stub drops it to PL1, starts the second CPU and answers PSCI (hyp_stub.S).
@pytest.mark.parametrize("board", ["qemu_arm", "mps3_an536"])
def test_arm32_benchmark_guest(tmp_path, board):
    """The AArch32 boards' part of make bench, short: the benchmark VM's build, natively and
    under Bulwark, gives every latency and workload figure (the guest checks its own
    workloads' results), and the virtualized run repeats exactly. The whole board: make
    bench."""
    d = str(tmp_path / "virt")
    bench_tool.make(d, bench_tool.BOARDS[board]["defconfig"])
    bench_tool.make(d, f"VMCONF=tests/bench/{board}.vmconf")
    run_json = os.path.join(d, "run.json")
    native_guest = os.path.join(d, "guests", "native", bench_tool.BOARDS[board]["guest"])
    native = bench_tool.boot_guest(bench_tool.qemu_command(run_json, native_guest, 2), "native")
    virt = bench_tool.boot_guest(bench_tool.qemu_command(run_json, None, 2), "virt")
    names = {"timer_irq", "device_irq", "ipi", "hypercall", "mmio", "boot", "work_crc32",
             "work_sha256", "work_qsort", "work_matmul"}
    assert names <= set(native) and names <= set(virt), (native, virt)
    for name in ("work_crc32", "work_sha256", "work_qsort", "work_matmul"):
        assert native[name]["value"] > 0 and virt[name]["value"] > 0, name
    again = bench_tool.boot_guest(bench_tool.qemu_command(run_json, None, 2), "virt again")
    for name in ("timer_irq", "device_irq", "ipi", "hypercall", "mmio"):
        assert again[name]["median"] == virt[name]["median"], name
