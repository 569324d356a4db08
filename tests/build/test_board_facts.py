# SPDX-License-Identifier: Apache-2.0
"""Every board's hardware facts against the vendor's device tree (Debian's
DTBs, tools/boardfacts/fetch-dtbs.sh) or its committed reference.facts; a
wrong fact fails with the field and both values; a board drafted from a DTB
loads and checks clean; every board's defconfig and layout give vmconf-show."""

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bulwark_test import SRCTREE, make

PY = sys.executable
TOOL = SRCTREE / "tools/boardfacts/boardfacts.py"
sys.path.insert(0, str(SRCTREE / "tools/vmconf"))

from vmconflib.board import load_board  # noqa: E402


def dtb_cache():
    base = os.environ.get("BULWARK_CHECK_OBJTREE") or str(SRCTREE / "build" / "check")
    return os.path.join(base, "board-dtbs")


@pytest.fixture(scope="module")
def dtb_dir():
    """Debian's DTBs, fetched once into the check build's cache (never the source tree)."""
    proc = subprocess.run([str(SRCTREE / "tools/boardfacts/fetch-dtbs.sh"), dtb_cache()],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip().splitlines()[-1]


def checked_boards():
    """Boards whose board.hw names a reference (the QEMU machines name none)."""
    out = []
    for hw in sorted((SRCTREE / "boards").glob("*/board.hw")):
        if load_board(str(hw)).reference:
            out.append(hw.parent.name)
    return out


def check(dtb_dir, *dirs):
    return subprocess.run([PY, str(TOOL), "check", "-v", "--dtb-dir", dtb_dir] +
                          [str(d) for d in dirs], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=120)


def test_every_board_matches_its_reference(dtb_dir):
    boards = checked_boards()
    assert {"zcu102", "rpi4", "imx8mq_evk", "bbai64",
            "jetson_tx2", "cva6_genesys2", "rocket_zcu104", "fvp_base",
            "fvp_base_aarch32", "stm32mp157_dk2"} <= set(boards), boards
    res = check(dtb_dir)
    assert res.returncode == 0, res.stdout
    for board in boards:
        assert f"OK      {board} " in res.stdout, res.stdout


def copy_board(tmp_path, board):
    dest = tmp_path / board
    shutil.copytree(SRCTREE / "boards" / board, dest)
    return dest


@pytest.mark.parametrize("board,old,new,field,says,ref", [
    ("zcu102", "irqs  = [53]", "irqs  = [52]", "console.irqs", "[52]", "[53]"),
    ("zcu102", "cpu_ids   = [0x0, 0x1, 0x2, 0x3]", "cpu_ids   = [0x0, 0x1, 0x2, 0x3, 0x100]",
     "cpu_ids", "[0x0, 0x1, 0x2, 0x3, 0x100]", "[0x0, 0x1, 0x2, 0x3]"),
    ("zcu102", "base = 0xf902f000", "base = 0xf9020000", "gicc", "0xf9020000", "0xf902f000"),
    ("zcu102", "irqs = [58, 59]", "irqs = [58, 60]", "device 'rtc'.irqs", "[58, 60]",
     "[58, 59]"),
    ("imx8mq_evk", "base  = 0x30860000", "base  = 0x30890000", "console.base", "0x30890000",
     "0x30860000"),
    ("bbai64", "reg_shift = 2 ", "reg_shift = 0 ", "console.reg_shift", "0", "2"),
    ("jetson_tx2", "irqs  = [144]", "irqs  = [145]", "console.irqs", "[145]", "[144]"),
    ("stm32mp157_dk2", "irqs  = [84]", "irqs  = [85]", "console.irqs", "[85]", "[84]"),
    # The FVP's UART interrupt reaches the GIC through the motherboard bus's interrupt-map.
    ("fvp_base", "irqs  = [37]", "irqs  = [39]", "console.irqs", "[39]", "[37]"),
    # An AArch32 board lists only the DTB's RAM below 4 GiB; that is still compared.
    ("fvp_base_aarch32", "size = 2G", "size = 1G", "memory", "0x80000000+0x40000000",
     "0x80000000+0x80000000"),
    ("fvp_base", "0x10200, 0x10300]", "0x10200, 0x10301]", "cpu_ids",
     "[0x0, 0x100, 0x200, 0x300, 0x10000, 0x10100, 0x10200, 0x10301]",
     "[0x0, 0x100, 0x200, 0x300, 0x10000, 0x10100, 0x10200, 0x10300]"),
    ("rpi4", "size = 0x3b400000", "size = 0x3c000000", "memory", "0x0+0x3c000000",
     "0x0+0x3b400000"),
    ("cva6_genesys2", "reg_width = 4 ", "reg_width = 1 ", "console.reg_width", "1", "4"),
    ("cva6_genesys2", "size = 1G", "size = 2G", "memory", "0x80000000+0x80000000",
     "0x80000000+0x40000000"),
    ("rocket_zcu104", "base  = 0xff010000", "base  = 0xff020000", "console.base",
     "0xff020000", "0xff010000"),
    ("rocket_zcu104", "timebase  = 1000000 ", "timebase  = 10000000", "timebase", "10000000",
     "1000000"),
    ("rpi4", "timer_irqs = [29, 30, 27, 26]", "timer_irqs = [29, 30, 27, 25]", "timer_irqs",
     "[29, 30, 27, 25]", "[29, 30, 27, 26]"),
])
def test_a_wrong_fact_names_field_and_both_values(tmp_path, dtb_dir, board, old, new, field,
                                                  says, ref):
    dest = copy_board(tmp_path, board)
    hw = dest / "board.hw"
    text = hw.read_text()
    assert old in text
    hw.write_text(text.replace(old, new, 1))
    res = check(dtb_dir, dest)
    assert res.returncode == 1, res.stdout
    assert f"board '{board}': {field}: board.hw says {says}, " in res.stdout, res.stdout
    assert f" says {ref}" in res.stdout.split(f"{field}: board.hw says {says}, ")[1], res.stdout


def test_a_hypervisor_device_is_checked_too(tmp_path, dtb_dir):
    """A device the hypervisor drives itself (the Pi's power manager, which
    it powers off with) is checked like those VMs may be given."""
    dest = copy_board(tmp_path, "rpi4")
    hw = dest / "board.hw"
    hw.write_text(hw.read_text().replace("base  = 0xfe100000", "base  = 0xfe110000", 1))
    res = check(dtb_dir, dest)
    assert res.returncode == 1, res.stdout
    assert ("board 'rpi4': device 'pm'.base: board.hw says 0xfe110000, Debian DTB "
            "broadcom/bcm2711-rpi-4-b.dtb + reference.facts has no device there") in res.stdout


def test_reference_facts_cannot_override_the_dtb(tmp_path, dtb_dir):
    dest = copy_board(tmp_path, "zcu102")
    (dest / "reference.facts").write_text("console.base = 0xff010000  # not what the DTB says\n")
    res = check(dtb_dir, dest)
    assert res.returncode == 1
    assert "console.base is in the DTB (0xff000000)" in res.stdout, res.stdout


@pytest.mark.parametrize("dtb,name", [("xilinx/zynqmp-zcu102-rev1.0.dtb", "zcu102_draft"),
                                      ("freescale/imx8mq-evk.dtb", "imx8mq_draft"),
                                      ("arm/fvp-base-revc.dtb", "fvp_draft")])
def test_board_drafted_from_a_dtb_loads_and_checks_clean(tmp_path, dtb_dir, dtb, name):
    board = tmp_path / name
    board.mkdir()
    res = subprocess.run([PY, str(TOOL), "draft", os.path.join(dtb_dir, dtb), name,
                          "-o", str(board / "board.hw")], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    assert res.returncode == 0, res.stdout
    drafted = load_board(str(board / "board.hw"))
    assert drafted.console is not None and drafted.cpu_ids and drafted.banks
    assert drafted.reference == "dtb:" + dtb
    res = check(dtb_dir, board)
    assert res.returncode == 0 and f"OK      {name} " in res.stdout, res.stdout


def test_make_board_from_dtb(tmp_path, dtb_dir):
    out = tmp_path / "made"
    res = make("board-from-dtb", f"DTB={dtb_dir}/xilinx/zynqmp-zcu104-revC.dtb",
               "BOARD=my_zcu104", f"BOARD_DIR={out}")
    assert res.returncode == 0, res
    assert "board my_zcu104 {" in (out / "board.hw").read_text()


def test_every_board_configures_and_shows_its_layout(tmp_path):
    """defconfig and vmconf-show of every checked board (test_choices.py builds them)."""
    def show(board):
        out = tmp_path / board
        res = make(f"{board}_defconfig", O=out)
        if res.returncode == 0:
            res = make("vmconf-show", O=out)
        return board, res
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(show, checked_boards()))
    for board, res in results:
        assert res.returncode == 0, f"{board}: {res}"
        assert "vm 'app'" in res.out or "app" in res.out, res.out
        if board == "fvp_base":
            # Each VM's CPUs with the MPIDRs board.hw's cpu_ids give them.
            assert "(vCPU 0 on CPU 1; MPIDR 0x100, 0x200, 0x300, 0x10000, 0x10100, 0x10200, " \
                "0x10300)" in res.out, res.out


def test_cpu_ids_must_hold_the_cpus_the_hypervisor_runs(tmp_path):
    dest = copy_board(tmp_path, "zcu102")
    hw = dest / "board.hw"
    text = hw.read_text()
    hw.write_text(text.replace("cpu_ids   = [0x0, 0x1, 0x2, 0x3]", "cpu_ids   = [0x0, 0x1, 0x2]"))
    with pytest.raises(Exception) as err:
        load_board(str(hw))
    assert "cpus: the board runs 4 CPUs but cpu_ids lists 3 hardware ids" in str(err.value)


def test_a_cpu_id_twice_is_refused_with_its_line(tmp_path):
    dest = copy_board(tmp_path, "zcu102")
    hw = dest / "board.hw"
    text = hw.read_text().replace("cpu_ids   = [0x0, 0x1, 0x2, 0x3]",
                                  "cpu_ids   = [0x0, 0x1,\n 0x1, 0x3]")
    hw.write_text(text)
    line = [n for n, t in enumerate(text.split("\n"), 1) if t.startswith(" 0x1, 0x3]")][0]
    with pytest.raises(Exception) as err:
        load_board(str(hw))
    assert f"board.hw:{line}:" in str(err.value)
    assert "cpu_ids: hardware id 0x1 is listed twice" in str(err.value)


def test_the_cpu_table_follows_cpu_ids_in_their_order(tmp_path):
    """CPU index i is cpu_ids[i] (the hypervisor searches BOARD_CPU_HW_IDS at entry)."""
    from vmconflib.board import NO_CPU_HW_ID, cpu_hw_ids
    hikey = load_board(str(SRCTREE / "boards/hikey960/board.hw"))
    assert cpu_hw_ids(hikey, 8) == [0x0, 0x1, 0x2, 0x3, 0x100, 0x101, 0x102, 0x103]
    assert cpu_hw_ids(hikey, 9)[8] == NO_CPU_HW_ID
    # The Jetson TX2's boot CPU is a Cortex-A57 (MPIDR 0x100): its index 0.
    tx2 = load_board(str(SRCTREE / "boards/jetson_tx2/board.hw"))
    assert cpu_hw_ids(tx2, tx2.cpus) == [0x100, 0x101, 0x102, 0x103, 0x0, 0x1]
    virt = load_board(str(SRCTREE / "boards/qemu_aarch64/board.hw"))
    assert cpu_hw_ids(virt, 18)[15:] == [0xf, 0x100, 0x101]


EXAMPLE_ROOT = SRCTREE / "Documentation" / "examples" / "board-root"


def test_out_of_tree_example_board(tmp_path, dtb_dir):
    """The vendor example of Documentation/boards.md (a KV260 kept under a
    BOARD_ROOT, drafted from Debian's DTB): its facts check clean, and it
    configures, builds and shows its layout from outside the tree."""
    res = check(dtb_dir, EXAMPLE_ROOT / "boards" / "kv260")
    assert res.returncode == 0, res.stdout
    assert "OK      kv260" in res.stdout, res.stdout
    out = tmp_path / "kv260"
    for goal in ("kv260_defconfig", "all", "vmconf-show"):
        res = make(f"BOARD_ROOT={EXAMPLE_ROOT}", goal, O=out)
        assert res.returncode == 0, f"{goal}: {res}"
    assert (out / "bulwark.bin").stat().st_size > 0
    assert "on board kv260 (aarch64, 4 CPUs" in res.out, res.out
    assert "device   ttc0" in res.out and "device   rtc" in res.out, res.out


def _cells_value(cells):
    value = 0
    for cell in cells:
        value = value << 32 | cell
    return value


def test_spin_table_release_addresses_match_the_dtb(tmp_path, dtb_dir):
    """A board whose vendor DTB parks CPUs on a spin table (enable-method =
    "spin-table") selects ARM_SPIN_TABLE, and the other way round; CPU index
    i's cpu-release-addr in the DTB is its defconfig's
    CONFIG_ARM_SPIN_TABLE_RELEASE_ADDR + 8 x i (arch_start_cpu writes there)."""
    sys.path.insert(0, str(SRCTREE / "tools/boardfacts"))
    import facts
    import fdt as fdtmod
    checked = []
    for hw in sorted((SRCTREE / "boards").glob("*/board.hw")):
        board = load_board(str(hw))
        if not (board.reference or "").startswith("dtb:"):
            continue
        tree = fdtmod.load(os.path.join(dtb_dir, board.reference[len("dtb:"):]))
        spin = {_cells_value(node.cells("reg")): _cells_value(node.cells("cpu-release-addr"))
                for node in facts.cpu_nodes(tree)
                if node.string("enable-method") == "spin-table"}
        selects = re.search(r"^\s*select ARM_SPIN_TABLE$",
                            (hw.parent / "Kconfig.board").read_text(), re.M) is not None
        if not spin and not selects:
            continue
        assert spin and selects, \
            f"{board.name}: the DTB's spin-table CPUs {spin}, ARM_SPIN_TABLE selected: {selects}"
        out = tmp_path / board.name
        res = make(f"{board.name}_defconfig", O=out)
        assert res.returncode == 0, res.out
        base = int(re.search(r"^CONFIG_ARM_SPIN_TABLE_RELEASE_ADDR=(\S+)$",
                             (out / ".config").read_text(), re.M).group(1), 16)
        for index, mpidr in enumerate(board.cpu_ids[:board.cpus]):
            says = "none" if mpidr not in spin else f"0x{spin[mpidr]:x}"
            assert spin.get(mpidr) == base + 8 * index, \
                (f"{board.name}: CPU {index} (MPIDR 0x{mpidr:x}): the DTB's cpu-release-addr "
                 f"is {says}, CONFIG_ARM_SPIN_TABLE_RELEASE_ADDR + 8 x {index} "
                 f"is 0x{base + 8 * index:x}")
        checked.append(board.name)
    assert "rpi4" in checked
