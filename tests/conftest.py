# SPDX-License-Identifier: Apache-2.0
"""Fixtures shared by the pytest suites (helpers live in bulwark_test.py)."""

import pytest

from bulwark_test import SRCTREE, make_ok


@pytest.fixture
def srctree():
    return SRCTREE


@pytest.fixture(scope="session")
def rv64_build(tmp_path_factory):
    """A built default qemu_rv64 configuration, shared by a test session."""
    out = tmp_path_factory.mktemp("rv64")
    make_ok("qemu_rv64_defconfig", O=out)
    make_ok(O=out)
    return out
