# SPDX-License-Identifier: Apache-2.0
"""Runs Bulwark's test suites and prints one summary line.

Suites:
  unit    host C unit tests of pure logic, with ASan and UBSan
  tools   Kconfig front end, build system and VM layout checker (pytest)
  system  QEMU boots of the board configurations (pytest)
  lint    cppcheck and clang-format on the hypervisor sources (pytest)

--quick (make check-quick) is the edit loop: the unit tests, the layout
checker's tests and one QEMU boot per architecture. --tests runs only the
tests named (pytest node ids or paths, unit test names); --boards keeps
only the tests of those boards (see board_of).

The last line is 'N passed, N failed'; the exit status is 1 when anything
failed or nothing ran.
"""

import argparse
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

SRCTREE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PYTEST_SUITES = {
    "tools": ["tests/kconfig", "tests/build", "tests/vmconf"],
    "system": ["tests/system"],
    "lint": ["tests/lint"],
    # make check-quick: the layout checker and the cheapest boot of each
    # architecture (a default build that boots on 4 CPUs and powers off).
    # The boots come first, so that pytest-xdist starts them on two workers.
    "quick": ["tests/system/test_boot.py::test_boot[default]",
              "tests/system/test_boot.py::test_aarch64_boot_at_el2[GICv3-goals0]",
              "tests/system/test_boot.py::test_arm32_boot_in_hyp_mode[cortex-a15]",
              "tests/system/test_boot.py::test_rv32_boot",
              "tests/vmconf"],
}

# Which board a test belongs to, from the words its node id carries: a
# board's name or, for the QEMU boards, its variants. A test naming no
# board belongs to every board, except in the files listed in UNNAMED.
# The first word names the architecture: a node id that carries one belongs
# to the boards of the architectures it names only (rv32-aplic is qemu_rv32's,
# although aplic is a qemu_rv64 word too).
BOARD_WORDS = {
    "qemu_rv64": ["rv64", "sstc", "aplic", "imsic"],
    "qemu_aarch64": ["aarch64", "gicv2", "gicv3"],
    "qemu_arm": ["arm32", "cortex-a15", "cortex-a7", "cpu-max"],
    "qemu_rv32": ["rv32"],
}
UNNAMED = {"tests/system/test_boot.py": "qemu_rv64"}   # its unnamed rows boot qemu_rv64


def known_boards():
    return sorted(d for d in os.listdir(os.path.join(SRCTREE, "boards"))
                  if os.path.isdir(os.path.join(SRCTREE, "boards", d)))


def board_of(nodeid):
    """The boards a pytest node id names (empty: any board)."""
    text = nodeid.lower()
    found = {b for b in known_boards() if b in text}
    by_arch = {b for b, words in BOARD_WORDS.items() if words[0] in text}
    found |= by_arch or {b for b, words in BOARD_WORDS.items() if any(w in text for w in words)}
    if not found and nodeid.split("::")[0] in UNNAMED:
        found = {UNNAMED[nodeid.split("::")[0]]}
    return found


def select_boards(paths, boards):
    """The node ids under PATHS that belong to one of BOARDS (or to none)."""
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--collect-only"] + paths, cwd=SRCTREE, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    ids = [line for line in proc.stdout.splitlines() if "::" in line]
    return [i for i in ids if not board_of(i) or board_of(i) & set(boards)]


def banner(text):
    print(f"\n==== {text} ====", flush=True)


def run_unit(objtree, only=None):
    """Builds the unit tests and runs every binary, or those named in ONLY;
    returns (passed, failed)."""
    out = os.path.join(objtree, "unit")
    build = subprocess.run(["make", "-s", f"-j{os.cpu_count() or 1}",
                            "-C", os.path.join(SRCTREE, "tests/unit"),
                            f"O={out}", f"srctree={SRCTREE}", "all"])
    if build.returncode != 0:
        print("FAIL unit: the unit tests did not build")
        return 0, 1
    passed = failed = 0
    for name in sorted(os.listdir(out)):
        path = os.path.join(out, name)
        if not name.startswith("test_") or not os.access(path, os.X_OK) or \
                os.path.isdir(path) or "." in name:
            continue
        if only is not None and name not in only:
            continue
        proc = subprocess.run([path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        lines = proc.stdout.splitlines()
        p = sum(1 for line in lines if line.startswith("PASS "))
        f = sum(1 for line in lines if line.startswith("FAIL "))
        for line in lines:
            if not line.startswith("PASS "):
                print(f"  {name}: {line}")
        if proc.returncode != 0 and f == 0:
            print(f"FAIL {name}: exited with status {proc.returncode}")
            f = 1
        print(f"  {name}: {p} passed, {f} failed")
        passed, failed = passed + p, failed + f
    # Every tests/unit/test_<name>.c (test_main.c is the runner) must have given a binary.
    sources = {n[:-2] for n in os.listdir(os.path.join(SRCTREE, "tests/unit"))
               if n.startswith("test_") and n.endswith(".c") and n != "test_main.c"}
    built = {n for n in os.listdir(out) if n in sources}
    wanted = sources if only is None else sources & set(only)
    for name in sorted(wanted - built):
        print(f"FAIL {name}: tests/unit/{name}.c was not built")
        failed += 1
    return passed, failed


def run_pytest(suite, objtree, extra, paths=None, boards=None):
    """Runs one pytest suite, or the node ids PATHS; returns (passed, failed, skipped)."""
    if paths is None:
        paths = [p for p in PYTEST_SUITES[suite]
                 if os.path.exists(os.path.join(SRCTREE, p.split("::")[0]))]
    if boards:
        paths = select_boards(paths, boards) if paths else []
    if not paths:
        return 0, 0, 0
    os.makedirs(objtree, exist_ok=True)
    xml = os.path.join(objtree, f"{suite}.xml")
    if os.path.exists(xml):
        os.remove(xml)
    # Every test's build directory (tmp_path) is under the objtree, emptied
    # at the start of each run of this suite.
    cmd = [sys.executable, "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider",
           f"--junitxml={xml}", f"--basetemp={os.path.join(objtree, 'tmp-' + suite)}"]
    try:
        import xdist  # noqa: F401
        cmd += ["-n", str(min(os.cpu_count() or 1, 4))]
        if suite == "quick":
            # The two boots share test_boot.py, so one worker runs them one
            # after the other (one QEMU at a time) while the others take the
            # layout checker's tests.
            cmd += ["--dist", "loadfile"]
        else:
            # The tests of one QEMU session or shared build on one worker,
            # the longest first (tests/conftest.py, GROUPS and FIRST).
            cmd += ["--dist", "loadgroup"]
    except ImportError:
        pass
    env = dict(os.environ, BULWARK_CHECK_OBJTREE=objtree)
    subprocess.run(cmd + extra + paths, cwd=SRCTREE, env=env)
    if not os.path.exists(xml):
        print(f"FAIL {suite}: pytest produced no results")
        return 0, 1, 0
    passed = failed = skipped = 0
    for case in ET.parse(xml).getroot().iter("testcase"):
        kinds = {child.tag for child in case}
        if kinds & {"failure", "error"}:
            failed += 1
        elif "skipped" in kinds:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--objtree", required=True, help="where tests build")
    ap.add_argument("suites", nargs="*", help="unit, tools, system, lint (default: all)")
    ap.add_argument("--pytest-arg", action="append", default=[], help="passed to pytest")
    ap.add_argument("--quick", action="store_true",
                    help="unit, layout checker, one boot per architecture")
    ap.add_argument("--tests", default="",
                    help="only these (space-separated): pytest paths or node ids "
                         "(tests/system/test_vms.py::test_layout_boots[...]), unit tests "
                         "(tests/unit/test_vgic.c or test_vgic)")
    ap.add_argument("--boards", default="",
                    help="only the tests of these boards (space-separated)")
    args = ap.parse_args()
    boards = args.boards.split()
    unknown = [b for b in boards if b not in known_boards()]
    if unknown:
        sys.exit(f"check: unknown board {', '.join(unknown)} "
                 f"(boards: {', '.join(known_boards())})")
    selected = None
    if args.tests:
        unit = [os.path.splitext(os.path.basename(t))[0] for t in args.tests.split()
                if t.startswith("tests/unit/") or
                (t.startswith("test_") and "/" not in t and "::" not in t and
                 not t.endswith(".py"))]
        selected = [t for t in args.tests.split()
                    if os.path.splitext(os.path.basename(t))[0] not in unit]
        suites = (["unit"] if unit else []) + (["selected"] if selected else [])
    elif args.quick:
        suites = ["unit", "quick"]
    else:
        suites = args.suites or ["unit", "tools", "system", "lint"]
    totals = {"passed": 0, "failed": 0, "skipped": 0}
    rows = []
    for suite in suites:
        banner(suite)
        if suite == "unit":
            p, f = run_unit(args.objtree, unit if args.tests else None)
            s = 0
        elif suite == "selected":
            p, f, s = run_pytest(suite, args.objtree, args.pytest_arg, selected, boards)
        elif suite in PYTEST_SUITES:
            p, f, s = run_pytest(suite, args.objtree, args.pytest_arg, None, boards)
        else:
            sys.exit(f"check: unknown suite '{suite}' (unit, tools, system, lint)")
        rows.append((suite, p, f, s))
        totals["passed"] += p
        totals["failed"] += f
        totals["skipped"] += s
    banner("summary")
    for suite, p, f, s in rows:
        print(f"  {suite:<8} {p:4d} passed {f:4d} failed {s:4d} skipped")
    line = f"{totals['passed']} passed, {totals['failed']} failed"
    if totals["skipped"]:
        line += f", {totals['skipped']} skipped"
    print(line)
    return 1 if totals["failed"] or not totals["passed"] else 0


if __name__ == "__main__":
    sys.exit(main())
