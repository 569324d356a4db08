# SPDX-License-Identifier: Apache-2.0
"""make bench's breakdown: the guest's BENCH_PARTS lines, the table that shows them, and a
default build that has neither the trap-path marks nor the hypercall that reads them."""

import re
import subprocess
import sys

import pytest

from bulwark_test import SRCTREE, make_ok

sys.path.insert(0, str(SRCTREE / "tools/bench"))
import bench  # noqa: E402
import report  # noqa: E402

GUEST_OUTPUT = """\
[bench] BENCH timer_irq n=1000 min=1152 median=1168 p99=1168 max=1168
[bench] BENCH_PARTS timer_irq n=1000 total=1168 exits=1 entry=86 decode=69 model=176 lines=509 return=191 exit=137 guest=0
[bench] BENCH hypercall n=1000 min=384 median=384 p99=400 max=400
[bench] BENCH_PARTS hypercall n=1000 total=384 exits=1 entry=80 decode=60 model=54 lines=0 return=121 exit=69 guest=0
[bench] 7 passed, 0 failed
"""


def test_parts_lines_are_parsed_apart_from_the_figures():
    parts = bench.parse_parts(GUEST_OUTPUT)
    assert set(parts) == {"timer_irq", "hypercall"}
    assert parts["timer_irq"] == {"n": 1000, "total": 1168, "exits": 1, "parts": {
        "entry": 86, "decode": 69, "model": 176, "lines": 509, "return": 191, "exit": 137,
        "guest": 0}}
    # The figures themselves do not take the BENCH_PARTS lines for figures.
    assert set(bench.parse(GUEST_OUTPUT, "test")) == {"timer_irq", "hypercall"}


@pytest.mark.parametrize("bad", [
    "BENCH_PARTS mmio n=1000 total=100 exits=1 entry=50 decode=50 model=0 lines=0 return=0 "
    "exit=1 guest=0",  # one more than the total
    "BENCH_PARTS mmio n=1000 total=100 exits=1 entry=50 decode=50 model=0 lines=0 return=0 "
    "exit=0",  # no guest part
])
def test_parts_that_do_not_add_up_are_refused(bad):
    with pytest.raises(bench.BenchError, match="malformed breakdown"):
        bench.parse_parts(bad + "\n")


def test_table_shows_the_breakdown_under_the_figures():
    parts = bench.parse_parts(GUEST_OUTPUT)
    parts["timer_irq"]["figure"] = 1104
    fig = {"stat": "median", "unit": "instructions", "native": {"value": 112},
           "virt": {"value": 1104, "min": 1008, "p99": 1104, "max": 1104}}
    text = report.table({"qemu_aarch64": {"figures": {"timer_irq": fig}, "breakdown": parts}})
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if "where the instructions go" in line)
    assert head > next(i for i, line in enumerate(lines) if "timer_irq (median)" in line)
    assert lines[head + 1].split() == ["figure", "bulwark", "marked", "exits", "entry", "decode",
                                       "model", "lines", "return", "exit", "guest"]
    assert lines[head + 2].split() == ["timer_irq", "1104", "1168", "1", "86", "69", "176", "509",
                                       "191", "137", "0"]
    assert lines[head + 3].split()[:3] == ["hypercall", "-", "384"]


def symbols(elf):
    out = subprocess.run(["nm", str(elf)], stdout=subprocess.PIPE, text=True, check=True).stdout
    return {line.split()[-1] for line in out.splitlines()}


def test_marks_only_in_the_breakdown_build(rv64_build, tmp_path):
    assert not {"bench_mark", "bench_marks_hypercall"} & symbols(rv64_build / "bulwark.elf")
    make_ok("qemu_rv64_defconfig", f"EXTRA_CONFIG={SRCTREE}/configs/bench-breakdown.config",
            O=tmp_path)
    make_ok(O=tmp_path)
    assert {"bench_mark", "bench_marks_hypercall"} <= symbols(tmp_path / "bulwark.elf")


def test_every_qemu_board_has_its_benchmark():
    """make bench-all covers every shipped QEMU defconfig, and each board's layouts exist."""
    boards = {p.name[:-len("_defconfig")] for p in (SRCTREE / "configs").glob("qemu_*_defconfig")}
    assert boards <= set(bench.BOARDS), boards - set(bench.BOARDS)
    for board, desc in bench.BOARDS.items():
        kinds = ["", "-boot", "-ipc"] + [f"-sentinel-{n}" for n in bench.NEIGHBOURS]
        kinds += ["-direct"] if desc.get("direct") else []
        kinds += ["-linux"] if desc.get("linux") else []
        for kind in kinds:
            layout = SRCTREE / "tests/bench" / f"{board}{kind}.vmconf"
            assert layout.is_file(), layout
            # Each layout names its own board's guests.
            arch = desc["guest"].rsplit("-", 1)[1].split(".")[0]
            images = re.findall(r'"\$\{O\}/guests/([^"]+)"', layout.read_text())
            for image in images:
                assert image.endswith(f"-{arch}.bin"), (layout, image)


def test_color_collisions_of_rt_beside_linux(tmp_path):
    """The Linux demo layout: every rt page shares its color with Linux, then none does."""
    import colors
    (tmp_path / "linux").mkdir()
    (tmp_path / "guests").mkdir()
    for name in ("linux/Image", "linux/initramfs.cpio", "guests/rt-aarch64.bin"):
        (tmp_path / name).write_bytes(bytes(4096))
    (tmp_path / ".config").write_text("CONFIG_MMU=y\nCONFIG_NR_CPUS=4\nCONFIG_MAX_VMS=8\n"
                                      "CONFIG_IPC_GPIO=y\n# CONFIG_CACHE_COLORING is not set\n")
    result = colors.measure(str(SRCTREE), "qemu_aarch64", str(tmp_path),
                            str(SRCTREE / "vmconf/qemu_aarch64-linux.vmconf"))
    assert result["off"]["pages"] == 512 and result["off"]["colliding"] == 512, result
    assert result["on"]["pages"] == 512 and result["on"]["colliding"] == 0, result
    assert (result["on"]["rt_colors"], result["on"]["other_colors"]) == (2, 14), result
    lines = report.colors_table(result)
    assert lines[1].split() == ["coloring", "off", "pages", "512", "colliding", "512", "colors",
                                "16", "16"], lines
    assert lines[2].split() == ["coloring", "on", "pages", "512", "colliding", "0", "colors",
                                "2", "14"], lines
