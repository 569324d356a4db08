# SPDX-License-Identifier: Apache-2.0
"""Strict loading of defconfigs and fragments.

kconfiglib quietly drops an assignment that cannot take effect. A vendor
who writes CONFIG_FOO=y in a defconfig and gets FOO=n has a broken board
that nobody notices, so every assignment is checked after loading and each
one that did not take is an error naming the file, the line and the reason.
Every such error of a file is reported in one run: an undefined symbol or a
bad value does not hide the assignments that fail for other reasons.
"""

import difflib
import re
import sys

import boards

import kconfiglib
from kconfiglib import BOOL, HEX, INT, STRING, TRISTATE, expr_str

_ASSIGN = re.compile(r"^CONFIG_([A-Za-z0-9_]+)=(.*)$")
_UNSET = re.compile(r"^# CONFIG_([A-Za-z0-9_]+) is not set$")


class Assignment:
    def __init__(self, path, line, name, value):
        self.path, self.line, self.name, self.value = path, line, name, value
        self.twice = False


def parse(path):
    """Returns (assignments, errors) for a .config-format file."""
    assigns, errors, seen = [], [], {}
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            text = raw.rstrip("\n").strip()
            m = _ASSIGN.match(text)
            if m:
                name, value = m.group(1), m.group(2)
            else:
                m = _UNSET.match(text)
                if m:
                    name, value = m.group(1), "n"
                elif not text or text.startswith("#"):
                    continue
                else:
                    errors.append((path, lineno, f"malformed line '{text}': expected "
                                   "CONFIG_NAME=value or '# CONFIG_NAME is not set'"))
                    continue
            if name in seen:
                errors.append((path, lineno, f"CONFIG_{name}: assigned twice "
                               f"(first on line {seen[name]})"))
                for a in assigns:
                    a.twice = a.twice or a.name == name
                continue
            seen[name] = lineno
            assigns.append(Assignment(path, lineno, name, value))
    return assigns, errors


def _type_error(sym, value):
    """Why VALUE can never be a value of SYM, or None."""
    if sym.orig_type in (BOOL, TRISTATE):
        if value not in ("y", "n") and not (sym.orig_type == TRISTATE and value == "m"):
            return f"expects y or n for a bool, got '{value}'"
    elif sym.orig_type == INT:
        if not re.fullmatch(r"-?[0-9]+", value):
            return f"expects a decimal integer, got '{value}'"
    elif sym.orig_type == HEX:
        if not re.fullmatch(r"(0[xX])?[0-9a-fA-F]+", value):
            return f"expects a hexadecimal number, got '{value}'"
    elif sym.orig_type == STRING:
        if not re.fullmatch(r'"(?:[^"\\]|\\.)*"', value):
            return f"expects a quoted string, got {value}"
    return None


def _unquote(value):
    return re.sub(r'\\(.)', r'\1', value[1:-1])


def _range_of(sym):
    """The active (low, high) range of an int/hex symbol, or None."""
    for low, high, cond in sym.ranges:
        if kconfiglib.expr_value(cond):
            base = 16 if sym.orig_type == HEX else 10

            def num(item):
                text = item.str_value
                return int(text, base) if text else 0
            return num(low), num(high)
    return None


def _own_deps(sym):
    """SYM's dependencies without the implicit one on its enclosing choice."""
    dep = sym.direct_dep
    if sym.choice is not None and isinstance(dep, tuple) and dep[0] == kconfiglib.AND:
        if dep[2] is sym.choice:
            return dep[1]
        if dep[1] is sym.choice:
            return dep[2]
    return dep


def _why_not_taken(sym, a):
    """Explains why assignment A did not give SYM the requested value."""
    has_prompt = any(node.prompt for node in sym.nodes)
    if not has_prompt:
        return ("has no prompt and cannot be set by assignment: it is a fact "
                "selected by the board or derived from other options")
    if sym.orig_type in (INT, HEX):
        rng = _range_of(sym)
        base = 16 if sym.orig_type == HEX else 10
        if rng is not None:
            val = int(a.value, base)
            if not rng[0] <= val <= rng[1]:
                fmt = hex if base == 16 else str
                return f"{a.value} is out of range [{fmt(rng[0])}, {fmt(rng[1])}]"
    if sym.visibility == 0:
        deps = _own_deps(sym)
        missing = sorted(dep.name for dep in kconfiglib.expr_items(deps)
                         if isinstance(dep, kconfiglib.Symbol)
                         and dep.name.endswith("_IMPLEMENTED") and dep.tri_value == 0)
        if missing:
            verb = "is" if len(missing) == 1 else "are"
            return (f"not implemented yet ({', '.join(missing)} {verb} n); "
                    f"depends on {expr_str(deps)}")
        return f"unmet dependencies: depends on {expr_str(deps)}"
    if a.value == "n" and sym.rev_dep is not sym.kconfig.n and \
            kconfiglib.expr_value(sym.rev_dep):
        return f"cannot be n: selected by {expr_str(sym.rev_dep)}"
    if sym.choice is not None:
        sel = sym.choice.selection
        other = f"CONFIG_{sel.name}" if sel else "nothing"
        return f"choice '{sym.choice.name or 'unnamed'}' selected {other} instead"
    return f"value is {sym.str_value or 'unset'} after loading"


def _did_you_mean(word, candidates, fmt="{}"):
    """'; did you mean X?' for the closest of CANDIDATES to WORD, or ''."""
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
    return f"; did you mean {fmt.format(close[0])}?" if close else ""


def apply(kconf, path, replace):
    """Loads PATH into KCONF and returns the errors of all assignments that
    failed, sorted by line. CONFIG_BOARD is judged by check_board."""
    assigns, errors = parse(path)
    names = [sym.name for sym in kconf.unique_defined_syms if sym.nodes]
    checked = []
    for a in assigns:
        sym = kconf.syms.get(a.name)
        if sym is None or not sym.nodes:
            hint = _did_you_mean(a.name, names, "CONFIG_{}")
            errors.append((path, a.line, f"CONFIG_{a.name}: undefined symbol{hint}"))
            continue
        why = _type_error(sym, a.value)
        if why:
            errors.append((path, a.line, f"CONFIG_{a.name}: {why}"))
        elif not a.twice and a.name != "BOARD":
            checked.append(a)
    # kconfiglib skips what it cannot use, so the rest still loads and is
    # checked in this same run.
    boards.load_config(kconf, path, replace=replace)
    for a in checked:
        sym = kconf.syms[a.name]
        want = _unquote(a.value) if sym.orig_type == STRING else a.value
        got = sym.str_value
        if sym.orig_type in (INT, HEX):
            base = 16 if sym.orig_type == HEX else 10
            same = bool(got) and int(got, base) == int(want, base)
        else:
            same = got == want
        if not same:
            errors.append((path, a.line,
                           f"CONFIG_{a.name}={a.value} did not take: {_why_not_taken(sym, a)}"))
    return sorted(errors, key=lambda e: e[1])


def known_boards(kconf):
    """Board names: symbols whose value is derived from BOARD = "name"."""
    board = kconf.syms.get("BOARD")
    names = []
    for sym in kconf.unique_defined_syms:
        for default, _cond in sym.defaults:
            if isinstance(default, tuple) and default[0] == kconfiglib.EQUAL \
                    and default[1] is board:
                names.append(default[2].str_value)
    return sorted(set(names))


def check_board(kconf, path):
    """An error when the file at PATH names no board the Kconfig tree knows
    (by CONFIG_BOARD="<name>", or by choosing an entry of the board list)."""
    known = known_boards(kconf)
    board = boards.named_board(path)
    line = 0
    assigns, _ = parse(path)
    for a in assigns:
        if a.name == "BOARD":
            line = a.line
        elif board is None and a.name.startswith(boards.PREFIX) and a.value == "y":
            board = kconf.syms["BOARD"].str_value
    if board in known:
        return []
    if board:
        close = difflib.get_close_matches(board, known, n=1, cutoff=0.75)
        what = f"unknown board '{board}'" + (f" (did you mean {close[0]}?)" if close else "")
    else:
        what = "no board selected"
    return [(path, line, f"CONFIG_BOARD: {what}; known boards: {', '.join(known)} "
             "(out-of-tree boards need BOARD_ROOT=<dir>)")]


def report(errors):
    for path, line, msg in errors:
        where = f"{path}:{line}" if line else path
        sys.stderr.write(f"{where}: error: {msg}\n")
