#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Shows how two .config files differ, one symbol a line.

Usage: diffconfig.py OLD NEW ('make diffconfig' compares $(O)/.config.old,
or the file named by DIFFCONFIG_OLD, with $(O)/.config).

  -NAME value     only in OLD
  +NAME value     only in NEW
   NAME old -> new changed
"""

import re
import sys

_LINE = re.compile(r"^CONFIG_(\w+)=(.*)$")
_UNSET = re.compile(r"^# CONFIG_(\w+) is not set$")


def read(path):
    values = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            m = _LINE.match(line)
            if m:
                values[m.group(1)] = m.group(2)
                continue
            m = _UNSET.match(line)
            if m:
                values[m.group(1)] = "n"
    return values


def diff(old, new):
    out = []
    for name in sorted(set(old) | set(new)):
        if name not in new:
            out.append(f"-{name} {old[name]}")
        elif name not in old:
            out.append(f"+{name} {new[name]}")
        elif old[name] != new[name]:
            out.append(f" {name} {old[name]} -> {new[name]}")
    return out


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    try:
        lines = diff(read(argv[1]), read(argv[2]))
    except OSError as err:
        sys.stderr.write(f"diffconfig: {err}\n")
        return 1
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
