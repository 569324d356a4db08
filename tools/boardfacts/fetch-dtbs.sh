#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Fetches the device trees Debian ships in its arm64 kernel package (from
# bookworm-backports, which carries more boards than bookworm's) with apt-get
# on private lists, cache and status, as tools/linux-guest/build.sh does, and
# unpacks only the DTBs. Prints the directory holding <vendor>/<board>.dtb.
#
#   tools/boardfacts/fetch-dtbs.sh CACHE
#
# The DTBs stay in CACHE/dtbs-<package version>/ and are reused; the package
# itself is deleted once unpacked. BOARD_DTB_KERNEL picks another package
# (linux-image-<abi>-arm64=<version>). Debian's archive keeps only the current
# backports kernel: when the pinned one has left it, the current one is used
# and the script says so.
set -euo pipefail

pinned=linux-image-6.12.95+deb12-arm64=6.12.95-1~bpo12+1
say() { printf '  %-8s %s\n' "$1" "$2" >&2; }
die() { printf 'fetch-dtbs: error: %s\n' "$*" >&2; exit 1; }

cache=${1:?usage: fetch-dtbs.sh CACHE}
for tool in apt-get apt-cache dpkg-deb tar flock; do
	command -v "$tool" >/dev/null || die "'$tool' not found (run tools/install-deps.sh)"
done
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
choice=${BOARD_DTB_KERNEL:-$pinned}
version=${choice#*=}
dir=$cache/dtbs-$version
if [ -d "$dir" ]; then
	echo "$dir"
	exit 0
fi

exec 9>"$cache/.lock"
flock 9
if [ -d "$dir" ]; then
	echo "$dir"
	exit 0
fi
apt_dir=$cache/apt-arm64
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
touch "$apt_dir/status"
apt_opts=(
	-o APT::Architecture=arm64 -o APT::Architectures=arm64
	-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
	-o "Dir::State::status=$apt_dir/status"
	-o APT::Sandbox::User=root -o Debug::NoLocking=1 -q
)
say APT "update (arm64, private lists in $apt_dir)"
apt-get "${apt_opts[@]}" update >"$cache/apt-update.log" 2>&1 ||
	die "apt-get update failed; see $cache/apt-update.log"
name=${choice%%=*}
if ! apt-cache "${apt_opts[@]}" show "$choice" >/dev/null 2>&1; then
	current=$({ apt-cache "${apt_opts[@]}" depends linux-image-arm64/bookworm-backports 2>/dev/null || true; } |
		sed -n 's/^ *Depends: \(linux-image-[0-9].*-arm64\)$/\1/p' | head -n 1)
	[ -n "$current" ] || die "$choice is not in the archive and bookworm-backports offers no arm64 kernel"
	cver=$(apt-cache "${apt_opts[@]}" show "$current/bookworm-backports" 2>/dev/null |
		sed -n 's/^Version: //p' | head -n 1)
	say NOTE "$choice has left the archive; using $current=$cver"
	choice=$current=$cver
	name=$current
	version=$cver
	dir=$cache/dtbs-$version
fi
rm -rf "$cache/download" "$dir.tmp"
mkdir -p "$cache/download" "$dir.tmp"
say APT "download $choice"
(cd "$cache/download" && apt-get "${apt_opts[@]}" download "$choice") \
	>"$cache/apt-download.log" 2>&1 || die "apt-get download failed; see $cache/apt-download.log"
deb=$(ls "$cache/download/${name}"_*.deb | head -n 1)
say DTB "unpack $(basename "$deb")"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir.tmp" --wildcards './usr/lib/linux-image-*/*/*.dtb'
mv "$dir.tmp"/usr/lib/linux-image-* "$dir"
rm -rf "$dir.tmp" "$cache/download"
echo "$dir"
