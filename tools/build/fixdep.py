# SPDX-License-Identifier: Apache-2.0
"""Rewrites a compiler dependency file so config changes rebuild precisely.

Every object is compiled with autoconf.h force-included, so a plain
dependency file makes every object depend on the whole configuration.
Instead, each object depends on the per-symbol files (include/config/
foo/bar.h for CONFIG_FOO_BAR) of the symbols its sources and headers
mention. The files are wrapped in $(wildcard): a symbol that never
changed has no file yet, and that must not be an error.

Usage: fixdep.py DEPFILE TARGET CONFIGDIR  (the new rules go to stdout)
"""

import re
import sys

SYMBOL = re.compile(rb"CONFIG_([A-Za-z0-9_]+)")


def parse_depfile(path):
    with open(path) as f:
        text = f.read().replace("\\\n", " ")
    deps = []
    for line in text.splitlines():
        if ":" not in line:
            continue
        target, _, rest = line.partition(":")
        if deps:  # -MP phony rules for headers follow the first rule
            break
        deps = rest.split()
    return deps


def main(depfile, target, configdir):
    deps = [d for d in parse_depfile(depfile) if not d.endswith("generated/autoconf.h")]
    symbols = set()
    for dep in deps:
        try:
            with open(dep, "rb") as f:
                symbols.update(m.decode() for m in SYMBOL.findall(f.read()))
        except OSError:
            pass
    files = sorted(f"{configdir}/{s.lower().replace('_', '/')}.h" for s in symbols)
    out = [f"{target}: \\"]
    out += [f" {d} \\" for d in deps]
    out.append(f" $(wildcard {' '.join(files)})" if files else "")
    out.append("")
    out += [f"{d}:" for d in deps[1:]]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
