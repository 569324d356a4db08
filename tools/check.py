# SPDX-License-Identifier: Apache-2.0
"""Runs Bulwark's test suites and prints one summary line.

Suites:
  unit    host C unit tests of pure logic, with ASan and UBSan
  tools   Kconfig front end, build system and VM layout checker (pytest)
  system  QEMU boots of the board configurations (pytest)
  lint    cppcheck and clang-format on the hypervisor sources (pytest)

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
}


def banner(text):
    print(f"\n==== {text} ====", flush=True)


def run_unit(objtree):
    """Builds and runs every unit test binary; returns (passed, failed)."""
    out = os.path.join(objtree, "unit")
    build = subprocess.run(["make", "-s", "-C", os.path.join(SRCTREE, "tests/unit"),
                            f"O={out}", f"srctree={SRCTREE}"])
    if build.returncode != 0:
        print("FAIL unit: the unit tests did not build")
        return 0, 1
    passed = failed = 0
    for name in sorted(os.listdir(out)):
        path = os.path.join(out, name)
        if not name.startswith("test_") or not os.access(path, os.X_OK) or \
                os.path.isdir(path) or "." in name:
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
    return passed, failed


def run_pytest(suite, objtree, extra):
    """Runs one pytest suite; returns (passed, failed, skipped)."""
    paths = [p for p in PYTEST_SUITES[suite] if os.path.isdir(os.path.join(SRCTREE, p))]
    if not paths:
        return 0, 0, 0
    os.makedirs(objtree, exist_ok=True)
    xml = os.path.join(objtree, f"{suite}.xml")
    if os.path.exists(xml):
        os.remove(xml)
    cmd = [sys.executable, "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider",
           f"--junitxml={xml}"]
    try:
        import xdist  # noqa: F401
        cmd += ["-n", str(min(os.cpu_count() or 1, 4))]
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
    args = ap.parse_args()
    suites = args.suites or ["unit", "tools", "system", "lint"]
    totals = {"passed": 0, "failed": 0, "skipped": 0}
    rows = []
    for suite in suites:
        banner(suite)
        if suite == "unit":
            p, f = run_unit(args.objtree)
            s = 0
        elif suite in PYTEST_SUITES:
            p, f, s = run_pytest(suite, args.objtree, args.pytest_arg)
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
