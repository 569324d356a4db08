# SPDX-License-Identifier: Apache-2.0
# Lexer and parser of the layout language into blocks, assignments and values with line numbers.

from .errors import VmconfError

SUFFIXES = {'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30}
PUNCT = {'{': 'lbrace', '}': 'rbrace', '[': 'lbrack', ']': 'rbrack', ',': 'comma', '=': 'eq', '-': 'dash'}
SHOW = {'lbrace': "'{'", 'rbrace': "'}'", 'lbrack': "'['", 'rbrack': "']'", 'comma': "','",
        'eq': "'='", 'dash': "'-'", 'eof': 'end of file'}


class Token:
    def __init__(self, kind, value, line):
        self.kind = kind
        self.value = value
        self.line = line

    def describe(self):
        if self.kind in SHOW:
            return SHOW[self.kind]
        if self.kind == 'str':
            return 'string "%s"' % self.value
        if self.kind == 'int':
            return 'number %d' % self.value
        return "'%s'" % self.value


class Value:
    """A value: kind is int, range, str, word or list; ranges hold (low, high)."""

    def __init__(self, kind, value, line):
        self.kind = kind
        self.value = value
        self.line = line

    def describe(self):
        if self.kind == 'int':
            return 'the number %d' % self.value
        if self.kind == 'range':
            return 'the range %d-%d' % self.value
        if self.kind == 'str':
            return 'the string "%s"' % self.value
        if self.kind == 'word':
            return "the word '%s'" % self.value
        return 'a list'


class Assign:
    def __init__(self, key, value, line):
        self.key = key
        self.value = value
        self.line = line


class Block:
    def __init__(self, kind, name, items, line):
        self.kind = kind
        self.name = name
        self.items = items
        self.line = line

    def title(self):
        return "%s '%s'" % (self.kind, self.name) if self.name else self.kind


def _syntax(file, line, reason):
    return VmconfError(file, line, None, 'syntax', reason)


def _is_word_start(c):
    return c.isascii() and (c.isalpha() or c == '_')


def _is_word_char(c):
    return c.isascii() and (c.isalnum() or c in '_-')


def _number(file, line, text):
    """Converts number text (0x8000_0000, 16M, 42) to an int."""
    mult = 1
    if text[-1] in SUFFIXES:
        mult = SUFFIXES[text[-1]]
        text = text[:-1]
    digits = text.replace('_', '')
    try:
        if digits[:2] in ('0x', '0X'):
            if len(digits) == 2:
                raise ValueError
            value = int(digits[2:], 16)
        else:
            value = int(digits, 10)
    except ValueError:
        raise _syntax(file, line, "bad number '%s'" % text) from None
    return value * mult


def tokenize(file, text):
    tokens = []
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == '\n':
            line += 1
            i += 1
        elif c in ' \t\r':
            i += 1
        elif c == '#':
            while i < n and text[i] != '\n':
                i += 1
        elif c in PUNCT:
            tokens.append(Token(PUNCT[c], c, line))
            i += 1
        elif c == '"':
            i += 1
            out = []
            while True:
                if i >= n or text[i] == '\n':
                    raise _syntax(file, line, 'unterminated string: add the closing \'"\'')
                if text[i] == '"':
                    i += 1
                    break
                if text[i] == '\\' and i + 1 < n and text[i + 1] in '"\\':
                    i += 1
                out.append(text[i])
                i += 1
            tokens.append(Token('str', ''.join(out), line))
        elif c.isdigit():
            j = i
            while j < n and (text[j].isalnum() or text[j] == '_'):
                j += 1
            tokens.append(Token('int', _number(file, line, text[i:j]), line))
            i = j
        elif _is_word_start(c):
            j = i
            while j < n and _is_word_char(text[j]):
                j += 1
            tokens.append(Token('word', text[i:j], line))
            i = j
        else:
            raise _syntax(file, line, "unexpected character '%s'" % c)
    tokens.append(Token('eof', None, line))
    return tokens


class Parser:
    def __init__(self, file, text):
        self.file = file
        self.tokens = tokenize(file, text)
        self.pos = 0

    def peek(self, ahead=0):
        return self.tokens[min(self.pos + ahead, len(self.tokens) - 1)]

    def take(self):
        tok = self.peek()
        self.pos += 1
        return tok

    def fail(self, tok, what):
        return _syntax(self.file, tok.line, 'expected %s, found %s' % (what, tok.describe()))

    def items(self, opener=None):
        """Items until '}' (inside a block opened by 'opener') or end of file."""
        out = []
        while True:
            tok = self.peek()
            if tok.kind == 'eof':
                if opener:
                    raise _syntax(self.file, tok.line,
                                  "expected '}' to close %s opened at line %d, found end of file"
                                  % (opener.title(), opener.line))
                return out
            if tok.kind == 'rbrace':
                if not opener:
                    raise _syntax(self.file, tok.line, "unmatched '}'")
                self.take()
                return out
            if tok.kind != 'word':
                raise self.fail(tok, 'a field name or a block')
            out.append(self.item())

    def item(self):
        key = self.take()
        if self.peek().kind == 'eq':
            self.take()
            return Assign(key.value, self.value(), key.line)
        name = None
        if self.peek().kind == 'word' and self.peek(1).kind != 'eq':
            name = self.take().value
        block = Block(key.value, name, [], key.line)
        if self.peek().kind == 'lbrace':
            self.take()
            block.items = self.items(block)
        elif self.peek().kind not in ('word', 'rbrace', 'eof'):
            raise self.fail(self.peek(), "'=' or '{' after '%s'" % block.title())
        return block

    def scalar(self, in_list):
        tok = self.take()
        if tok.kind == 'int':
            if self.peek().kind == 'dash':
                self.take()
                high = self.take()
                if high.kind != 'int':
                    raise self.fail(high, 'a number after \'-\' in a range')
                return Value('range', (tok.value, high.value), tok.line)
            return Value('int', tok.value, tok.line)
        if tok.kind in ('str', 'word'):
            return Value(tok.kind, tok.value, tok.line)
        if tok.kind == 'lbrack' and not in_list:
            return self.list(tok)
        raise self.fail(tok, 'a list element' if in_list else 'a value')

    def list(self, open_tok):
        elems = []
        while True:
            if self.peek().kind == 'rbrack':
                self.take()
                return Value('list', elems, open_tok.line)
            if self.peek().kind == 'eof':
                raise _syntax(self.file, self.peek().line,
                              "expected ']' to close the list opened at line %d, found end of file"
                              % open_tok.line)
            elems.append(self.scalar(True))
            tok = self.peek()
            if tok.kind == 'eof':
                continue
            if tok.kind == 'comma':
                self.take()
            elif tok.kind != 'rbrack':
                raise self.fail(tok, "',' or ']' in a list")

    def value(self):
        return self.scalar(False)


def parse(file, text):
    """Parses a whole file into its top-level items."""
    return Parser(file, text).items()


def parse_file(file):
    try:
        with open(file, encoding='utf-8') as f:
            text = f.read()
    except OSError as e:
        raise VmconfError(file, None, None, None, 'cannot read: %s' % (e.strerror or e)) from None
    except UnicodeDecodeError:
        raise VmconfError(file, None, None, None, 'cannot read: not UTF-8 text') from None
    return parse(file, text)
