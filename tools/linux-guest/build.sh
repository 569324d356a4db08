#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Assembles an arm64 Linux guest from Debian packages: the stock kernel
# (linux-image-*-arm64) and busybox-static, fetched with apt-get using
# private lists, cache and status, so the machine's own apt state and
# architectures are untouched. Writes OUT/Image and OUT/initramfs.cpio.
#
#   tools/linux-guest/build.sh OUT [CROSS_COMPILE]
#
# The downloads are kept in OUT/debs (or $LINUX_GUEST_CACHE/debs) and
# reused; delete that directory to fetch afresh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUT [CROSS_COMPILE]}
cross=${2:-aarch64-linux-gnu-}
python=${PYTHON:-/usr/bin/python3}

say() { printf '  %-8s %s\n' "$1" "$2"; }
die() { printf 'linux-guest: error: %s\n' "$*" >&2; exit 1; }

for tool in apt-get apt-cache dpkg-deb flock "${cross}gcc"; do
	command -v "$tool" >/dev/null ||
		die "'$tool' not found (run tools/install-deps.sh; the compiler is Debian package gcc-aarch64-linux-gnu)"
done

mkdir -p "$out"
out=$(cd "$out" && pwd)
cache=${LINUX_GUEST_CACHE:-$out}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
apt_dir=$cache/apt
debs=$cache/debs
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
touch "$apt_dir/status"

# Private apt: arm64 only, its own lists, cache and (empty) package status;
# the machine's sources are read, never changed.
apt_opts=(
	-o APT::Architecture=arm64 -o APT::Architectures=arm64
	-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
	-o "Dir::State::status=$apt_dir/status"
	-o APT::Sandbox::User=root -o Debug::NoLocking=1 -q
)

fetch() {
	say APT "update (arm64, private lists in $apt_dir)"
	apt-get "${apt_opts[@]}" update >"$cache/apt-update.log" 2>&1 ||
		die "apt-get update failed; see $cache/apt-update.log"
	local kernel
	kernel=$(apt-cache "${apt_opts[@]}" depends linux-image-arm64 |
		sed -n 's/^ *Depends: \(linux-image-[0-9].*-arm64\)$/\1/p' | head -n 1)
	[ -n "$kernel" ] || die "cannot resolve linux-image-arm64 to a kernel package"
	say APT "download $kernel busybox-static"
	# Into a fresh directory, renamed when complete: no half download is ever reused.
	rm -rf "$debs.tmp"
	mkdir -p "$debs.tmp"
	(cd "$debs.tmp" && apt-get "${apt_opts[@]}" download "$kernel" busybox-static) \
		>"$cache/apt-download.log" 2>&1 || die "apt-get download failed; see $cache/apt-download.log"
	rm -rf "$debs"
	mv "$debs.tmp" "$debs"
}

# Builds sharing a cache (LINUX_GUEST_CACHE) take turns to fill it.
exec 9>"$cache/.lock"
flock 9
ls "$debs"/linux-image-*.deb "$debs"/busybox-static_*.deb >/dev/null 2>&1 || fetch
flock -u 9

stage=$out/stage
rm -rf "$stage"
mkdir -p "$stage/pkg"
for deb in "$debs"/*.deb; do
	dpkg-deb -x "$deb" "$stage/pkg"
done
vmlinuz=$(ls "$stage"/pkg/boot/vmlinuz-* | head -n 1)
release=${vmlinuz##*/vmlinuz-}
moddir=$stage/pkg/lib/modules/$release

# Debian's arm64 vmlinuz is a plain Image; take it as it is, or gunzip it.
if gzip -t "$vmlinuz" 2>/dev/null; then
	gzip -dc "$vmlinuz" >"$out/Image.tmp"
else
	cp "$vmlinuz" "$out/Image.tmp"
fi
mv -f "$out/Image.tmp" "$out/Image"
say KERNEL "$release -> $out/Image"

# The guest's own programs: static, so the initramfs needs no libc.
cflags=(-static -O2 -std=gnu11 -Wall -Wextra -Werror -I"$here")
for prog in init bwipc; do
	say CC "$prog (arm64 Linux)"
	"${cross}gcc" "${cflags[@]}" -o "$stage/$prog" "$here/$prog.c"
	"${cross}strip" "$stage/$prog"
done

"$python" "$here/mkinitramfs.py" "$out/initramfs.cpio.tmp" \
	--file /init="$stage/init":755 \
	--file /bin/busybox="$stage/pkg/bin/busybox":755 \
	--file /usr/bin/bwipc="$stage/bwipc":755 \
	--tree "$here/rootfs" \
	--text /etc/bulwark-release="Linux $release on Bulwark" \
	--dir /proc --dir /sys --dir /dev --dir /tmp --dir /root --dir /mnt \
	--dir /sbin --dir /usr/sbin \
	--symlink /bin/sh=busybox --symlink /sbin/init=../bin/busybox \
	--node /dev/console=c:5:1:600 --node /dev/null=c:1:3:666
mv -f "$out/initramfs.cpio.tmp" "$out/initramfs.cpio"
say CPIO "$out/initramfs.cpio ($(stat -c %s "$out/initramfs.cpio") bytes)"
echo "$release" >"$out/release"
