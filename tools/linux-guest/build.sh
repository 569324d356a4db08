#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Assembles a Linux guest from Debian packages: the stock kernel
# (linux-image-*-arm64 for arm64, linux-image-*-armmp-lpae for armhf) and
# busybox-static of the same architecture, fetched with apt-get using
# private lists, cache and status, so the machine's own apt state and
# architectures are untouched. Writes OUT/Image (arm64) or OUT/zImage
# (armhf) and OUT/initramfs.cpio.
#
#   tools/linux-guest/build.sh [--arch arm64|armhf] OUT [CROSS_COMPILE]
#
# LINUX_KERNEL picks the kernel (default: the pinned one below); FLAVOUR is
# arm64 or armmp-lpae, after the architecture:
#   linux-image-<abi>-FLAVOUR[=<version>]  that Debian package (or just <abi>)
#   <suite>      what linux-image-FLAVOUR depends on in that suite of the
#                machine's sources: bookworm, bookworm-security,
#                bookworm-backports (resolved anew each time: not pinned)
#   latest       apt's candidate for linux-image-FLAVOUR (not pinned)
#   /path/x.deb  a kernel package you have (e.g. from Debian's snapshot archive)
#   /path/Image  a kernel you built: an arm64 Image (plain or gzipped), an
#                armhf zImage
# The downloads are kept in OUT/debs (or $LINUX_GUEST_CACHE/debs) and
# reused; delete that directory to fetch afresh. LINUX_KERNEL_DRY_RUN=1
# resolves the choice, prints the package and the URIs apt would fetch,
# and stops.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
usage="usage: build.sh [--arch arm64|armhf] OUT [CROSS_COMPILE]"
arch=arm64
if [ "${1:-}" = --arch ]; then
	arch=${2:?$usage}
	shift 2
fi

# Per Debian architecture: the kernel flavour, the kernel the tests and
# benchmarks are measured with (pinned), the compiler, and the file the
# kernel becomes. Debian's archive keeps only current kernels: when the
# pinned one leaves it, the build says so; a cache that holds it keeps working.
case $arch in
arm64)
	flavour=arm64
	pinned_kernel=linux-image-6.1.0-57-arm64=6.1.192-3
	default_cross=aarch64-linux-gnu-
	compiler_pkgs="gcc-aarch64-linux-gnu and libc6-dev-arm64-cross"
	image_name=Image
	;;
armhf)
	# The LPAE kernel: the Cortex-A15/A7 class with the virtualization
	# extensions, whose guests see an LPAE stage 2 (40-bit addresses).
	flavour=armmp-lpae
	pinned_kernel=linux-image-6.1.0-57-armmp-lpae=6.1.192-3
	default_cross=arm-linux-gnueabihf-
	compiler_pkgs="gcc-arm-linux-gnueabihf and libc6-dev-armhf-cross"
	image_name=zImage
	;;
*)
	printf 'linux-guest: error: --arch %s: arm64 or armhf\n' "$arch" >&2
	exit 1
	;;
esac
meta=linux-image-$flavour

out=${1:?$usage}
cross=${2:-$default_cross}
python=${PYTHON:-/usr/bin/python3}

say() { printf '  %-8s %s\n' "$1" "$2"; }
die() { printf 'linux-guest: error: %s\n' "$*" >&2; exit 1; }

for tool in apt-get apt-cache dpkg-deb flock "${cross}gcc"; do
	command -v "$tool" >/dev/null ||
		die "'$tool' not found (run tools/install-deps.sh; the compiler is Debian's $compiler_pkgs)"
done

mkdir -p "$out"
out=$(cd "$out" && pwd)
cache=${LINUX_GUEST_CACHE:-$out}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
apt_dir=$cache/apt-$arch
debs=$cache/debs
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
touch "$apt_dir/status"

# Private apt: this architecture only, its own lists, cache and (empty)
# package status; the machine's sources are read, never changed (no
# dpkg --add-architecture is needed).
apt_opts=(
	-o APT::Architecture=$arch -o APT::Architectures=$arch
	-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
	-o "Dir::State::status=$apt_dir/status"
	-o APT::Sandbox::User=root -o Debug::NoLocking=1 -q
)

choice=${LINUX_KERNEL:-$pinned_kernel}
dry_run=${LINUX_KERNEL_DRY_RUN:-}

apt_update() {
	say APT "update ($arch, private lists in $apt_dir)"
	apt-get "${apt_opts[@]}" update >"$cache/apt-update.log" 2>&1 ||
		die "apt-get update failed; see $cache/apt-update.log"
}

# What linux-image-FLAVOUR depends on, in a suite (or apt's candidate).
meta_kernel() {
	{ apt-cache "${apt_opts[@]}" depends "$meta${1:+/$1}" 2>/dev/null || true; } |
		sed -n "s/^ *Depends: \(linux-image-[0-9].*-$flavour\)\$/\1/p" | head -n 1
}

# Each suite's kernel, for the message when a choice cannot be had.
available() {
	{ apt-cache "${apt_opts[@]}" policy "$meta" 2>/dev/null || true; } |
		sed -n 's|^ *[0-9]* http[^ ]* \([^/ ]*\)/.*|\1|p' | sort -u |
		while read -r suite; do
			printf '  LINUX_KERNEL=%-20s -> %s\n' "$suite" "$(meta_kernel "$suite")"
		done
}

# The choice as a package (name or name=version); symbolic ones need fresh lists.
resolve() {
	case $choice in
	linux-image-*)
		kernel=$choice
		case ${kernel%%=*} in
		*-"$flavour") ;;
		*) die "LINUX_KERNEL=$choice is not an $flavour kernel package; this build is for $arch (linux-image-<abi>-$flavour)" ;;
		esac
		;;
	[0-9]*) kernel=linux-image-$choice-$flavour ;;
	*)
		apt_update
		if [ "$choice" = latest ]; then
			kernel=$(meta_kernel "")
		else
			kernel=$(meta_kernel "$choice")
		fi
		[ -n "$kernel" ] || die "LINUX_KERNEL=$choice: no $meta in suite '$choice' of this machine's apt sources; they offer:
$(available)"
		;;
	esac
}

# The cached package file of $kernel, if any (apt writes an epoch's ':' as %3a).
cached_deb() {
	local name=${kernel%%=*} version=
	[ "$name" = "$kernel" ] || version=${kernel#*=}
	if [ -n "$version" ]; then
		ls "$debs/${name}_${version//:/%3a}_$arch.deb" 2>/dev/null || true
	else
		ls "$debs/${name}"_*_"$arch".deb 2>/dev/null | head -n 1 || true
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
if [ -n "$dry_run" ] || ! ls "$debs"/busybox-static_*_"$arch".deb >/dev/null 2>&1; then
	wanted+=(busybox-static)
fi
[ ${#wanted[@]} -eq 0 ] || fetch "${wanted[@]}"
flock -u 9

stage=$out/stage
rm -rf "$stage"
mkdir -p "$stage/pkg"
busybox_deb=$(ls "$debs"/busybox-static_*_"$arch".deb 2>/dev/null | head -n 1 || true)
[ -n "$busybox_deb" ] || die "no $arch busybox-static package in $debs"
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
# Its armhf vmlinuz is a zImage, which decompresses itself: taken as it is.
image=$out/$image_name
if [ "$arch" = arm64 ] && gzip -t "$vmlinuz" 2>/dev/null; then
	gzip -dc "$vmlinuz" >"$image.tmp"
else
	cp "$vmlinuz" "$image.tmp"
fi
mv -f "$image.tmp" "$image"
say KERNEL "$release -> $image"

# The guest's own programs: static, so the initramfs needs no libc.
cflags=(-static -O2 -std=gnu11 -Wall -Wextra -Werror -D_FILE_OFFSET_BITS=64 -I"$here")
for prog in init bwipc; do
	say CC "$prog ($arch Linux)"
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
