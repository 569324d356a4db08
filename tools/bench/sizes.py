# SPDX-License-Identifier: Apache-2.0
"""Image size and compiled source lines of a build directory."""

import os
import re
import subprocess

# A line that holds code: not blank, not only a comment.
_COMMENT_ONLY = re.compile(r"^\s*(//.*|/\*.*|\*.*|\*/\s*|#\s*$)?$")


def code_lines(path):
    """Lines of code in a C, header or assembly file (comments and blanks not counted)."""
    count = 0
    in_block = False
    with open(path, errors="replace") as f:
        for line in f:
            text = line.strip()
            if in_block:
                if "*/" in text:
                    in_block = False
                    text = text.split("*/", 1)[1].strip()
                else:
                    continue
            if text.startswith("/*") and "*/" not in text:
                in_block = True
                continue
            if not _COMMENT_ONLY.match(text):
                count += 1
    return count


def compiled_sources(objtree, srctree):
    """Every source and header inside srctree that went into the image (from .d files)."""
    files = set()
    for root, _dirs, names in os.walk(objtree):
        if "guests" in os.path.relpath(root, objtree).split(os.sep):
            continue
        for name in names:
            if not name.endswith(".d") or name.endswith(".lds.d"):
                continue
            with open(os.path.join(root, name)) as f:
                text = f.read().replace("\\\n", " ")
            first = text.split("\n", 1)[0]
            for dep in first.partition(":")[2].split():
                dep = os.path.abspath(dep)
                if dep.startswith(srctree + os.sep) and os.path.exists(dep):
                    files.add(dep)
    return sorted(files)


def image_size(objtree, cross_compile):
    """text/data/bss of bulwark.elf and the size of bulwark.bin, in bytes."""
    out = subprocess.run([cross_compile + "size", "-A", os.path.join(objtree, "bulwark.elf")],
                         stdout=subprocess.PIPE, text=True, check=True).stdout
    sizes = {"text": 0, "data": 0, "bss": 0, "guest_images": 0}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 3 or not parts[1].isdigit():
            continue
        name, size = parts[0], int(parts[1])
        if name == ".vmimage":
            sizes["guest_images"] += size  # embedded guests, not the hypervisor
        elif name in (".text", ".rodata") or name.startswith(".text"):
            sizes["text"] += size
        elif name in (".data", ".sdata"):
            sizes["data"] += size
        elif name in (".bss", ".sbss", ".stacks", ".pagetables") or name.endswith("bss"):
            sizes["bss"] += size
    sizes["bin"] = os.path.getsize(os.path.join(objtree, "bulwark.bin"))
    return sizes


def measure(objtree, srctree, cross_compile):
    files = compiled_sources(objtree, srctree)
    return {
        "size": image_size(objtree, cross_compile),
        "source_files": len(files),
        "source_lines": sum(code_lines(f) for f in files),
    }
