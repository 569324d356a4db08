# SPDX-License-Identifier: Apache-2.0
"""Benchmark results for people (a table), for programs (JSON) and as a chart (PNG)."""

import json
import os
import shutil
import subprocess

LATENCIES = ("timer_irq", "device_irq", "ipi", "doorbell", "hypercall", "mmio")
PARTS = ("entry", "decode", "model", "lines", "return", "exit", "guest")


def ratio(native, virt):
    return virt / native if native else float("inf")


def table(results):
    """The terminal table: one block per board."""
    lines = []
    for board, r in sorted(results.items()):
        lines.append(f"{board}  (counts are guest-visible instructions under QEMU -icount, "
                     "see Documentation/benchmarks.md)")
        lines.append(f"  {'figure':<26}{'native':>12}{'bulwark':>12}{'ratio':>8}   "
                     f"{'virt min / p99 / max':>26}")
        for name, fig in r["figures"].items():
            n, v = fig["native"], fig["virt"]
            spread = ""
            if "min" in v:
                spread = f"{v['min']} / {v['p99']} / {v['max']}"
            lines.append(f"  {name + ' (' + fig['stat'] + ')':<26}{n['value']:>12}"
                         f"{v['value']:>12}{ratio(n['value'], v['value']):>8.2f}   {spread:>26}")
        lines += breakdown_table(r.get("breakdown"))
        i = r.get("interference")
        if i:
            lines.append(f"  interference: the sentinel's first {i['ticks']} ticks (1 ms period) "
                         "beside a VM that")
            lines.append(f"  {'':<26}{'spins':>12}{'attacks':>12}{'ratio':>8}")
            for key, what in (("worst_lateness", "worst lateness"),
                              ("time_for_ticks", f"{i['ticks']} ticks")):
                r_ = i["ratio"][key]
                lines.append(f"  {what + ' (' + i['units'][key] + ')':<26}{i['spin'][key]:>12}"
                             f"{i['hostile'][key]:>12}"
                             + (f"{r_:>8.3f}" if r_ is not None else f"{'-':>8}"))
        lr = r.get("linux_rt")
        if lr:
            lines.append(f"  real-time VM beside Linux ({lr['period_us']} us period; "
                         "cumulative after each phase)")
            lines.append(f"  {'phase':<26}{'periods':>12}{'worst (us)':>12}{'missed':>8}")
            for name, ph in lr["phases"].items():
                lines.append(f"  {name:<26}{ph['periods']:>12}{ph['worst_lateness']:>12}"
                             f"{ph['missed']:>8}")
        lines += colors_table(r.get("colors"))
        s = r.get("image", {})
        if s:
            lines.append(f"  image: text {s['size']['text']} B, data {s['size']['data']} B, "
                         f"bss {s['size']['bss']} B, bin {s['size']['bin']} B "
                         f"(+{s['size']['guest_images']} B guests); "
                         f"{s['source_lines']} source lines in {s['source_files']} files")
        lines.append("")
    return "\n".join(lines)


def colors_table(c):
    """Cache colors: how many of the real-time VM's pages share a color with its neighbour."""
    if not c:
        return []
    if "note" in c:
        return [f"  cache colors: {c['note']}"]
    out = [f"  cache colors: pages of '{c['rt']}' whose color '{c['other']}' also uses "
           f"(placement, not timing)"]
    for key, what in (("off", "coloring off"), ("on", "coloring on")):
        x = c[key]
        out.append(f"  {what:<26}{'pages':>8}{x['pages']:>7}  colliding{x['colliding']:>7}"
                   f"  colors{x['rt_colors']:>4}{x['other_colors']:>4}")
    return out


def breakdown_table(breakdown):
    """The parts of each virtualized figure (bench-breakdown build, its median sample)."""
    if not breakdown:
        return []
    lines = ["  where the instructions go (bench-breakdown build: its median sample, marks "
             "included; see Documentation/benchmarks.md)",
             f"  {'figure':<14}{'bulwark':>8}{'marked':>8}{'exits':>6}"
             + "".join(f"{p:>8}" for p in PARTS)]
    order = [n for n in LATENCIES if n in breakdown] + sorted(set(breakdown) - set(LATENCIES))
    for name in order:
        b = breakdown[name]
        figure = b.get("figure")
        lines.append(f"  {name:<14}{figure if figure is not None else '-':>8}{b['total']:>8}"
                     f"{b['exits']:>6}" + "".join(f"{b['parts'][p]:>8}" for p in PARTS))
    return lines


def write_json(results, path):
    with open(path, "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
        f.write("\n")


def write_chart(results, path):
    """A bar chart of native against virtualized latencies; needs gnuplot."""
    if not shutil.which("gnuplot"):
        return False
    data = path + ".dat"
    with open(data, "w") as f:
        for board, r in sorted(results.items()):
            for name in LATENCIES:
                fig = r["figures"].get(name)
                if fig:
                    f.write(f'"{board}\\n{name}" {fig["native"]["value"]} '
                            f'{fig["virt"]["value"]}\n')
    script = f"""
set terminal pngcairo size 1200,600 noenhanced
set output '{path}'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y
set ylabel 'instructions (log scale)'
set title 'Bulwark: interrupt, IPI, hypercall and MMIO latency, native vs virtualized'
set xtics rotate by -30 font ',9'
set key top left
plot '{data}' using 2:xtic(1) title 'native', '' using 3 title 'under Bulwark'
"""
    proc = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    if proc.returncode != 0:
        # gnuplot-nox has no cairo on some systems: fall back to the png terminal.
        proc = subprocess.run(["gnuplot"], input=script.replace("pngcairo", "png"),
                              text=True, capture_output=True)
    os.remove(data)
    return proc.returncode == 0
