# SPDX-License-Identifier: Apache-2.0
# Reads the Kconfig .config file and exposes the few symbols the layout checker uses.

import re

from .errors import VmconfError

_SET = re.compile(r'^(CONFIG_[A-Za-z0-9_]+)=(.*)$')
_UNSET = re.compile(r'^# (CONFIG_[A-Za-z0-9_]+) is not set$')


class Config:
    """Symbol values: True/False for bools, int for numbers, str for strings."""

    def __init__(self, path, values):
        self.path = path
        self.values = values

    def bool(self, name):
        return self.values.get(name) is True

    def int(self, name, default=None):
        value = self.values.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise VmconfError(self.path, None, None, name, 'expected a number, found %r' % (value,))
        return value


def _value(text):
    if text == 'y':
        return True
    if text == 'n':
        return False
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return re.sub(r'\\(.)', r'\1', text[1:-1])
    try:
        return int(text, 0)
    except ValueError:
        return text


def parse_config(path):
    try:
        with open(path, encoding='utf-8') as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise VmconfError(path, None, None, None, 'cannot read: %s' % (e.strerror or e)) from None
    values = {}
    for line in lines:
        line = line.strip()
        match = _SET.match(line)
        if match:
            values[match.group(1)] = _value(match.group(2))
            continue
        match = _UNSET.match(line)
        if match:
            values[match.group(1)] = False
    return Config(path, values)
