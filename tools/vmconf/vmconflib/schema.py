# SPDX-License-Identifier: Apache-2.0
# Checks parsed blocks against a schema: known fields and blocks, value types, duplicates.

from .errors import VmconfError
from .syntax import Assign, bad_number_reason

MAX_LIST = 1 << 16


class Spec:
    """What a block may contain: fields (name -> type) and nested blocks (kind -> Spec)."""

    def __init__(self, kind, fields=None, blocks=None, named=True, example='', choices=None):
        self.kind = kind
        self.fields = fields or {}
        self.blocks = blocks or {}
        self.named = named
        self.example = example
        self.choices = choices or {}


class Record:
    """A checked block: typed field values with their lines, nested records in order."""

    def __init__(self, kind, name, line, ctx):
        self.kind = kind
        self.name = name
        self.line = line
        self.ctx = ctx
        self.values = {}
        self.lines = {}
        self.elem_lines = {}
        self.children = []
        # Fields and block kinds whose value was refused: checks that need them
        # are skipped, so that one mistake gives one message.
        self.bad = set()

    def has(self, field):
        return field in self.values

    def get(self, field, default=None):
        return self.values.get(field, default)

    def line_of(self, field):
        return self.lines.get(field, self.line)

    def blocks(self, kind):
        return [c for c in self.children if c.kind == kind]


def _ints(ctx, field, value):
    """int, range or list of ints and ranges -> list of (int, line)."""
    elems = value.value if value.kind == 'list' else [value]
    out = []
    for elem in elems:
        if elem.kind == 'int':
            out.append((elem.value, elem.line))
        elif elem.kind == 'badnum':
            raise ctx.error(elem.line, field, bad_number_reason(elem.value))
        elif elem.kind == 'range':
            low, high = elem.value
            if low > high:
                raise ctx.error(elem.line, field, 'range %d-%d runs backwards; write %d-%d'
                                % (low, high, high, low))
            if high - low >= MAX_LIST:
                raise ctx.error(elem.line, field, 'range %d-%d is too long' % (low, high))
            out.extend((v, elem.line) for v in range(low, high + 1))
        else:
            raise ctx.error(elem.line, field, 'expected numbers or ranges like [0-3, 8], found %s'
                            % elem.describe())
    return out


ACCESS_BITS = {'r': 1, 'w': 2, 'x': 4}


def _access(ctx, field, value):
    if value.kind not in ('word', 'str') or not value.value or \
            any(c not in ACCESS_BITS for c in value.value) or \
            len(set(value.value)) != len(value.value):
        raise ctx.error(value.line, field, 'expected access letters from r, w, x (e.g. rw), found %s'
                        % value.describe())
    mask = 0
    for c in value.value:
        mask |= ACCESS_BITS[c]
    return mask


def convert(ctx, field, ftype, value, choices=None):
    """Converts a Value to the Python value of a field type, or raises."""
    if value.kind == 'badnum' and ftype in ('int', 'int_or_auto'):
        raise ctx.error(value.line, field, bad_number_reason(value.value))
    if ftype == 'int':
        if value.kind != 'int':
            raise ctx.error(value.line, field, 'expected a number, found %s' % value.describe())
        return value.value
    if ftype == 'str':
        if value.kind != 'str':
            raise ctx.error(value.line, field, 'expected a string in double quotes, found %s'
                            % value.describe())
        return value.value
    if ftype == 'word':
        if value.kind != 'word' or (choices and value.value not in choices):
            raise ctx.error(value.line, field, 'expected one of %s, found %s'
                            % (', '.join(choices), value.describe()))
        return value.value
    if ftype == 'ints':
        return _ints(ctx, field, value)
    if ftype == 'access':
        return _access(ctx, field, value)
    if ftype == 'int_or_auto':
        if value.kind == 'int' or (value.kind == 'word' and value.value == 'auto'):
            return value.value
        raise ctx.error(value.line, field, 'expected a number or auto, found %s'
                        % value.describe())
    if ftype == 'strs':
        elems = value.value if value.kind == 'list' else [value]
        if not elems or any(elem.kind != 'str' for elem in elems):
            raise ctx.error(value.line, field, 'expected a string or a list of strings, found %s'
                            % value.describe())
        return [elem.value for elem in elems]
    raise AssertionError(ftype)


def check_block(block, spec, ctx, errors=None):
    """Checks one block (already known to be of spec.kind) and returns its Record.

    Without an error collector the first problem raises; with one, every item
    is checked and refused values are left out and named in Record.bad."""
    rec = Record(block.kind, block.name, block.line, ctx)
    for item in block.items:
        try:
            if isinstance(item, Assign):
                _field(rec, spec, ctx, item, errors)
            else:
                _child(rec, spec, ctx, item, errors)
        except VmconfError as err:
            if errors is None:
                raise
            errors.add(err)
    return rec


def _field(rec, spec, ctx, item, errors):
    key = item.key
    if key not in spec.fields:
        if key in spec.blocks:
            rec.bad.add(key)
            raise ctx.error(item.line, key, "'%s' is a block, not a field: write %s"
                            % (key, spec.blocks[key].example))
        raise ctx.error(item.line, key, 'unknown field; allowed here: %s'
                        % _allowed(spec.fields))
    if key in rec.values or key in rec.bad:
        raise ctx.error(item.line, key, 'duplicate field, already set at line %d'
                        % rec.lines[key])
    rec.lines[key] = item.line
    try:
        rec.values[key] = convert(ctx, key, spec.fields[key], item.value, spec.choices.get(key))
    except VmconfError:
        rec.bad.add(key)
        raise


def _child(rec, spec, ctx, block, errors):
    title = block.title()
    if block.kind not in spec.blocks:
        if block.kind in spec.fields:
            rec.bad.add(block.kind)
            raise ctx.error(block.line, block.kind, "'%s' is a field: write %s = ..."
                            % (block.kind, block.kind))
        raise ctx.error(block.line, title, 'unknown block; allowed here: %s'
                        % _allowed(spec.blocks))
    sub = spec.blocks[block.kind]
    try:
        require_name(block, sub, ctx)
    except VmconfError:
        rec.bad.add(block.kind)
        raise
    child = check_block(block, sub, ctx.sub(title), errors)
    if child.bad:
        rec.bad.add(block.kind)
    rec.children.append(child)


def _allowed(names):
    return ', '.join(names) if names else 'nothing'


def require_name(block, spec, ctx):
    """Named blocks must have a name; unnamed ones must not."""
    if spec.named and not block.name:
        raise ctx.error(block.line, block.kind, 'a %s block needs a name, e.g. %s'
                        % (block.kind, spec.example))
    if not spec.named and block.name:
        raise ctx.error(block.line, block.title(), 'a %s block takes no name' % block.kind)
