#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds the test guests once per content in a cache shared by build directories (GUEST_CACHE).
#
# Usage: guest-cache.sh CACHE OUT GUEST_ARCH CROSS_COMPILE
# (srctree, MAKE, V and MAKEFLAGS come from make's environment).
#
# The cache entry's name is a hash of everything the guests are built
# from: the files under tests/guests, the headers they take from
# tools/linux-guest, the architecture, the compiler and the guest variables
# given on make's command line (<guest>-defines=..., <guest>-cases=...) and
# the board's GUEST_RAM_BASE, GUEST_BASES, GUEST_UARTS, GUEST_BOARD_DEFINES and GUEST_ONLY
# (from the environment).
# The first build directory that needs an entry builds it (under a lock, so
# that parallel builds wait for it instead of building it too); every build
# directory then gets its own copy of the images in OUT, never a link, so
# that a test or a user may overwrite one there. The newest 24 entries
# of an architecture are kept (one per board and configuration a test run
# builds: the hardware boards' entries hold the few guests they use).

set -e
cache=$1 out=$2 arch=$3 cross=$4
: "${srctree:?}" "${MAKE:=make}"

overrides=
for word in $MAKEFLAGS; do
	case $word in
	GUEST_CACHE=*) ;;
	*-defines=* | *-defines-*=* | *-cases=* | *-cases-*=* | GUEST_*=*)
		overrides="$overrides $word" ;;
	esac
done

key=$(
	{
		echo "$arch $cross $(command -v "${cross}gcc") $overrides ${GUEST_RAM_BASE:-} ${GUEST_BASES:-} ${GUEST_BOARD_DEFINES:-} ONLY:${GUEST_ONLY:-} UARTS:${GUEST_UARTS:-}"
		"${cross}gcc" --version | head -n 1
		cd "$srctree" && { find tests/guests -type f; ls tools/linux-guest/*.h; } |
			LC_ALL=C sort | xargs sha256sum
	} | sha256sum | cut -c1-16
)
entry=$cache/$arch-$key
mkdir -p "$cache"

# One builder per entry; the others wait on the lock and find it done.
exec 9>"$entry.lock"
flock 9
if [ ! -e "$entry/.done" ]; then
	rm -rf "$entry"
	"$MAKE" -f "$srctree/tests/guests/Makefile" srctree="$srctree" O="$entry" \
		GUEST_ARCH="$arch" CROSS_COMPILE="$cross" V="${V:-0}" \
		GUEST_BOARD_DEFINES="${GUEST_BOARD_DEFINES:-}" GUEST_RAM_BASE="${GUEST_RAM_BASE:-}" GUEST_BASES="${GUEST_BASES:-}" \
		GUEST_UARTS="${GUEST_UARTS:-}" ${GUEST_ONLY:+"guests-$arch=$GUEST_ONLY"}
	touch "$entry/.done"
	# Keep the 24 newest entries of this architecture.
	ls -dt "$cache/$arch"-*/ 2>/dev/null | tail -n +25 | while read -r old; do
		rm -rf "${old%/}" "${old%/}.lock"
	done
fi
flock -u 9

# A fresh copy (new modification times: the layout tool's dependencies on
# the images see them change), without the objects.
rm -rf "$out"
mkdir -p "$out"
for f in "$entry"/*; do
	case ${f##*/} in obj) ;; *) [ -e "$f" ] && cp -R "$f" "$out/" ;; esac
done
[ -d "$out/native" ]
[ "${V:-0}" = 1 ] || printf '  %-8s %s\n' GUESTS "guests/ (a copy of $entry)"
