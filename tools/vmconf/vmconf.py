# SPDX-License-Identifier: Apache-2.0
# Command line of the VM layout compiler and checker: check, compile or show a layout.

import argparse
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree clean for O= builds
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from vmconflib.depfile import generate_depfile, inputs  # noqa: E402
from vmconflib.devicetree import build_dtbs  # noqa: E402
from vmconflib.errors import VmconfError  # noqa: E402
from vmconflib.gen_asm import generate_asm  # noqa: E402
from vmconflib.gen_c import generate_c  # noqa: E402
from vmconflib.gen_header import generate_header  # noqa: E402
from vmconflib.output import remove_all, write_all  # noqa: E402
from vmconflib.pipeline import build  # noqa: E402
from vmconflib.draw import format_svg  # noqa: E402
from vmconflib.show import format_show  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(prog='vmconf.py', description='Check, compile or show a '
                                     'Bulwark VM layout against its board and .config.')
    parser.add_argument('command', choices=('check', 'compile', 'show'))
    parser.add_argument('--layout', required=True, help='the VM layout file')
    parser.add_argument('--board-dir', required=True, help='directory holding board.hw')
    parser.add_argument('--config', required=True, help='the Kconfig .config file')
    parser.add_argument('--srctree', required=True, help='source tree, ${srctree}')
    parser.add_argument('--objtree', required=True, help='build output directory, ${O}')
    parser.add_argument('--out-c', help='C tables to write (compile)')
    parser.add_argument('--out-s', help='assembly embedding the images (compile)')
    parser.add_argument('--out-h', help='board constants header (compile)')
    parser.add_argument('--out-d', help='make dependency file listing every input read (compile)')
    parser.add_argument('--out-svg', help='SVG drawing of the partitioning to write (show)')
    parser.add_argument('--dep-target', action='append', default=[],
                        help='a make target the dependency file makes depend on the inputs '
                        '(repeatable; default: the --out-c file)')
    args = parser.parse_args(argv)
    if args.command == 'compile' and not (args.out_c and args.out_s and args.out_h):
        parser.error('compile needs --out-c, --out-s and --out-h')
    return args


def run(args):
    system = build(args.layout, args.board_dir, args.config, args.srctree, args.objtree)
    if args.command == 'show':
        text = format_show(system)
        if args.out_svg:
            write_all({args.out_svg: format_svg(system)})
            text += '  %-9s%s\n' % ('', 'also drawn in %s' % args.out_svg)
        sys.stdout.write(text)
    elif args.command == 'compile':
        layout, board, source = system.layout, system.board, system.source
        # Generated device trees (dtb = auto) go next to the assembly that embeds them.
        dtbs = build_dtbs(layout, board, system.config, os.path.dirname(args.out_s) or '.')
        files = {
            args.out_c: generate_c(layout, board, source),
            args.out_s: generate_asm(layout, source),
            args.out_h: generate_header(layout, board, source, system.config),
        }
        files.update(dtbs)
        if args.out_d:
            files[args.out_d] = generate_depfile(args.dep_target or [args.out_c],
                                                 inputs(system, args.layout))
        write_all(files)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    outputs = [args.out_c, args.out_s, args.out_h, args.out_d, args.out_svg]
    try:
        run(args)
    except VmconfError as err:
        remove_all(outputs)
        sys.stderr.write(err.message() + '\n')
        return 1
    except BaseException:
        remove_all(outputs)
        raise
    return 0


if __name__ == '__main__':
    sys.exit(main())
