# SPDX-License-Identifier: Apache-2.0
# Formatting helpers for addresses, ranges, sizes and integer sets in messages and listings.


def hexa(value):
    """An address in hex, at least eight digits."""
    return '0x%08x' % value


def span(base, size):
    """An inclusive address range, e.g. 0x80000000-0x80ffffff."""
    if size == 0:
        return '%s (empty)' % hexa(base)
    return '%s-%s' % (hexa(base), hexa(base + size - 1))


def human(size):
    """A size for people: 16 MiB, 4 KiB, 1.5 GiB, 100 bytes."""
    for unit, shift in (('GiB', 30), ('MiB', 20), ('KiB', 10)):
        if size >= 1 << shift:
            value = size / (1 << shift)
            if value == int(value):
                return '%d %s' % (value, unit)
            return '%.1f %s' % (value, unit)
    return '%d bytes' % size


def intset(values):
    """A compact form of a set of integers: 0-3, 8."""
    values = sorted(set(values))
    parts = []
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[j] + 1:
            j += 1
        if j == i:
            parts.append('%d' % values[i])
        else:
            parts.append('%d-%d' % (values[i], values[j]))
        i = j + 1
    return ', '.join(parts) if parts else 'none'


def align_up(value, align):
    return (value + align - 1) // align * align


def access_text(mask):
    """r/w/x letters of an access mask (1 = r, 2 = w, 4 = x)."""
    return ''.join(c if mask & bit else '-' for c, bit in (('r', 1), ('w', 2), ('x', 4)))
