# SPDX-License-Identifier: Apache-2.0
"""Helpers shared by the pytest suites: running make in a build directory."""

import os
import subprocess
from pathlib import Path

SRCTREE = Path(__file__).resolve().parent.parent


class Result:
    def __init__(self, proc):
        self.returncode = proc.returncode
        self.out = proc.stdout

    def __repr__(self):
        return f"<make exited {self.returncode}>\n{self.out}"


def make(*args, O=None, env=None, cwd=None, timeout=900):
    """Runs make in the source tree; returns its status and combined output."""
    cmd = ["make", "-C", str(SRCTREE)]
    if O is not None:
        cmd.append(f"O={O}")
    cmd += [str(a) for a in args]
    full_env = dict(os.environ)
    full_env.pop("MAKEFLAGS", None)
    full_env.pop("MAKELEVEL", None)
    if env:
        full_env.update(env)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, env=full_env, cwd=cwd, timeout=timeout)
    return Result(proc)


def make_ok(*args, **kw):
    res = make(*args, **kw)
    assert res.returncode == 0, res
    return res
