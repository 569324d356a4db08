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
# LINUX_KERNEL picks the kernel (default: the pinned one below):
#   linux-image-<abi>-arm64[=<version>]  that Debian package (or just <abi>)
#   <suite>      what linux-image-arm64 depends on in that suite of the
#                machine's sources: bookworm, bookworm-security,
#                bookworm-backports (resolved anew each time: not pinned)
#   latest       apt's candidate for linux-image-arm64 (not pinned)
#   /path/x.deb  a kernel package you have (e.g. from Debian's snapshot archive)
#   /path/Image  an arm64 Image you built (plain or gzipped)
# The downloads are kept in OUT/debs (or $LINUX_GUEST_CACHE/debs) and
# reused; delete that directory to fetch afresh. LINUX_KERNEL_DRY_RUN=1
# resolves the choice, prints the package and the URIs apt would fetch,
# and stops.
set -euo pipefail

# The kernel the tests and benchmarks are measured with. Debian's archive
# keeps only current kernels: when this one leaves it, the build says so;
# a cache that holds it keeps working.
pinned_kernel=linux-image-6.1.0-57-arm64=6.1.192-3

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

choice=${LINUX_KERNEL:-$pinned_kernel}
dry_run=${LINUX_KERNEL_DRY_RUN:-}

apt_update() {
	say APT "update (arm64, private lists in $apt_dir)"
	apt-get "${apt_opts[@]}" update >"$cache/apt-update.log" 2>&1 ||
		die "apt-get update failed; see $cache/apt-update.log"
}

# What linux-image-arm64 depends on, in a suite (or apt's candidate).
meta_kernel() {
	{ apt-cache "${apt_opts[@]}" depends "linux-image-arm64${1:+/$1}" 2>/dev/null || true; } |
		sed -n 's/^ *Depends: \(linux-image-[0-9].*-arm64\)$/\1/p' | head -n 1
}

# Each suite's kernel, for the message when a choice cannot be had.
available() {
	{ apt-cache "${apt_opts[@]}" policy linux-image-arm64 2>/dev/null || true; } |
		sed -n 's|^ *[0-9]* http[^ ]* \([^/ ]*\)/.*|\1|p' | sort -u |
		while read -r suite; do
			printf '  LINUX_KERNEL=%-20s -> %s\n' "$suite" "$(meta_kernel "$suite")"
		done
}

# The choice as a package (name or name=version); symbolic ones need fresh lists.
resolve() {
	case $choice in
	linux-image-*) kernel=$choice ;;
	[0-9]*) kernel=linux-image-$choice-arm64 ;;
	*)
		apt_update
		if [ "$choice" = latest ]; then
			kernel=$(meta_kernel "")
		else
			kernel=$(meta_kernel "$choice")
		fi
		[ -n "$kernel" ] || die "LINUX_KERNEL=$choice: no linux-image-arm64 in suite '$choice' of this machine's apt sources; they offer:
$(available)"
		;;
	esac
}

# The cached package file of $kernel, if any (apt writes an epoch's ':' as %3a).
cached_deb() {
	local name=${kernel%%=*} version=
	[ "$name" = "$kernel" ] || version=${kernel#*=}
	if [ -n "$version" ]; then
		ls "$debs/${name}_${version//:/%3a}_arm64.deb" 2>/dev/null || true
	else
		ls "$debs/${name}"_*_arm64.deb 2>/dev/null | head -n 1 || true
	fi
}

# Downloads the packages named (a kernel and/or busybox-static) into $debs.
fetch() {
	local pkg
	for pkg in "$@"; do
		apt-cache "${apt_opts[@]}" show "$pkg" >/dev/null 2>&1 && continue
		apt_update
		break
	done
	for pkg in "$@"; do
		[ "$pkg" != busybox-static ] || continue
		apt-cache "${apt_opts[@]}" show "$pkg" >/dev/null 2>&1 ||
			die "kernel package $pkg is not in the archive (Debian keeps only current kernels).
Choose another with LINUX_KERNEL=<suite|package>; this machine's sources offer:
$(available)
or fetch the .deb from Debian's snapshot archive and give its path: LINUX_KERNEL=/path/to/it.deb"
	done
	if [ -n "$dry_run" ]; then
		echo "kernel package: $kernel"
		apt-get "${apt_opts[@]}" download --print-uris "$@"
		exit 0
	fi
	say APT "download $*"
	# Into a fresh directory, moved in when complete: no half download is ever reused.
	rm -rf "$debs.tmp"
	mkdir -p "$debs.tmp" "$debs"
	(cd "$debs.tmp" && apt-get "${apt_opts[@]}" download "$@") \
		>"$cache/apt-download.log" 2>&1 || die "apt-get download failed; see $cache/apt-download.log"
	mv -f "$debs.tmp"/*.deb "$debs/"
	rmdir "$debs.tmp"
}

# Builds sharing a cache (LINUX_GUEST_CACHE) take turns to fill it.
exec 9>"$cache/.lock"
flock 9
wanted=()
case $choice in
/* | ./* | ../*)
	[ -f "$choice" ] || die "LINUX_KERNEL=$choice: no such file"
	kernel=$choice
	;;
*)
	resolve
	if [ -n "$dry_run" ] || [ -z "$(cached_deb)" ]; then
		wanted+=("$kernel")
	fi
	;;
esac
if [ -n "$dry_run" ] || ! ls "$debs"/busybox-static_*.deb >/dev/null 2>&1; then
	wanted+=(busybox-static)
fi
[ ${#wanted[@]} -eq 0 ] || fetch "${wanted[@]}"
flock -u 9

stage=$out/stage
rm -rf "$stage"
mkdir -p "$stage/pkg"
busybox_deb=$(ls "$debs"/busybox-static_*.deb | head -n 1)
[ -n "$busybox_deb" ] || die "no busybox-static package in $debs"
dpkg-deb -x "$busybox_deb" "$stage/pkg"
case $kernel in
*.deb) kernel_deb=$kernel ;;
/* | ./* | ../*) kernel_deb= ;;
*) kernel_deb=$(cached_deb) ;;
esac
if [ -n "$kernel_deb" ]; then
	dpkg-deb -x "$kernel_deb" "$stage/pkg"
	vmlinuz=$(ls "$stage"/pkg/boot/vmlinuz-* 2>/dev/null | head -n 1)
	[ -n "$vmlinuz" ] || die "$kernel_deb holds no boot/vmlinuz-*: not a kernel image package"
	release=${vmlinuz##*/vmlinuz-}
else
	vmlinuz=$kernel
	release="$(basename "$kernel") (LINUX_KERNEL)"
fi

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

# Drivers for the virtio disk, network and entropy source a VM with
# dma = trusted may be given (vmconf/qemu_aarch64-linux-virtio.vmconf), in
# load order; rcS loads them only when the device tree has a virtio,mmio
# node. Debian builds them as modules; a kernel given as a plain Image
# (LINUX_KERNEL=path) brings none, and the guest then has no virtio.
virtio_modules=(drivers/virtio/virtio_mmio net/core/failover drivers/net/net_failover
	drivers/net/virtio_net drivers/block/virtio_blk drivers/char/hw_random/virtio-rng)
module_args=()
modules_dir=$stage/pkg/lib/modules/$release/kernel
if [ -d "$modules_dir" ]; then
	for module in "${virtio_modules[@]}"; do
		[ -f "$modules_dir/$module.ko" ] || continue
		module_args+=(--file "/lib/modules/${module##*/}.ko=$modules_dir/$module.ko:644")
	done
fi

"$python" "$here/mkinitramfs.py" "$out/initramfs.cpio.tmp" \
	"${module_args[@]}" \
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
