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
