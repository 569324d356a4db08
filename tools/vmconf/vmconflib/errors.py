# SPDX-License-Identifier: Apache-2.0
# The one error type of the layout tools and its single-line message format.


class VmconfError(Exception):
    """A user-facing error: file, line, owner (e.g. "vm 'rt'"), field path, reason."""

    def __init__(self, file, line, owner, field, reason):
        super().__init__(reason)
        self.file = file
        self.line = line
        self.owner = owner
        self.field = field
        self.reason = reason

    def message(self):
        where = self.file if self.line is None else '%s:%d' % (self.file, self.line)
        text = '%s: error: ' % where
        if self.owner:
            text += '%s: ' % self.owner
        if self.field:
            text += '%s: ' % self.field
        return text + self.reason

    def __str__(self):
        return self.message()


class Context:
    """Where errors are reported from: a file and an owner, with a field prefix."""

    def __init__(self, file, owner=None, prefix=''):
        self.file = file
        self.owner = owner
        self.prefix = prefix

    def sub(self, prefix):
        """A context for a nested block, e.g. memory 'ram' inside a VM."""
        return Context(self.file, self.owner, self.path(prefix))

    def path(self, field):
        if not self.prefix:
            return field
        if not field:
            return self.prefix
        return '%s.%s' % (self.prefix, field)

    def error(self, line, field, reason):
        return VmconfError(self.file, line, self.owner, self.path(field), reason)


MAX_ERRORS = 20  # a file with more problems than this is reported in parts


class ErrorList(VmconfError):
    """Several independent errors of one run, reported together, one line each."""

    def __init__(self, errors, truncated=False):
        first = errors[0]
        super().__init__(first.file, first.line, first.owner, first.field, first.reason)
        self.errors = errors
        self.truncated = truncated

    def message(self):
        lines = [err.message() for err in self.errors]
        if self.truncated:
            lines.append('%s: error: too many errors (%d shown), stopping; fix these and run '
                         'again' % (self.errors[0].file, len(self.errors)))
        return '\n'.join(lines)


class TooManyErrors(Exception):
    """The error limit was reached: not a VmconfError, so no check records it as its own."""

    def __init__(self, errors):
        super().__init__(errors.message())
        self.errors = errors


class Collector:
    """Gathers the errors of independent checks so that one run reports them all.

    A check that fails is recorded and the caller skips what depends on it, so
    one mistake gives one message; past MAX_ERRORS the run stops."""

    def __init__(self, limit=MAX_ERRORS):
        self.errors = []
        self.limit = limit

    def add(self, err):
        if isinstance(err, ErrorList):
            for one in err.errors:
                self.add(one)
            return
        self.errors.append(err)
        if len(self.errors) >= self.limit:
            raise TooManyErrors(ErrorList(self.sorted(), truncated=True))

    def attempt(self, check, *args):
        """Runs check(*args); True if it passed, False if it raised (the error is recorded)."""
        try:
            check(*args)
        except VmconfError as err:
            self.add(err)
            return False
        return True

    def sorted(self):
        """File order: by file as first met, then line (errors without a line first)."""
        files = {}
        for err in self.errors:
            files.setdefault(err.file, len(files))
        return sorted(self.errors, key=lambda e: (files[e.file], e.line or 0))

    def __bool__(self):
        return bool(self.errors)

    def raise_if_any(self):
        if self.errors:
            errors = self.sorted()
            raise errors[0] if len(errors) == 1 else ErrorList(errors)
