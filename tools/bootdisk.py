# SPDX-License-Identifier: Apache-2.0
"""Builds the boot disk of a layout whose guest files the boot loader loads (preload).

Out of $(O)/generated/boot.cmd (the U-Boot script tools/vmconf wrote) and
$(O)/generated/bootdisk.manifest (each preloaded file and its name on the
disk) it makes $(O)/boot.scr with mkimage, and $(O)/bootdisk.img: an MBR
disk with one bootable ext2 partition holding boot.scr, bulwark.bin and the
guest files, which U-Boot's distro boot finds by itself. With no manifest
(the layout embeds every file) it removes both, so none is left stale.
"""

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile

SECTOR = 512
PART_START = 2048  # sectors: the partition starts at 1 MiB
MKE2FS = ("mke2fs", "/usr/sbin/mke2fs", "/sbin/mke2fs")


class DiskError(Exception):
    pass


def find_tool(names, package):
    for name in names:
        path = shutil.which(name) or (name if os.path.isabs(name) and os.access(name, os.X_OK)
                                      else None)
        if path:
            return path
    raise DiskError(f"{names[0]} not found: install the Debian package {package} "
                    "(tools/install-deps.sh does it)")


def read_manifest(path):
    """[(name on disk, source path)] from 'name<TAB>path' lines."""
    entries = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            name, sep, source = line.partition("\t")
            if not sep or not name or not source:
                raise DiskError(f"{path}:{number}: expected 'name<TAB>path', found {line!r}")
            if not os.path.isfile(source):
                raise DiskError(f"{path}:{number}: {source} not found (it was there when the "
                                "layout was compiled: rebuild it)")
            entries.append((name, source))
    return entries


def make_script(boot_cmd, out_scr):
    mkimage = find_tool(("mkimage",), "u-boot-tools")
    proc = subprocess.run([mkimage, "-A", "arm64", "-O", "linux", "-T", "script", "-C", "none",
                           "-n", "Bulwark boot", "-d", boot_cmd, out_scr],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode:
        raise DiskError(f"mkimage failed:\n{proc.stdout}")


def mbr(part_sectors):
    """A master boot record with one bootable Linux partition from PART_START."""
    # status 0x80 (bootable), CHS fields unused (LBA only), type 0x83, first LBA, sectors.
    entry = struct.pack("<B3sB3sII", 0x80, b"\xff\xff\xfe", 0x83, b"\xff\xff\xfe",
                        PART_START, part_sectors)
    return bytes(446) + entry + bytes(48) + b"\x55\xaa"


def make_disk(files, out_disk):
    """files: [(name on disk, source path)] -> an MBR disk image with one ext2 partition."""
    mke2fs = find_tool(MKE2FS, "e2fsprogs")
    payload = sum(os.path.getsize(src) for _, src in files)
    # Room for the file system's own tables: a quarter more, and 4 MiB at least.
    fs_kib = (payload + payload // 4 + (4 << 20)) // 1024
    with tempfile.TemporaryDirectory(prefix="bootdisk-", dir=os.path.dirname(out_disk)) as tmp:
        root = os.path.join(tmp, "root")
        for name, src in files:
            dest = os.path.join(root, name)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copyfile(src, dest)
        fs = os.path.join(tmp, "fs.img")
        proc = subprocess.run([mke2fs, "-q", "-F", "-t", "ext2", "-L", "bulwark", "-d", root,
                               fs, f"{fs_kib}k"], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        if proc.returncode:
            raise DiskError(f"mke2fs failed:\n{proc.stdout}")
        fs_size = os.path.getsize(fs)
        part = os.path.join(tmp, "disk.img")
        with open(part, "wb") as out, open(fs, "rb") as src:
            out.write(mbr(fs_size // SECTOR))
            out.write(bytes(PART_START * SECTOR - SECTOR))
            shutil.copyfileobj(src, out, 1 << 20)
        os.replace(part, out_disk)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--boot-cmd", required=True)
    ap.add_argument("--hypervisor", required=True, help="bulwark.bin")
    ap.add_argument("--out-scr", required=True)
    ap.add_argument("--out-disk", required=True)
    args = ap.parse_args(argv)
    if not os.path.exists(args.manifest):
        for stale in (args.out_scr, args.out_disk):
            if os.path.exists(stale):
                os.unlink(stale)
        return 0
    try:
        files = read_manifest(args.manifest)
        make_script(args.boot_cmd, args.out_scr)
        files += [("boot.scr", args.out_scr),
                  (os.path.basename(args.hypervisor), args.hypervisor)]
        make_disk(files, args.out_disk)
    except DiskError as err:
        for partial in (args.out_scr, args.out_disk):
            if os.path.exists(partial):
                os.unlink(partial)
        sys.stderr.write(f"bootdisk: error: {err}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
