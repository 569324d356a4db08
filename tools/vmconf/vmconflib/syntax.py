# SPDX-License-Identifier: Apache-2.0
# Lexer and parser of the layout language into blocks, assignments and values with line numbers.

import re

from .errors import VmconfError

SUFFIXES = {'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30}
PUNCT = {'{': 'lbrace', '}': 'rbrace', '[': 'lbrack', ']': 'rbrack', ',': 'comma', '=': 'eq', '-': 'dash'}
SHOW = {'lbrace': "'{'", 'rbrace': "'}'", 'lbrack': "'['", 'rbrack': "']'", 'comma': "','",
        'eq': "'='", 'dash': "'-'", 'eof': 'end of file'}


class Token:
    def __init__(self, kind, value, line, col=0, first=False, text=None):
        self.kind = kind
        self.value = value
        self.text = text      # a number as written
        self.line = line
        self.col = col        # column of the token, from 0
        self.first = first    # the first token on its line (its column is the indentation)

    def describe(self):
        if self.kind in SHOW:
            return SHOW[self.kind]
        if self.kind == 'str':
            return 'string "%s"' % self.value
        if self.kind == 'int':
            return 'number %d' % self.value
        if self.kind == 'badnum':
            return "bad number '%s'" % self.value
        return "'%s'" % self.value


class Value:
    """A value: kind is int, range, str, word, list or badnum; ranges hold (low, high).

    badnum is number text that is no number (16MB, 16m, 16 M): the parser keeps it so that
    the schema can report it with its VM and field (bad_number_reason)."""

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
        if self.kind == 'badnum':
            return "the bad number '%s'" % self.value
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


def _number(text):
    """Converts number text (0x8000_0000, 16M, 42) to an int, or None if it is no number."""
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
        return None
    return value * mult


# A size written the way other tools accept it: 16MB, 16m, 16 MiB, 16kb.
_LOOKS_LIKE_SIZE = re.compile(r'^(0[xX][0-9a-fA-F_]+|[0-9][0-9_]*)\s*([kKmMgG])(?:i?[bB])?$')


def bad_number_reason(text):
    """Why number text is refused, with the spelling the layout language wants if there is one."""
    match = _LOOKS_LIKE_SIZE.match(text)
    if match and _number(match.group(1)) is not None:
        return ("bad number '%s': sizes take the suffix K, M or G (KiB, MiB, GiB) right after "
                'the digits, upper case, without B or a space: write %s%s'
                % (text, match.group(1), match.group(2).upper()))
    return ("bad number '%s': write a decimal or 0x hexadecimal number, '_' allowed between "
            'digits, with an optional K, M or G suffix (e.g. 16M)' % text)


def tokenize(file, text):
    tokens = []
    i, line, n = 0, 1, len(text)
    line_start = 0

    def add(kind, value, start, raw=None):
        first = not tokens or tokens[-1].line != line
        tokens.append(Token(kind, value, line, start - line_start, first, raw))

    while i < n:
        c = text[i]
        if c == '\n':
            line += 1
            i += 1
            line_start = i
        elif c in ' \t\r':
            i += 1
        elif c == '#':
            while i < n and text[i] != '\n':
                i += 1
        elif c in PUNCT:
            add(PUNCT[c], c, i)
            i += 1
        elif c == '"':
            start = i
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
            add('str', ''.join(out), start)
        elif c.isdigit():
            j = i
            while j < n and (text[j].isalnum() or text[j] == '_'):
                j += 1
            value = _number(text[i:j])
            if value is None:
                add('badnum', text[i:j], i)
            else:
                add('int', value, i, text[i:j])
            i = j
        elif _is_word_start(c):
            j = i
            while j < n and _is_word_char(text[j]):
                j += 1
            add('word', text[i:j], i)
            i = j
        else:
            raise _syntax(file, line, "unexpected character '%s'" % c)
    tokens.append(Token('eof', None, line, i - line_start, True))
    return tokens


class _Unclosed(Exception):
    """End of file inside a block: parse() looks for where its '}' went missing."""

    def __init__(self, error):
        super().__init__(error.reason)
        self.error = error


class Parser:
    def __init__(self, file, text, tokens=None):
        self.file = file
        self.tokens = tokens if tokens is not None else tokenize(file, text)
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
                    raise _Unclosed(_syntax(
                        self.file, tok.line, "expected '}' to close %s opened at line %d, found "
                        'end of file' % (opener.title(), opener.line)))
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

    def _suffix_word(self, tok):
        """A size suffix written apart from its number (16 M, 16 MB), on the same line."""
        nxt = self.peek()
        return nxt.kind == 'word' and nxt.line == tok.line and _SPLIT_SUFFIX.match(nxt.value)

    def scalar(self, in_list):
        tok = self.take()
        if tok.kind in ('int', 'badnum'):
            text = tok.value if tok.kind == 'badnum' else None
            if self._suffix_word(tok):
                text = '%s %s' % (self.source_text(tok), self.take().value)
            if self.peek().kind == 'dash':
                self.take()
                high = self.take()
                if high.kind == 'badnum' or (high.kind == 'int' and self._suffix_word(high)):
                    high_text = self.source_text(high)
                    if high.kind == 'int':
                        high_text += ' ' + self.take().value
                    return Value('badnum', high_text, high.line)
                if high.kind != 'int':
                    raise self.fail(high, 'a number after \'-\' in a range')
                if text is None:
                    return Value('range', (tok.value, high.value), tok.line)
            if text is not None:
                return Value('badnum', text, tok.line)
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

    @staticmethod
    def source_text(tok):
        """A number token as it is written in the file, for messages."""
        return tok.value if tok.kind == 'badnum' else tok.text


_SPLIT_SUFFIX = re.compile(r'^[kKmMgG](?:i?[bB])?$')


def _block_title(tokens, brace):
    """The kind [name] written before the '{' at index brace."""
    words = []
    for i in (brace - 1, brace - 2):
        if i < 0 or tokens[i].kind != 'word':
            break
        words.insert(0, tokens[i].value)
    if len(words) == 2 and brace >= 3 and tokens[brace - 3].kind == 'eq':
        words = words[1:]  # "x = word kind {": the first word is a value
    if len(words) == 2:
        return "%s '%s'" % (words[0], words[1])
    return words[0] if words else 'the block'


def _starts_block(tokens, i):
    """tokens[i] is a word that opens a block: kind {  or  kind name {."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and nxt.kind == 'lbrace':
        return i + 1
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    if nxt is not None and nxt.kind == 'word' and after is not None and after.kind == 'lbrace':
        return i + 2
    return None


def _missing_brace(file, tokens):
    """Where a '}' went missing, judged by indentation: (token index, error) or None.

    A block is taken to end where a line starts at or left of the block's own
    indentation with another block, or with a '}' further left than it."""
    indent = {}
    for tok in tokens:
        if tok.first:
            indent.setdefault(tok.line, tok.col)
    stack = []  # (title, line, indentation)
    for i, tok in enumerate(tokens):
        if tok.kind == 'lbrace':
            stack.append((_block_title(tokens, i), tok.line, indent.get(tok.line, 0)))
        elif tok.kind == 'rbrace':
            if tok.first and stack and tok.col < stack[-1][2]:
                title, line, _ = stack[-1]
                closes = 'closes %s' % stack[-2][0] if len(stack) > 1 else 'closes nothing'
                return i, _syntax(file, line, "%s has no closing '}': add it before line %d, "
                                  "whose '}' (less indented than the block) %s"
                                  % (title, tok.line, closes))
            if stack:
                stack.pop()
        elif tok.kind == 'word' and tok.first and stack and tok.col <= stack[-1][2]:
            brace = _starts_block(tokens, i)
            if brace is not None:
                title, line, _ = stack[-1]
                return i, _syntax(file, line, "%s has no closing '}': add it before line %d, "
                                  'where %s starts' % (title, tok.line,
                                                       _block_title(tokens, brace)))
    return None


MAX_REPAIRS = 20


def parse(file, text, errors=None):
    """Parses a whole file into its top-level items.

    A block left open is reported where it begins and where the next block
    starts; with an error collector the parse then goes on as if the '}' were
    there, so that the rest of the file is checked too."""
    tokens = tokenize(file, text)
    for _ in range(MAX_REPAIRS):
        try:
            return Parser(file, text, tokens).items()
        except _Unclosed as unclosed:
            found = _missing_brace(file, tokens)
            if found is None:
                raise unclosed.error from None
            index, err = found
            if errors is None:
                raise err from None
            errors.add(err)
            at = tokens[index]
            tokens = tokens[:index] + [Token('rbrace', '}', at.line, at.col)] + tokens[index:]
    raise _syntax(file, tokens[-1].line, "too many blocks without their '}'")


def parse_file(file, errors=None):
    try:
        with open(file, encoding='utf-8') as f:
            text = f.read()
    except OSError as e:
        raise VmconfError(file, None, None, None, 'cannot read: %s' % (e.strerror or e)) from None
    except UnicodeDecodeError:
        raise VmconfError(file, None, None, None, 'cannot read: not UTF-8 text') from None
    return parse(file, text, errors)
