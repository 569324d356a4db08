# SPDX-License-Identifier: Apache-2.0
# dtb = auto gives every VM 64 bytes of rng-seed in /chosen, from a seed file made once per build directory.

import shutil

import pytest

from test_devicetree import RV_LAYOUT, ARM_LAYOUT, ARM_BOARD, GICV3, compile_layout

pytestmark = pytest.mark.skipif(shutil.which('dtc') is None,
                                reason='dtc (Debian package device-tree-compiler) not installed')


def seeds(scratch, layout, **kwargs):
    trees = compile_layout(scratch, layout, **kwargs)
    return {name: tree['/chosen'].get('rng-seed') for name, tree in trees.items()}


@pytest.mark.parametrize('arch', ['riscv64', 'aarch64'])
def test_every_vm_gets_its_own_rng_seed(scratch, arch):
    kwargs = {} if arch == 'riscv64' else {'board': ARM_BOARD, 'config': GICV3}
    first = seeds(scratch, RV_LAYOUT if arch == 'riscv64' else ARM_LAYOUT, **kwargs)
    assert all(seed is not None and len(seed) == 64 for seed in first.values())
    assert first['a'] != first['b']
    assert len(set(first['a'])) > 8  # random bytes, not a constant fill
    seed_file = scratch.path / 'out' / 'rng-seed'
    assert seed_file.stat().st_size == 64
    # Rebuilding in the same build directory gives the same trees (reproducible builds) ...
    assert seeds(scratch, RV_LAYOUT if arch == 'riscv64' else ARM_LAYOUT, **kwargs) == first
    # ... and a new build directory (a new seed file) gives new seeds.
    seed_file.unlink()
    again = seeds(scratch, RV_LAYOUT if arch == 'riscv64' else ARM_LAYOUT, **kwargs)
    assert again['a'] != first['a'] and len(again['a']) == 64


def test_seed_file_of_the_wrong_size_is_remade(scratch):
    (scratch.path / 'out').mkdir(parents=True, exist_ok=True)
    (scratch.path / 'out' / 'rng-seed').write_bytes(b'short')
    first = seeds(scratch, RV_LAYOUT)
    assert len(first['a']) == 64
    assert (scratch.path / 'out' / 'rng-seed').stat().st_size == 64
