# SPDX-License-Identifier: Apache-2.0
# Writes generated files atomically and removes stale outputs after an error.

import os
import tempfile


def _unchanged(path, text):
    try:
        with open(path, 'rb') as f:
            return f.read() == (text if isinstance(text, bytes) else text.encode('utf-8'))
    except OSError:
        return False


def write_all(files):
    """Writes {path: text or bytes} so that each file appears complete or not at all.

    A file whose content would not change is left alone, so that its
    timestamp does not make the build recompile what includes it.
    """
    files = {path: text for path, text in files.items() if not _unchanged(path, text)}
    temps = []
    try:
        for path, text in files.items():
            directory = os.path.dirname(os.path.abspath(path))
            os.makedirs(directory, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix='.vmconf-', dir=directory)
            temps.append(temp)
            with os.fdopen(fd, 'wb') as f:  # text is str, or bytes (a device tree blob)
                f.write(text if isinstance(text, bytes) else text.encode('utf-8'))
            os.chmod(temp, 0o644)
        for (path, _), temp in zip(files.items(), temps):
            os.replace(temp, path)
    finally:
        for temp in temps:
            if os.path.exists(temp):
                os.unlink(temp)


def remove_all(paths):
    """Deletes the named outputs so no stale or half-built file survives an error."""
    for path in paths:
        if path and os.path.lexists(path):
            os.unlink(path)
