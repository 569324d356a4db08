# SPDX-License-Identifier: Apache-2.0
# A small reader of flattened device trees (DTB, devicetree specification v0.4 chapter 5).

import struct

FDT_MAGIC = 0xd00dfeed
FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9


class FdtError(Exception):
    pass


class Node:
    """One node: its name, properties (name -> bytes), children and parent."""

    def __init__(self, name, parent):
        self.name = name
        self.parent = parent
        self.props = {}
        self.children = []

    @property
    def path(self):
        if self.parent is None:
            return '/'
        up = self.parent.path
        return (up if up != '/' else '') + '/' + self.name

    @property
    def unit_name(self):
        return self.name.split('@')[0]

    def child(self, name):
        for c in self.children:
            if c.name == name or c.unit_name == name:
                return c
        return None

    def has(self, prop):
        return prop in self.props

    def cells(self, prop):
        raw = self.props.get(prop)
        if raw is None:
            return None
        if len(raw) % 4:
            raise FdtError('%s: property %s is not a list of 32-bit cells' % (self.path, prop))
        return list(struct.unpack('>%dI' % (len(raw) // 4), raw))

    def string(self, prop):
        raw = self.props.get(prop)
        if raw is None:
            return None
        return raw.split(b'\0')[0].decode('ascii', 'replace')

    def strings(self, prop):
        raw = self.props.get(prop)
        if raw is None:
            return []
        return [s.decode('ascii', 'replace') for s in raw.split(b'\0') if s]

    def walk(self):
        """This node and every node below it, depth first, without recursion."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


class Fdt:
    def __init__(self, blob, origin='<dtb>'):
        self.origin = origin
        if len(blob) < 40:
            raise FdtError('%s: too short for a device tree header' % origin)
        magic, total, off_struct, off_strings, _, version, _, _, size_strings, size_struct = \
            struct.unpack('>10I', blob[:40])
        if magic != FDT_MAGIC:
            raise FdtError('%s: not a flattened device tree (magic 0x%08x)' % (origin, magic))
        if version < 17 or total > len(blob):
            raise FdtError('%s: unsupported version %d or truncated' % (origin, version))
        strings = blob[off_strings:off_strings + size_strings]
        self.root = self._parse(blob[off_struct:off_struct + size_struct], strings)
        self.phandles = {}
        for node in self.root.walk():
            for prop in ('phandle', 'linux,phandle'):
                if node.has(prop):
                    self.phandles[node.cells(prop)[0]] = node

    def _parse(self, data, strings):
        pos = 0
        root = None
        node = None
        while pos + 4 <= len(data):
            token, = struct.unpack_from('>I', data, pos)
            pos += 4
            if token == FDT_BEGIN_NODE:
                end = data.index(b'\0', pos)
                name = data[pos:end].decode('ascii', 'replace')
                pos = (end + 4) & ~3
                new = Node(name, node)
                if node is None:
                    root = new
                else:
                    node.children.append(new)
                node = new
            elif token == FDT_END_NODE:
                if node is None:
                    raise FdtError('%s: unbalanced nodes' % self.origin)
                node = node.parent
            elif token == FDT_PROP:
                length, nameoff = struct.unpack_from('>II', data, pos)
                pos += 8
                end = strings.index(b'\0', nameoff)
                pname = strings[nameoff:end].decode('ascii', 'replace')
                node.props[pname] = data[pos:pos + length]
                pos = (pos + length + 3) & ~3
            elif token == FDT_NOP:
                continue
            elif token == FDT_END:
                break
            else:
                raise FdtError('%s: bad structure token %d' % (self.origin, token))
        if root is None:
            raise FdtError('%s: no root node' % self.origin)
        return root

    def lookup(self, path):
        """A node by absolute path or alias; None if absent."""
        if not path.startswith('/'):
            aliases = self.root.child('aliases')
            target = aliases.string(path) if aliases is not None else None
            if target is None:
                return None
            path = target
        node = self.root
        for part in [p for p in path.split('/') if p]:
            node = node.child(part)
            if node is None:
                return None
        return node


def load(path):
    with open(path, 'rb') as f:
        return Fdt(f.read(), str(path))


def _cells_value(cells):
    value = 0
    for c in cells:
        value = (value << 32) | c
    return value


def address_cells(node):
    """#address-cells and #size-cells a node's children are described with."""
    a = node.cells('#address-cells')
    s = node.cells('#size-cells')
    return (a[0] if a else 2), (s[0] if s else 1)


def _translate(node, addr):
    """A bus address of node's children, through the ranges above, to a CPU address."""
    bus = node
    while bus.parent is not None:
        ranges = bus.cells('ranges')
        if ranges is None:
            return None  # not memory mapped (e.g. an I2C bus)
        if ranges:
            child_ac, _ = address_cells(bus)
            parent_ac, _ = address_cells(bus.parent)
            _, child_sc = address_cells(bus)
            step = child_ac + parent_ac + child_sc
            for i in range(0, len(ranges) - step + 1, step):
                cbase = _cells_value(ranges[i:i + child_ac])
                pbase = _cells_value(ranges[i + child_ac:i + child_ac + parent_ac])
                size = _cells_value(ranges[i + child_ac + parent_ac:i + step])
                if cbase <= addr < cbase + size:
                    addr = addr - cbase + pbase
                    break
            else:
                return None
        bus = bus.parent
    return addr


def regs(node):
    """The (address, size) pairs of node's reg, as CPU physical addresses."""
    raw = node.cells('reg')
    if not raw or node.parent is None:
        return []
    ac, sc = address_cells(node.parent)
    out = []
    for i in range(0, len(raw) - (ac + sc) + 1, ac + sc):
        addr = _cells_value(raw[i:i + ac])
        size = _cells_value(raw[i + ac:i + ac + sc]) if sc else 0
        cpu = _translate(node.parent, addr)
        if cpu is None:
            return []
        out.append((cpu, size))
    return out
