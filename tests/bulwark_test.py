# SPDX-License-Identifier: Apache-2.0
"""Helpers shared by the pytest suites: running make in a build directory."""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
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


def build_guests(out, arch, cross_compile):
    """The test guests of ARCH in OUT (native/ holds the bare-QEMU builds):
    a copy from the guest cache when GUEST_CACHE is set (the test suites set
    it, see conftest.py), else built there."""
    env = dict(os.environ, srctree=str(SRCTREE))
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    if env.get("GUEST_CACHE"):
        cmd = [str(SRCTREE / "tools/build/guest-cache.sh"), env["GUEST_CACHE"], str(out), arch,
               cross_compile]
    else:
        cmd = ["make", "-j2", "-f", str(SRCTREE / "tests/guests/Makefile"), f"srctree={SRCTREE}",
               f"O={out}", f"GUEST_ARCH={arch}", f"CROSS_COMPILE={cross_compile}"]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          env=env)
    assert proc.returncode == 0, proc.stdout


@contextmanager
def locked(path):
    """Holds an exclusive lock on PATH (a file), shared by every process of the run."""
    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def once(shared, key, produce):
    """Runs produce(directory) once per KEY for every pytest process of a run
    (pytest-xdist workers included) and returns that directory; the others
    wait for it. SHARED is the run's shared directory (the shared_dir
    fixture). A produce that raised is tried again by the next caller."""
    name = hashlib.sha256(repr(key).encode()).hexdigest()[:16]
    base = Path(shared) / "once"
    base.mkdir(parents=True, exist_ok=True)
    out = base / name
    with locked(base / f"{name}.lock"):
        if not (out / ".once-done").exists():
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            (out / ".once-key").write_text(repr(key) + "\n")
            produce(out)
            (out / ".once-done").touch()
    return out


def relocate(src, dst):
    """Copies the build directory SRC to DST as it would have been built there:
    every text file that names SRC (run.json, the dependency files, the flags,
    the boot disk's manifest ...) names DST instead, with its time kept, so
    that make sees the copy as up to date. Files keep their holes (the
    virtio disks are sparse)."""
    Path(dst).mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-a", "--sparse=always", f"{src}/.", str(dst)], check=True)
    old, new = str(src).encode(), str(dst).encode()
    for path in Path(dst).rglob("*"):
        if not path.is_file() or path.is_symlink() or path.stat().st_size > 1 << 20:
            continue
        data = path.read_bytes()
        if old not in data or b"\0" in data:
            continue
        st = path.stat()
        path.write_bytes(data.replace(old, new))
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def shared_build(shared, goals, vmconf=None, env=None):
    """A build directory configured with GOALS (a defconfig and fragments)
    and built with VMCONF (default: the configuration's CONFIG_VMCONF),
    built once per run and shared by every test that asks for the same:
    tests only read it (QEMU's console logs go to their own tmp_path).

    The layouts of one configuration share its objects: one build directory
    per configuration (the builder, under a lock) is built again for each
    layout, which recompiles only what the layout changes (the generated
    layout tables and the users of board.h: make follows VMCONF=, see
    tools/build/build.mk), and the result is copied to the layout's own
    directory (relocate())."""
    config = ("config", tuple(goals), sorted((env or {}).items()))
    builder = Path(shared) / "once" / ("builder-" + hashlib.sha256(repr(config).encode())
                                       .hexdigest()[:16])

    def produce(out):
        with locked(f"{builder}.lock"):
            if not (builder / ".configured").exists():
                shutil.rmtree(builder, ignore_errors=True)
                make_ok(*goals, O=builder, env=env)
                (builder / ".configured").write_text(repr(config) + "\n")
            make_ok(*([f"VMCONF={vmconf}"] if vmconf else []), O=builder, env=env)
            relocate(builder, out)
    return once(shared, ("build", tuple(goals), str(vmconf), sorted((env or {}).items())),
                produce)


def shared_run(shared, out, qemu_args=(), sends=(), timeout=600):
    """Boots the shared build OUT (shared_build()) under QEMU once per run
    for the same arguments (QEMU_ARGS, more QEMU options, and SENDS, the
    runner's --send-after pairs) and returns (status, console, stderr) of
    that run: tests that check different things of one boot read one
    transcript instead of booting again. TIMEOUT bounds a hung system."""
    def produce(d):
        sent = [arg for pair in sends for arg in ("--send-after", *pair)]
        proc = subprocess.run([sys.executable, str(SRCTREE / "tools/qemu-run.py"),
                               "--timeout", str(timeout), "--log", str(d / "console.log")] +
                              sent + [str(Path(out) / "run.json"), "--"] + list(qemu_args),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        (d / "stderr").write_text(proc.stderr)
        (d / "status").write_text(f"{proc.returncode}\n")
    d = once(shared, ("run", str(out), tuple(qemu_args), tuple(map(tuple, sends))), produce)
    log = d / "console.log"
    return (int((d / "status").read_text()),
            log.read_text(errors="replace") if log.exists() else "", (d / "stderr").read_text())
