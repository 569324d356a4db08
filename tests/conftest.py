# SPDX-License-Identifier: Apache-2.0
"""Fixtures shared by the pytest suites (helpers live in bulwark_test.py)."""

import os

import pytest

from bulwark_test import SRCTREE, make_ok, once, relocate


@pytest.fixture
def srctree():
    return SRCTREE


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory):
    """A directory shared by every process of this pytest run: with
    pytest-xdist, the parent of the workers' own base directories."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def guest_cache(shared_dir):
    """Every build of the run takes the test guests from one cache
    (GUEST_CACHE, tools/build/guest-cache.sh) instead of compiling them
    again: make check keeps it in its objtree, across runs (it is keyed by
    the guests' sources); a bare pytest run keeps it in its own directory."""
    if "GUEST_CACHE" not in os.environ:
        check = os.environ.get("BULWARK_CHECK_OBJTREE")
        os.environ["GUEST_CACHE"] = os.path.join(check, "guest-cache") if check \
            else str(shared_dir / "guest-cache")
    return os.environ["GUEST_CACHE"]


@pytest.fixture(scope="session")
def rv64_pristine(shared_dir):
    """The default qemu_rv64 configuration built from scratch once per run
    (every pytest worker's), and make's output in its .build-output: a
    source of copies (relocate()), never to be changed or built in."""
    def produce(out):
        make_ok("qemu_rv64_defconfig", O=out)
        (out / ".build-output").write_text(make_ok(O=out).out)
    return once(shared_dir, ("rv64_pristine",), produce)


@pytest.fixture(scope="session")
def rv64_build(rv64_pristine, tmp_path_factory):
    """A built default qemu_rv64 configuration, shared by a test session."""
    out = tmp_path_factory.mktemp("rv64")
    relocate(rv64_pristine, out)
    return out


# pytest-xdist (make check runs it with --dist loadgroup): the tests that
# share one QEMU session or one module-scoped build go to the same worker,
# so that it runs once (name -> group of a test, from its file and id).
GROUPS = {
    "tests/system/test_linux.py": lambda item: f"linux-{item.callspec.id}",
    "tests/system/test_hostile.py": lambda item: f"hostile-{item.callspec.id}",
    "tests/system/test_direct.py": lambda item: "direct",
    "tests/system/test_preload.py":
        lambda item: "preload" if "preload_build" in item.fixturenames else None,
}

# The longest work first, so that the last test to finish does not start
# late on one worker while the other is idle (pytest-xdist hands the next
# group or test to whichever worker is free, in collection order).
# The rest keep their order.
FIRST = [
    "tests/system/test_bench.py::test_bench_runs_and_is_deterministic",
    "tests/system/test_linux.py",
    "tests/system/test_bench.py",
    "tests/system/test_preload.py::test_linux_demo_boots_through_uboot",
    "tests/system/test_linux_virtio.py",
    "tests/system/test_hostile.py",
    # 10,000 messages each way without -icount: long, and longer on a busy host.
    "tests/system/test_vms.py::test_layout_boots[qemu_aarch64-ipc",
    "tests/system/test_vms.py::test_layout_boots[qemu_rv64-ipc",
    "tests/system/test_vms.py::test_layout_boots[qemu_arm-ipc",
    "tests/build/test_choices.py::test_every_offered_choice_builds_or_says_not_implemented",
    "tests/build/test_build.py::test_guest_cache_builds_the_guests_once",
    "tests/build/test_bench_tool.py::test_marks_only_in_the_breakdown_build",
    "tests/build/test_build.py",
]


def first_rank(nodeid):
    for rank, prefix in enumerate(FIRST):
        if nodeid.startswith(prefix):
            return rank
    return len(FIRST)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        group = GROUPS.get(item.nodeid.split("::")[0], lambda _: None)(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
    # Only the workers' order is the schedule (plain pytest and
    # --collect-only keep the files' order).
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=lambda item: first_rank(item.nodeid))
