#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Prints the first Python 3 interpreter that can import kconfiglib, or
# nothing. $PYTHON is tried first, then Debian's own interpreter (which sees
# Debian's python3-* packages even when another python3 is first on PATH).
# With PYTHON_ONLY=1 (PYTHON given on make's command line) only $PYTHON is
# tried: the user's choice is checked, never silently replaced.
candidates=${PYTHON_CANDIDATES:-/usr/bin/python3 python3 python}
if [ -n "${PYTHON_ONLY:-}" ]; then
	candidates=
fi
for py in ${PYTHON:-} $candidates; do
	if command -v "$py" >/dev/null 2>&1 &&
		"$py" -c 'import sys, kconfiglib; sys.exit(sys.version_info < (3, 9))' \
			>/dev/null 2>&1; then
		command -v "$py"
		exit 0
	fi
done
exit 1
