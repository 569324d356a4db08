# SPDX-License-Identifier: Apache-2.0
"""tools/qemu-run.py writes the console to a file or a pipe as whole lines:
the redraws of the input VM's unfinished line (carriage return, erase line,
then the message) leave no fragments there. Under make run it also keeps
console.log and one console-<vm>.log per VM in the build directory.

A fake QEMU prints what Bulwark prints when another VM's line comes while
the input VM's prompt is on screen.
"""

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUNNER = os.path.join(ROOT, "tools", "qemu-run.py")

CONSOLE = (b"[alpha] login: \r\x1b[K[beta] one\n[alpha] login: \r\x1b[K[beta] two\n"
           b"[alpha] login: root\n[alpha] / # ")
CLEAN = b"[beta] one\n[beta] two\n[alpha] login: root\n[alpha] / # "


@pytest.fixture
def run_json(tmp_path):
    fake = tmp_path / "fake-qemu"
    fake.write_text("#!%s\nimport sys, time\nfor b in %r:\n"
                    "    sys.stdout.buffer.write(bytes([b])); sys.stdout.flush()\n"
                    % (sys.executable, CONSOLE))
    fake.chmod(0o755)
    desc = tmp_path / "run.json"
    desc.write_text(json.dumps({"qemu": str(fake), "qemu_package": "none", "args": []}))
    return desc


def test_the_log_and_a_piped_stdout_keep_no_redraws(run_json, tmp_path):
    log = tmp_path / "console.log"
    proc = subprocess.run([sys.executable, RUNNER, str(run_json), "--timeout", "600",
                           "--log", str(log)], stdout=subprocess.PIPE, check=True)
    assert log.read_bytes() == CLEAN
    assert proc.stdout == CLEAN


def test_make_run_into_a_pipe_keeps_no_redraws_and_logs_each_vm(run_json, tmp_path):
    (tmp_path / "console-gone.log").write_text("from an earlier run\n")
    proc = subprocess.run([sys.executable, RUNNER, str(run_json)], stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, check=True)
    assert proc.stdout.split(b"Ctrl-a x quits QEMU\n", 1)[1] == CLEAN
    # make run's logs in the build directory (where run.json is).
    assert (tmp_path / "console.log").read_bytes() == CLEAN
    assert (tmp_path / "console-alpha.log").read_bytes() == b"login: root\n/ # "
    assert (tmp_path / "console-beta.log").read_bytes() == b"one\ntwo\n"
    assert not (tmp_path / "console-gone.log").exists()
