#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a Linux initramfs (a 'newc' cpio archive) from a list of entries.

Every entry is owned by root with time 0, so the archive is reproducible and
needs no root privileges to build (device nodes included). Parent directories
are added as needed.

  mkinitramfs.py OUT --file /init=build/init:755 --tree rootfs \
      --symlink /bin/sh=busybox --node /dev/console=c:5:1:600 --dir /proc
"""

import argparse
import os
import stat
import sys

S_DIR, S_REG, S_LNK, S_CHR = 0o040000, 0o100000, 0o120000, 0o020000


class Archive:
    def __init__(self):
        self.entries = {}  # path -> (mode, data, rdev)

    def _parents(self, path):
        parent = os.path.dirname(path)
        while parent not in ('', '/'):
            self.entries.setdefault(parent, (S_DIR | 0o755, b'', (0, 0)))
            parent = os.path.dirname(parent)

    def add(self, path, mode, data=b'', rdev=(0, 0)):
        path = '/' + path.strip('/')
        if path == '/':
            return
        self._parents(path)
        self.entries[path] = (mode, data, rdev)

    def write(self, out):
        ino = 1
        with open(out, 'wb') as f:
            for path in sorted(self.entries):
                mode, data, rdev = self.entries[path]
                self._record(f, path.lstrip('/'), ino, mode, data, rdev)
                ino += 1
            self._record(f, 'TRAILER!!!', 0, 0, b'', (0, 0))
            pad = -f.tell() % 512
            f.write(b'\0' * pad)

    @staticmethod
    def _record(f, name, ino, mode, data, rdev):
        nlink = 2 if mode & 0o170000 == S_DIR else 1
        name_bytes = name.encode() + b'\0'
        fields = (ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1],
                  len(name_bytes), 0)
        f.write(b'070701' + b''.join(b'%08X' % v for v in fields))
        f.write(name_bytes)
        f.write(b'\0' * (-f.tell() % 4))
        f.write(data)
        f.write(b'\0' * (-f.tell() % 4))


def split(arg, what):
    if '=' not in arg:
        sys.exit('mkinitramfs: %s needs DEST=VALUE, got %r' % (what, arg))
    return arg.split('=', 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('out')
    ap.add_argument('--file', action='append', default=[], help='DEST=SRC[:MODE]')
    ap.add_argument('--tree', action='append', default=[], help='directory copied to /')
    ap.add_argument('--text', action='append', default=[], help='DEST=TEXT (a line)')
    ap.add_argument('--dir', action='append', default=[])
    ap.add_argument('--symlink', action='append', default=[], help='DEST=TARGET')
    ap.add_argument('--node', action='append', default=[], help='DEST=c:MAJOR:MINOR:MODE')
    args = ap.parse_args()

    arc = Archive()
    for tree in args.tree:
        for root, dirs, files in os.walk(tree):
            dirs.sort()
            rel = os.path.relpath(root, tree)
            if rel != '.':
                arc.add(rel, S_DIR | 0o755)
            for name in sorted(files):
                src = os.path.join(root, name)
                perm = 0o755 if os.stat(src).st_mode & stat.S_IXUSR else 0o644
                with open(src, 'rb') as f:
                    arc.add(os.path.join(rel, name), S_REG | perm, f.read())
    for spec in args.file:
        dest, src = split(spec, '--file')
        perm = 0o644
        if ':' in src:
            src, perm_text = src.rsplit(':', 1)
            perm = int(perm_text, 8)
        try:
            with open(src, 'rb') as f:
                arc.add(dest, S_REG | perm, f.read())
        except OSError as err:
            sys.exit('mkinitramfs: %s: %s' % (src, err.strerror))
    for spec in args.text:
        dest, text = split(spec, '--text')
        arc.add(dest, S_REG | 0o644, text.encode() + b'\n')
    for path in args.dir:
        arc.add(path, S_DIR | 0o755)
    for spec in args.symlink:
        dest, target = split(spec, '--symlink')
        arc.add(dest, S_LNK | 0o777, target.encode())
    for spec in args.node:
        dest, node = split(spec, '--node')
        kind, major, minor, perm = node.split(':')
        if kind != 'c':
            sys.exit('mkinitramfs: only character devices (c:...) are supported')
        arc.add(dest, S_CHR | int(perm, 8), b'', (int(major), int(minor)))
    arc.write(args.out)


if __name__ == '__main__':
    main()
