# SPDX-License-Identifier: Apache-2.0
"""Boots a Bulwark build under QEMU, interactively or under a timeout.

The build writes $(O)/run.json from the board's board.mk: the QEMU binary,
its firmware and arguments. 'make run' calls this interactively; the
system tests call it with --timeout and --log, and read the console log.

Exit status: QEMU's own, or 124 when the timeout killed it, or 127 when
QEMU or its firmware is missing.
"""

import argparse
import codecs
import json
import os
import re
import shutil
import subprocess
import sys
import time


def fail(msg, status=127):
    sys.stderr.write(f"qemu-run: error: {msg}\n")
    sys.exit(status)


def command_line(desc, args):
    qemu = args.qemu or desc["qemu"]
    if not shutil.which(qemu):
        fail(f"{qemu} not found: install the Debian package {desc['qemu_package']} "
             "from bookworm-backports (sudo tools/install-deps.sh does it)")
    firmware = desc.get("firmware")
    if firmware and not os.path.exists(firmware):
        fail(f"firmware {firmware} not found: install the Debian package "
             f"{desc['firmware_package']} from bookworm-backports "
             "(sudo tools/install-deps.sh does it)")
    for i, arg in enumerate(desc["args"]):
        if desc["args"][i - 1] in ("-kernel", "-bios") and not os.path.exists(arg):
            fail(f"{arg} not found: run 'make' first")
    cmd = [qemu] + desc["args"] + ["-nographic"]
    if args.gdb:
        # QEMU's gdb stub on that TCP port; -S holds every CPU at its first
        # instruction until gdb says 'continue'.
        cmd += ["-gdb", f"tcp::{args.gdb}", "-S"]
    cmd += args.extra
    return cmd


# Bulwark erases the input VM's unfinished line (a prompt) with this before
# writing a message in its place, then draws the line again below it.
ERASE_LINE = b"\r\x1b[K"


class Transcript:
    """The console as a file should keep it: whole lines, no redraws.

    On a terminal an erased unfinished line leaves nothing; in a file or a
    pipe it would leave a fragment on each message's line. Each line is
    kept from its last erase on, and written once it ends.
    """

    def __init__(self):
        self.partial = b""

    def feed(self, chunk):
        """Returns the lines CHUNK completed, cleaned."""
        *lines, self.partial = (self.partial + chunk).split(b"\n")
        return b"".join(line.rsplit(ERASE_LINE, 1)[-1] + b"\n" for line in lines)

    def close(self):
        """The unfinished line at the end, cleaned."""
        rest, self.partial = self.partial.rsplit(ERASE_LINE, 1)[-1], b""
        return rest


VM_PREFIX = re.compile(rb"^\[([A-Za-z0-9_.-]+)\] ")


class ConsoleLogs:
    """make run's logs in the build directory: console.log, the whole
    console as whole lines, and console-<vm>.log, each VM's lines without
    their prefix (the hypervisor's own '[bulwark]' lines stay in console.log)."""

    def __init__(self, directory):
        self.directory = directory
        self.whole = open(os.path.join(directory, "console.log"), "wb")
        self.vms = {}
        for old in os.listdir(directory):
            if old.startswith("console-") and old.endswith(".log"):
                os.remove(os.path.join(directory, old))

    def write(self, text):
        self.whole.write(text)
        for line in text.splitlines(keepends=True):
            m = VM_PREFIX.match(line)
            if not m or m.group(1) == b"bulwark":
                continue
            name = m.group(1).decode()
            if name not in self.vms:
                self.vms[name] = open(os.path.join(self.directory, f"console-{name}.log"), "wb")
            self.vms[name].write(line[m.end():])

    def close(self):
        for f in [self.whole] + list(self.vms.values()):
            f.close()


def run_interactive(cmd, log_dir):
    """Runs CMD with the terminal as its input. Its output goes to stdout
    as it comes on a terminal, cleaned of redraws in a file or pipe, and
    cleaned to the logs in LOG_DIR (see ConsoleLogs)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    to_stdout = None if sys.stdout.isatty() else Transcript()
    to_logs, logs = Transcript(), ConsoleLogs(log_dir)
    while True:
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            break
        sys.stdout.buffer.write(to_stdout.feed(chunk) if to_stdout else chunk)
        sys.stdout.buffer.flush()
        logs.write(to_logs.feed(chunk))
    if to_stdout:
        sys.stdout.buffer.write(to_stdout.close())
    logs.write(to_logs.close())
    logs.close()
    return proc.wait()


def run_with_timeout(cmd, timeout, log_path, sends=(), stop_after=None):
    """Runs CMD, copying its output to stdout and LOG_PATH.

    SENDS is a list of (regex, text): once the output so far matches regex,
    text is typed on the console, in order. Without any, QEMU gets no input.
    Once every text is typed and the output matches STOP_AFTER, QEMU is
    stopped and the status is 0 (for systems that never power off).
    """
    stop = re.compile(stop_after, re.S | re.M) if stop_after else None
    log = open(log_path, "wb") if log_path else None
    start = time.monotonic()
    pending = [(re.compile(p, re.S | re.M), codecs.decode(t, "unicode_escape").encode("latin-1"))
               for p, t in sends]
    proc = subprocess.Popen(cmd + ["-monitor", "none"],
                            stdin=subprocess.PIPE if pending else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    os.set_blocking(proc.stdout.fileno(), False)
    timed_out = stopped = False
    seen = b""
    # The log, and stdout unless it is a terminal, get whole lines without redraws.
    to_log, to_stdout = Transcript(), None if sys.stdout.isatty() else Transcript()
    while True:
        chunk = proc.stdout.read()
        if chunk:
            sys.stdout.buffer.write(to_stdout.feed(chunk) if to_stdout else chunk)
            sys.stdout.buffer.flush()
            if log:
                log.write(to_log.feed(chunk))
            seen += chunk
            while pending and pending[0][0].search(seen.decode("latin-1")):
                proc.stdin.write(pending.pop(0)[1])
                proc.stdin.flush()
            if stop and not pending and stop.search(seen.decode("latin-1")):
                proc.kill()
                proc.wait()
                stopped = True
                break
        if proc.poll() is not None:
            rest = proc.stdout.read() or b""
            sys.stdout.buffer.write(to_stdout.feed(rest) if to_stdout else rest)
            if log:
                log.write(to_log.feed(rest))
            break
        if time.monotonic() - start > timeout:
            proc.kill()
            proc.wait()
            timed_out = True
            break
        time.sleep(0.02)
    if to_stdout:
        sys.stdout.buffer.write(to_stdout.close())
        sys.stdout.buffer.flush()
    if log:
        log.write(to_log.close())
        log.close()
    if stopped:
        return 0
    if timed_out:
        sys.stderr.write(f"qemu-run: timed out after {timeout} s: QEMU was killed "
                         "(the system did not power itself off)\n")
        return 124
    return proc.returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run_json", help="the build's run.json")
    ap.add_argument("--timeout", type=float, help="non-interactive: kill QEMU after SEC")
    ap.add_argument("--log", help="copy the console output to this file")
    ap.add_argument("--gdb", metavar="PORT", type=int,
                    help="start stopped and wait for gdb on this TCP port")
    ap.add_argument("--qemu", help="QEMU binary to use instead of the board's")
    ap.add_argument("--send-after", nargs=2, action="append", default=[],
                    metavar=("REGEX", "TEXT"),
                    help="with --timeout: type TEXT (backslash escapes allowed) once the "
                         "output matches REGEX")
    ap.add_argument("--stop-after", metavar="REGEX",
                    help="with --timeout: stop QEMU once the output matches REGEX "
                         "(after the last --send-after), with status 0")
    ap.add_argument("extra", nargs="*", help="more QEMU arguments (after --)")
    # Everything after '--' goes to QEMU as it is (argparse mixes it up with
    # the two-value --send-after otherwise).
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    args = ap.parse_args(argv[:len(argv) - len(extra) - (1 if extra else 0)])
    args.extra += extra
    try:
        with open(args.run_json) as f:
            desc = json.load(f)
    except OSError as err:
        fail(f"{args.run_json}: {err.strerror}: run 'make' first", 1)
    cmd = command_line(desc, args)
    if args.timeout:
        return run_with_timeout(cmd, args.timeout, args.log, args.send_after, args.stop_after)
    print("qemu-run: " + " ".join(cmd))
    if args.gdb:
        print(f"qemu-run: the CPUs wait for gdb on port {args.gdb} "
              f"(target remote :{args.gdb}, then continue)")
    log_dir = os.path.dirname(os.path.abspath(args.run_json))
    print(f"qemu-run: console logs: {log_dir}/console.log, {log_dir}/console-<vm>.log")
    print("qemu-run: Ctrl-a x quits QEMU")
    sys.stdout.flush()
    return run_interactive(cmd, log_dir)


if __name__ == "__main__":
    sys.exit(main())
