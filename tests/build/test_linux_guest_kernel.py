# SPDX-License-Identifier: Apache-2.0
# tools/linux-guest/build.sh picks its kernel by LINUX_KERNEL (pinned by default), run against fake apt tools.

import os
import stat
import subprocess
from pathlib import Path

import pytest

SRCTREE = Path(__file__).resolve().parents[2]
BUILD_SH = SRCTREE / "tools" / "linux-guest" / "build.sh"
PINNED = "linux-image-6.1.0-57-arm64_6.1.192-3_arm64.deb"
BACKPORTS = "linux-image-6.12.95+deb12-arm64"

# apt-cache: linux-image-arm64 depends on a kernel per suite; linux-image-6.1.0-40-arm64 is gone.
FAKE_APT_CACHE = r'''#!/bin/bash
echo "apt-cache $*" >>"$FAKE_LOG"
args=(); skip=
for a in "$@"; do
	if [ -n "$skip" ]; then skip=; continue; fi
	case $a in -o) skip=1 ;; -*) ;; *) args+=("$a") ;; esac
done
case ${args[0]} in
depends)
	case ${args[1]} in
	linux-image-arm64/bookworm-backports) k=linux-image-6.12.95+deb12-arm64 ;;
	linux-image-arm64/bookworm) k=linux-image-6.1.0-50-arm64 ;;
	linux-image-arm64) k=linux-image-6.1.0-57-arm64 ;;
	linux-image-armmp-lpae/bookworm) k=linux-image-6.1.0-50-armmp-lpae ;;
	*) exit 100 ;;
	esac
	printf 'linux-image-arm64\n  Depends: %s\n' "$k" ;;
show)
	case ${args[1]} in linux-image-6.1.0-40-arm64*) exit 100 ;; esac
	echo "Package: ${args[1]}" ;;
policy)
	printf 'linux-image-arm64:\n  Version table:\n'
	printf '     6.12.95-1~bpo12+1 100\n        100 http://deb.example/debian bookworm-backports/main arm64 Packages\n'
	printf '     6.1.176-1 500\n        500 http://deb.example/debian bookworm/main arm64 Packages\n' ;;
esac
'''

# apt-get: update succeeds; download writes NAME_VERSION_ARCH.deb (or prints its URI), ARCH
# from -o APT::Architecture=ARCH.
FAKE_APT_GET = r'''#!/bin/bash
echo "apt-get $*" >>"$FAKE_LOG"
args=(); skip=; uris=; arch=none
for a in "$@"; do
	if [ -n "$skip" ]; then
		skip=
		case $a in APT::Architecture=*) arch=${a#*=} ;; esac
		continue
	fi
	case $a in -o) skip=1 ;; --print-uris) uris=1 ;; -*) ;; *) args+=("$a") ;; esac
done
[ "${args[0]}" = download ] || exit 0
for p in "${args[@]:1}"; do
	name=${p%%=*}; version=1.0
	[ "$name" = "$p" ] || version=${p#*=}
	if [ -n "$uris" ]; then
		echo "'http://deb.example/${name}_${version}_$arch.deb' ${name}_${version}_$arch.deb 1 SHA256:0"
	else
		echo "$p" >"${name}_${version}_$arch.deb"
	fi
done
'''

# dpkg-deb -x DEB DIR: a kernel package holds boot/vmlinuz-<release>, busybox bin/busybox.
FAKE_DPKG_DEB = r'''#!/bin/bash
deb=$(basename "$2"); dir=$3
case $deb in
linux-image-*) release=${deb#linux-image-}; release=${release%%_*}
	mkdir -p "$dir/boot"; echo "Image of $release" >"$dir/boot/vmlinuz-$release" ;;
busybox-static_*) mkdir -p "$dir/bin"; echo busybox >"$dir/bin/busybox" ;;
esac
'''

FAKE_GCC = r'''#!/bin/bash
while [ $# -gt 0 ]; do [ "$1" = -o ] && { echo prog >"$2"; shift; }; shift; done
'''


@pytest.fixture
def fake(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in (("apt-cache", FAKE_APT_CACHE), ("apt-get", FAKE_APT_GET),
                       ("dpkg-deb", FAKE_DPKG_DEB), ("fake-gcc", FAKE_GCC),
                       ("fake-strip", "#!/bin/sh\n")):
        path = bin_dir / name
        path.write_text(text)
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    cache = tmp_path / "cache"
    log = tmp_path / "apt.log"
    log.write_text("")

    def run(kernel=None, dry_run=False, out="out", arch=None):
        env = dict(os.environ, PATH="%s:%s" % (bin_dir, os.environ["PATH"]),
                   FAKE_LOG=str(log), LINUX_GUEST_CACHE=str(cache))
        env.pop("LINUX_KERNEL", None)
        if kernel is not None:
            env["LINUX_KERNEL"] = kernel
        if dry_run:
            env["LINUX_KERNEL_DRY_RUN"] = "1"
        args = ["--arch", arch] if arch else []
        return subprocess.run([str(BUILD_SH)] + args + [str(tmp_path / out), "fake-"], env=env,
                              capture_output=True, text=True, timeout=120)

    run.cache, run.log, run.tmp = cache, log, tmp_path
    return run


def test_pinned_kernel_from_cache_needs_no_apt(fake):
    debs = fake.cache / "debs"
    debs.mkdir(parents=True)
    for name in (PINNED, "busybox-static_1%3a1.35.0_arm64.deb",
                 "linux-image-6.1.0-50-arm64_6.1.176-1_arm64.deb"):
        (debs / name).write_text("cached\n")
    result = fake()
    assert result.returncode == 0, result.stderr
    assert fake.log.read_text() == ""
    assert (fake.tmp / "out" / "release").read_text() == "6.1.0-57-arm64\n"
    assert (fake.tmp / "out" / "Image").read_text() == "Image of 6.1.0-57-arm64\n"


def test_pinned_kernel_is_downloaded_by_name_and_version(fake):
    result = fake()
    assert result.returncode == 0, result.stderr
    download = [line for line in fake.log.read_text().splitlines() if " download " in line]
    assert len(download) == 1
    assert download[0].endswith("download linux-image-6.1.0-57-arm64=6.1.192-3 busybox-static")
    assert (fake.cache / "debs" / PINNED).exists()


@pytest.mark.parametrize("kernel, package", [
    ("bookworm-backports", BACKPORTS),
    ("bookworm", "linux-image-6.1.0-50-arm64"),
    ("latest", "linux-image-6.1.0-57-arm64"),
    ("6.1.0-50", "linux-image-6.1.0-50-arm64"),
    (None, "linux-image-6.1.0-57-arm64=6.1.192-3"),
])
def test_dry_run_resolves_the_choice(fake, kernel, package):
    result = fake(kernel, dry_run=True)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if not line.startswith("  APT ")]
    assert lines[0] == "kernel package: %s" % package
    assert any(line.startswith("'http://deb.example/%s_" % package.split("=")[0])
               for line in lines[1:])
    assert not (fake.tmp / "out" / "Image").exists()


def test_backports_kernel_builds_beside_the_pinned_one(fake):
    assert fake("bookworm-backports").returncode == 0
    assert (fake.tmp / "out" / "release").read_text() == "6.12.95+deb12-arm64\n"
    # Back to the pin: the backports package stays cached, the pinned one is added.
    result = fake()
    assert result.returncode == 0, result.stderr
    assert (fake.tmp / "out" / "release").read_text() == "6.1.0-57-arm64\n"
    names = sorted(p.name for p in (fake.cache / "debs").iterdir())
    assert [n for n in names if n.startswith("linux-image")] == [
        PINNED, BACKPORTS + "_1.0_arm64.deb"]


def test_a_kernel_gone_from_the_archive_names_what_is_there(fake):
    result = fake("linux-image-6.1.0-40-arm64")
    assert result.returncode == 1
    assert "linux-image-6.1.0-40-arm64 is not in the archive" in result.stderr
    assert "LINUX_KERNEL=bookworm-backports   -> %s" % BACKPORTS in result.stderr
    assert "LINUX_KERNEL=bookworm             -> linux-image-6.1.0-50-arm64" in result.stderr
    assert not (fake.tmp / "out" / "Image").exists()


def test_unknown_suite_is_refused(fake):
    result = fake("trixie")
    assert result.returncode == 1
    assert "LINUX_KERNEL=trixie: no linux-image-arm64 in suite 'trixie'" in result.stderr


def test_own_image_file(fake):
    image = fake.tmp / "MyImage"
    image.write_bytes(b"my kernel\n")
    result = fake(str(image))
    assert result.returncode == 0, result.stderr
    assert (fake.tmp / "out" / "Image").read_bytes() == b"my kernel\n"
    assert (fake.tmp / "out" / "release").read_text() == "MyImage (LINUX_KERNEL)\n"
    assert "linux-image" not in fake.log.read_text()


# armhf (qemu_arm): the armmp-lpae flavour, its own pin, a zImage taken as it is, and a cache
# shared with arm64 builds keeping each architecture's packages apart.
PINNED_ARMHF = "linux-image-6.1.0-57-armmp-lpae_6.1.192-3_armhf.deb"


def test_armhf_pinned_kernel_is_downloaded_beside_arm64s(fake):
    assert fake().returncode == 0
    result = fake(arch="armhf", out="out-armhf")
    assert result.returncode == 0, result.stderr
    download = [line for line in fake.log.read_text().splitlines() if " download " in line]
    assert len(download) == 2
    assert "APT::Architecture=armhf" in download[1]
    assert download[1].endswith(
        "download linux-image-6.1.0-57-armmp-lpae=6.1.192-3 busybox-static")
    names = sorted(p.name for p in (fake.cache / "debs").iterdir())
    assert names == ["busybox-static_1.0_arm64.deb", "busybox-static_1.0_armhf.deb",
                     PINNED, PINNED_ARMHF]
    out = fake.tmp / "out-armhf"
    assert (out / "zImage").read_text() == "Image of 6.1.0-57-armmp-lpae\n"
    assert (out / "release").read_text() == "6.1.0-57-armmp-lpae\n"
    assert not (out / "Image").exists()
    # Built again: everything comes from the cache.
    fake.log.write_text("")
    assert fake(arch="armhf", out="out-armhf").returncode == 0
    assert fake.log.read_text() == ""


@pytest.mark.parametrize("kernel, package", [
    ("bookworm", "linux-image-6.1.0-50-armmp-lpae"),
    ("6.1.0-50", "linux-image-6.1.0-50-armmp-lpae"),
    (None, "linux-image-6.1.0-57-armmp-lpae=6.1.192-3"),
])
def test_armhf_dry_run_resolves_the_choice(fake, kernel, package):
    result = fake(kernel, dry_run=True, arch="armhf")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if not line.startswith("  APT ")]
    assert lines[0] == "kernel package: %s" % package
    assert any(line.startswith("'http://deb.example/%s_" % package.split("=")[0]) and
               line.endswith("_armhf.deb 1 SHA256:0") for line in lines[1:]), lines


def test_a_kernel_of_the_other_architecture_is_refused(fake):
    result = fake("linux-image-6.1.0-57-arm64", arch="armhf")
    assert result.returncode == 1
    assert ("LINUX_KERNEL=linux-image-6.1.0-57-arm64 is not an armmp-lpae kernel package; "
            "this build is for armhf") in result.stderr
    assert fake.log.read_text() == ""


def test_unknown_arch_is_refused(fake):
    result = fake(arch="riscv64")
    assert result.returncode == 1
    assert "--arch riscv64: arm64 or armhf" in result.stderr
