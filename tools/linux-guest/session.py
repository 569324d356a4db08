# SPDX-License-Identifier: Apache-2.0
"""The Linux + real-time session, shared by its system test and make bench.

vmconf/qemu_aarch64-linux.vmconf runs Linux beside rt (a 1 ms periodic task).
One session: Linux boots to a shell; its three CPUs are made busy; it talks
to rt (one message, then PINGS round trips); it reboots, boots again and
talks again; it powers off while rt keeps running. What is typed is sent
once the output so far matches, so the session runs the same under -icount.
"""

import re

PROMPT = "root@linux:/# "
PINGS = 300
PERIOD_US = 1000
# rt's cumulative report: periods so far, worst lateness so far, periods missed so far.
REPORT = re.compile(r"^\[rt\] rt: (\d+) periods, worst lateness (\d+) us, missed (\d+)$", re.M)

# What is typed, each once the output so far matches. Commands stay short: the
# console's input ring holds 64 bytes.
SENDS = [
    (re.escape(PROMPT), "dmesg | grep -m1 'crng init'; echo crng-$?\n"),
    (r"crng-\d", "for i in 1 2 3; do yes >/dev/null & done; echo busy\n"),
    (r"\[linux\] busy\s", "bwipc send hello from linux\n"),
    (r"^\[linux\] rt got: hello from linux", f"bwipc ping {PINGS}; echo ping-status=$?\n"),
    (r"ping-status=\d", "bwipc stats\n"),
    (r"periods=\d+ late_max=", "sleep 3; kill %1 %2 %3; reboot\n"),
    (r"fresh image \(boot 2\).*" + re.escape(PROMPT), "bwipc ping 20; echo ping2-status=$?\n"),
    (r"ping2-status=\d", "poweroff\n"),
]
# rt runs forever: the session ends after two of its reports once Linux has gone.
# Both reports must be whole lines: the output arrives in pieces, and a match on
# a half-printed report would end the session before the test can read it.
STOP_AFTER = (r"vm 'linux' stopped: shut down by its guest.*\[rt\] rt: \d+ periods[^\n]*missed \d+\r?\n.*"
              r"\[rt\] rt: \d+ periods[^\n]*missed \d+\r?\n")

# Where each phase ends: the first rt report after this mark covers everything before.
PHASES = [
    ("linux_boot", re.escape(PROMPT)),
    ("busy_and_ipc", r"periods=\d+ late_max="),
    ("reboot_and_second_boot", r"fresh image \(boot 2\)(?s:.*?)" + re.escape(PROMPT)),
    ("poweroff", r"vm 'linux' stopped: shut down by its guest"),
]


def qemu_run_args():
    """qemu-run.py arguments that type the session and end it."""
    args = [arg for pattern, text in SENDS for arg in ("--send-after", pattern, text)]
    return args + ["--stop-after", STOP_AFTER]


def phase_reports(text):
    """{phase: (periods, worst lateness us, missed)} from rt's first report after each phase."""
    out = {}
    for name, mark in PHASES:
        m = re.search(mark, text, re.M)
        if not m:
            continue
        after = REPORT.search(text, m.end())
        if after:
            out[name] = tuple(map(int, after.groups()))
    return out
