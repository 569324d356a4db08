#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Installs everything Bulwark needs from Debian 12 packages. Idempotent:
# running it again changes nothing once all is in place.
#
# QEMU 10 and OpenSBI 1.5 come from bookworm-backports. The backports entry
# is derived from the Debian sources this machine already uses, so no mirror
# host is ever named here.
set -euo pipefail

BACKPORTS_FILE=/etc/apt/sources.list.d/bulwark-backports.sources

BASE_PACKAGES=(
	make gcc libc6-dev git tmux
	python3 python3-kconfiglib python3-pytest python3-pytest-xdist
	gcc-riscv64-linux-gnu gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf libc6-dev-arm64-cross libc6-dev-armhf-cross
	gcc-arm-none-eabi gcc-riscv64-unknown-elf binutils-riscv64-linux-gnu
	device-tree-compiler u-boot-qemu u-boot-tools e2fsprogs
	cppcheck clang-format gnuplot-nox gdb-multiarch
)
BACKPORTS_PACKAGES=(qemu-system-riscv qemu-system-arm opensbi)

say() { printf 'install-deps: %s\n' "$*"; }
die() { printf 'install-deps: error: %s\n' "$*" >&2; exit 1; }

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || die "run as root or install sudo"
	SUDO=sudo
fi

# Print "URI|keyring" of the first configured Debian main archive entry
# (the one serving the plain 'bookworm' suite), from deb822 or one-line files.
find_debian_archive() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk '
			function flush() {
				if (uri != "" && suites ~ /(^| )bookworm( |$)/ && types ~ /deb( |$)/)
					{ print uri "|" key; found = 1; exit }
				uri = ""; suites = ""; key = ""; types = ""
			}
			/^[ \t]*$/ { flush(); next }
			/^[ \t]*#/ { next }
			/^URIs:/ { uri = $2 }
			/^Suites:/ { $1 = ""; suites = $0 }
			/^Types:/ { $1 = ""; types = $0 }
			/^Signed-By:/ { key = $2 }
			END { if (!found) flush() }
		' "$f" | head -n 1
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk '$1 == "deb" {
			i = 2; key = ""
			if ($2 ~ /^\[/) {
				while ($i !~ /\]$/) { if ($i ~ /signed-by=/) key = $i; i++ }
				if ($i ~ /signed-by=/) key = $i
				i++
			}
			if ($(i + 1) == "bookworm") {
				sub(/.*signed-by=/, "", key); sub(/\]$/, "", key)
				print $i "|" key; exit
			}
		}' "$f" | head -n 1
	done
}

add_backports() {
	if grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		say "bookworm-backports already configured"
		return 0
	fi
	local entry uri key
	entry=$(find_debian_archive | head -n 1)
	[ -n "$entry" ] || die "no Debian 'bookworm' entry in /etc/apt sources to derive bookworm-backports from"
	uri=${entry%%|*}
	key=${entry#*|}
	[ -n "$key" ] || key=/usr/share/keyrings/debian-archive-keyring.gpg
	say "adding bookworm-backports from the configured archive"
	$SUDO tee "$BACKPORTS_FILE" >/dev/null <<SRC
Types: deb
URIs: $uri
Suites: bookworm-backports
Components: main
Signed-By: $key
SRC
}

missing_packages() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
	done
}

qemu_is_new_enough() {
	local v
	v=$(qemu-system-riscv64 --version 2>/dev/null | sed -n 's/.*version \([0-9]*\)\..*/\1/p' | head -n 1)
	[ -n "$v" ] && [ "$v" -ge 10 ]
}

main() {
	export DEBIAN_FRONTEND=noninteractive
	add_backports
	local need_base need_bp updated=0
	need_base=$(missing_packages "${BASE_PACKAGES[@]}")
	need_bp=$(missing_packages "${BACKPORTS_PACKAGES[@]}")
	if [ -n "$need_base" ] || [ -n "$need_bp" ] || ! qemu_is_new_enough; then
		$SUDO apt-get update -q
		updated=1
	fi
	if [ -n "$need_base" ]; then
		say "installing: $(echo $need_base)"
		# shellcheck disable=SC2086
		$SUDO apt-get install -y -q --no-install-recommends $need_base
	fi
	if [ -n "$need_bp" ] || ! qemu_is_new_enough; then
		say "installing from bookworm-backports: ${BACKPORTS_PACKAGES[*]}"
		$SUDO apt-get install -y -q --no-install-recommends -t bookworm-backports "${BACKPORTS_PACKAGES[@]}"
	fi
	[ "$updated" -eq 1 ] || say "all packages already installed"
	qemu_is_new_enough || die "QEMU 10 or newer is required; qemu-system-riscv64 reports: $(qemu-system-riscv64 --version | head -n 1)"
	say "done"
}

main "$@"
