# SPDX-License-Identifier: Apache-2.0
# vmconf show draws the partitioning of the shipped layouts: CPUs and RAM per VM as text art, and as
# an SVG file that is well-formed XML naming every CPU and every VM memory run at its address.

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from conftest import CONFIG, ROOT, TOOL

SVG = '{http://www.w3.org/2000/svg}'


def _show(scratch, board):
    layout = ROOT / 'vmconf' / ('%s.vmconf' % board)
    for image in re.findall(r'(?:image|initrd)\s*=\s*"\$\{O\}/([^"]+)"', layout.read_text()):
        scratch.image('build/' + image, 4096)
    scratch.config(CONFIG)
    svg = scratch.path / 'build' / 'vmconf.svg'
    result = subprocess.run(
        [sys.executable, str(TOOL), 'show', '--layout', str(layout), '--board-dir',
         str(ROOT / 'boards' / board), '--config', '.config', '--srctree', str(ROOT),
         '--objtree', str(scratch.path / 'build'), '--out-svg', str(svg)],
        cwd=scratch.path, capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, '')
    return result.stdout.splitlines(), svg


# (board, the VM of each CPU, bank base, bank end, the 64-column bar of the whole bank)
BOARDS = [
    ('qemu_rv64', '0  1  1  1', '0x80000000', '0xbfffffff',
     'H0#111' + '.' * 57 + '#'),
    ('qemu_aarch64', '0  0  1  1', '0x40000000', '0x7fffffff',
     'H01111' + '.' * 58),
]


@pytest.mark.parametrize('board,cpus,base,end,bar', BOARDS, ids=[b[0] for b in BOARDS])
def test_text_drawing(scratch, board, cpus, base, end, bar):
    lines, svg = _show(scratch, board)
    drawing = lines[lines.index('drawing'):]
    assert drawing[1] == '  CPU        0  1  2  3'
    assert drawing[2] == '  vm         ' + cpus
    assert drawing[3] == '  ram      %s |%s| %s' % (base, bar, end)
    assert drawing[4].strip() == 'a column is 16 MiB of 1 GiB'
    # The used part again, zoomed: the hypervisor, then each VM's memory, in address order.
    zoom = re.fullmatch(r'  \(zoom\)   %s \|(.{64})\| 0x[0-9a-f]{8}' % base, drawing[5])
    assert zoom, drawing[5]
    marks = re.sub(r'(.)\1*', r'\1', zoom.group(1).replace('.', '').replace('#', ''))
    assert marks == 'H01'
    assert "           0  vm 'rt'" in drawing and "           1  vm 'app'" in drawing
    assert drawing[-1] == '           also drawn in %s' % svg


@pytest.mark.parametrize('board', [b[0] for b in BOARDS])
def test_svg_drawing(scratch, board):
    lines, svg = _show(scratch, board)
    root = ET.parse(svg).getroot()
    assert root.tag == SVG + 'svg'
    titles = [r.find(SVG + 'title').text for r in root.iter(SVG + 'rect')]
    assert len(titles) == len(list(root.iter(SVG + 'rect')))  # every box says what it is
    assert titles[:4] == ["CPU 0: vm 'rt'", "CPU 1: vm '%s'" % ('app' if 'rv64' in board else 'rt'),
                          "CPU 2: vm 'app'", "CPU 3: vm 'app'"]
    # Every VM memory region of the listing is drawn at its physical address.
    for line in lines:
        match = re.match(r'  memory   (\S+)\s+\S+\s+->\s+(0x[0-9a-f]+-0x[0-9a-f]+)', line)
        if match:
            vm = [v for v in lines[:lines.index(line)] if v.startswith('vm ')][-1].split()[2]
            assert "vm %s memory '%s': %s" % (vm, match.group(1), match.group(2)) in \
                ' '.join(titles)
    assert any(t.startswith('hypervisor (with its embedded guest files): ') for t in titles)


def test_svg_is_not_written_on_error(scratch):
    svg = scratch.path / 'vmconf.svg'
    svg.write_text('stale')
    (scratch.path / 'layout.vmconf').write_text('vm a {\n    cpus = [9]\n}\n')
    result = subprocess.run(
        [sys.executable, str(TOOL), 'show', '--layout', 'layout.vmconf', '--board-dir',
         str(ROOT / 'boards' / 'qemu_rv64'), '--config', '.config', '--srctree', str(ROOT),
         '--objtree', str(scratch.path / 'build'), '--out-svg', str(svg)],
        cwd=scratch.path, capture_output=True, text=True)
    assert result.returncode == 1 and not svg.exists()
