# SPDX-License-Identifier: Apache-2.0
"""A short pass of make bench: it works, and its counts repeat exactly."""

import json
import subprocess
import sys

from bulwark_test import SRCTREE

FIGURES = {"timer_irq", "device_irq", "ipi", "doorbell", "hypercall", "mmio", "work_crc32", "work_sha256",
           "work_qsort", "work_matmul", "work_all", "boot"}


def bench(out):
    proc = subprocess.run([sys.executable, str(SRCTREE / "tools/bench/bench.py"),
                           "--objtree", str(out), "--no-sizes", "qemu_rv64"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=900)
    assert proc.returncode == 0, proc.stdout
    return proc.stdout, json.loads((out / "results.json").read_text())


def test_bench_runs_and_is_deterministic(tmp_path):
    first_out, first = bench(tmp_path)
    second_out, second = bench(tmp_path)
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
    assert first == second, "two runs of the benchmark gave different counts"
    assert "timer_irq (median)" in first_out and "ratio" in first_out
    assert (tmp_path / "latency.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
