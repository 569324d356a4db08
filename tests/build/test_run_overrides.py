# SPDX-License-Identifier: Apache-2.0
"""'make run' and 'make debug' use the overrides of the make command that
starts them (QEMU, QEMU_FIRMWARE, QEMU_EXTRA, GDB_PORT), never ones cached
in the build directory by an earlier run.

A fake QEMU on the command line records the arguments it was given.
"""

import json
import os

import pytest

from bulwark_test import make_ok

FAKE_QEMU = """#!/bin/sh
# Records its arguments, one a line, and exits as QEMU does when the guest powers off.
printf '%s\\n' "$@" > "$FAKE_QEMU_LOG"
"""


@pytest.fixture(scope="module")
def rv64_run(tmp_path_factory):
    """A built qemu_rv64 directory of its own (these runs rewrite its run.json)
    and a function that runs a make goal there with the fake QEMU."""
    base = tmp_path_factory.mktemp("run-overrides")
    out = base / "out"
    make_ok("qemu_rv64_defconfig", O=out)
    make_ok(O=out)
    fake = base / "fake-qemu"
    fake.write_text(FAKE_QEMU)
    fake.chmod(0o755)
    log = base / "qemu-args"

    def run(*args):
        if log.exists():
            log.unlink()
        res = make_ok(*args, f"QEMU={fake}", O=out, env={"FAKE_QEMU_LOG": str(log)})
        assert log.exists(), f"the fake QEMU did not run:\n{res}"
        return log.read_text().splitlines()
    run.out = out
    run.base = base
    return run


def after(args, option):
    assert option in args, args
    return args[args.index(option) + 1]


def test_qemu_firmware_takes_effect_and_is_not_kept(rv64_run):
    default = json.loads((rv64_run.out / "run.json").read_text())["firmware"]
    if not os.path.exists(default):
        pytest.skip(f"not installed: {default}")
    assert after(rv64_run("run"), "-bios") == default
    mine = rv64_run.base / "my-firmware.bin"
    mine.write_bytes(b"\0" * 64)
    assert after(rv64_run("run", f"QEMU_FIRMWARE={mine}"), "-bios") == str(mine)
    # The next run without it is back to the board's firmware, and a plain
    # 'make' with an override does not leave it behind either.
    assert after(rv64_run("run"), "-bios") == default
    make_ok(f"QEMU_FIRMWARE={mine}", O=rv64_run.out)
    assert after(rv64_run("run"), "-bios") == default


def test_qemu_extra_takes_effect_and_is_not_kept(rv64_run):
    args = rv64_run("run", "QEMU_EXTRA=-icount shift=0,align=off,sleep=off")
    assert after(args, "-icount") == "shift=0,align=off,sleep=off"
    assert "-icount" not in rv64_run("run")


def test_qemu_args_override_takes_effect(rv64_run):
    args = rv64_run("run", "QEMU_MACHINE=virt,acpi=off")
    assert after(args, "-M") == "virt,acpi=off"
    assert after(rv64_run("run"), "-M") == "virt"


def test_debug_waits_for_gdb_on_the_port_given(rv64_run):
    args = rv64_run("debug")
    assert "-S" in args and after(args, "-gdb") == "tcp::1234", args
    args = rv64_run("debug", "GDB_PORT=4321")
    assert "-S" in args and after(args, "-gdb") == "tcp::4321", args
    args = rv64_run("run")
    assert "-S" not in args and "-gdb" not in args, args
