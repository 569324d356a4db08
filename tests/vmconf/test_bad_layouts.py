# SPDX-License-Identifier: Apache-2.0
# Each bad layout fails with its exact one-line message, exit status 1 and no output files left.

import pytest

from cases import CASES
from conftest import BOARD_DIR


@pytest.mark.parametrize('index', range(len(CASES)), ids=[c[0] for c in CASES])
def test_bad_layout(scratch, index):
    name, layout, expected, config = CASES[index]
    if config is not None:
        scratch.config(config)
    if name == 'image-too-large':
        scratch.image('img.bin', 8192)
    if name == 'initrd-no-room':
        scratch.image('big.bin', 14 << 20)
    if name.startswith('linux-image'):
        scratch.linux_image('Image', 4096, image_size=32 << 20)
    if index % 2 == 0:  # half the cases prove stale outputs are deleted
        scratch.stale_outputs()
    result = scratch.run(layout)
    expected = expected.replace('BOARD', str(BOARD_DIR / 'board.hw'))
    expected = expected.replace('TMP', str(scratch.path))
    assert result.returncode == 1
    assert result.stdout == ''
    assert result.stderr == expected + '\n'
    for out in scratch.outputs():
        assert not out.exists(), '%s survived the error' % out


@pytest.mark.parametrize('command', ['check', 'show'])
def test_other_commands_fail_the_same_way(scratch, command):
    name, layout, expected, _ = CASES[0]
    result = scratch.run(layout, command=command)
    assert result.returncode == 1
    assert result.stdout == ''
    assert result.stderr == expected + '\n'
