# SPDX-License-Identifier: Apache-2.0
"""Kconfig front end for the Bulwark build, on Debian's python3-kconfiglib.

Usage: kconfig.py COMMAND [ARG] with the environment set by the Makefile:
  srctree         source tree (Kconfig paths are relative to it)
  KCONFIG_CONFIG  the .config file in the build directory
  BOARD_ROOT      optional out-of-tree board directory

Commands:
  defconfig FILE      strictly load FILE, write .config
  merge FILE          strictly apply a fragment on top of .config
  olddefconfig        update .config, new symbols get their defaults
  oldconfig           update .config, asking about new symbols
  menuconfig          the curses interface
  savedefconfig OUT   write the minimal configuration to OUT
  listnewconfig       list visible symbols that .config does not set
  genconfig DIR       write DIR/generated/autoconf.h, DIR/config/auto.conf,
                      per-symbol dependency files and auto.conf.cmd
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import kconfiglib  # noqa: E402
import strict  # noqa: E402


def die(msg):
    sys.stderr.write(f"kconfig: error: {msg}\n")
    sys.exit(1)


def config_path():
    path = os.environ.get("KCONFIG_CONFIG")
    if not path:
        die("KCONFIG_CONFIG is not set (run through make)")
    return path


def load_kconfig(warn=True):
    srctree = os.environ.get("srctree", ".")
    os.environ.setdefault("BOARD_ROOT", "")
    try:
        kconf = kconfiglib.Kconfig(os.path.join(srctree, "Kconfig"),
                                   warn_to_stderr=warn, suppress_traceback=True)
    except kconfiglib.KconfigError as err:
        die(str(err))
    # Warnings about the Kconfig tree itself are bugs in the tree: fail on them.
    if kconf.warnings:
        die("the Kconfig tree has warnings (see above); fix them")
    kconf.warn = False
    return kconf


def require_config():
    path = config_path()
    if not os.path.exists(path):
        die(f"no configuration at {path}: run 'make <board>_defconfig' first "
            "('make help' lists the boards)")
    return path


def write_config(kconf):
    path = config_path()
    tmp = path + ".tmp"
    kconf.write_config(tmp, header="# Bulwark configuration, written by make\n",
                       save_old=False)
    os.replace(tmp, path)


def cmd_defconfig(kconf, src):
    if not os.path.isfile(src):
        die(f"{src}: no such defconfig")
    errors = strict.apply(kconf, src, replace=True)
    errors += strict.check_board(kconf, src)
    if errors:
        strict.report(errors)
        sys.exit(1)
    write_config(kconf)


def cmd_merge(kconf, fragment):
    if not os.path.isfile(fragment):
        die(f"{fragment}: no such fragment")
    cfg = require_config()
    kconf.load_config(cfg, replace=True)
    errors = strict.apply(kconf, fragment, replace=False)
    if errors:
        strict.report(errors)
        sys.exit(1)
    write_config(kconf)


def cmd_olddefconfig(kconf):
    kconf.load_config(require_config())
    write_config(kconf)


def cmd_savedefconfig(kconf, out):
    kconf.load_config(require_config())
    tmp = out + ".tmp"
    kconf.write_min_config(tmp, header="")
    os.replace(tmp, out)
    print(f"minimal configuration saved to {out}")


def new_symbols(kconf):
    """Visible symbols with prompts that the loaded .config does not set."""
    found = []
    for sym in kconf.unique_defined_syms:
        if sym.user_value is None and sym.visibility and \
                any(node.prompt for node in sym.nodes) and not sym.choice:
            found.append(sym)
    return found


def cmd_listnewconfig(kconf):
    kconf.load_config(require_config())
    for sym in new_symbols(kconf):
        print(f"CONFIG_{sym.name}={sym.str_value}")


def cmd_oldconfig():
    import oldconfig
    require_config()
    srctree = os.environ.get("srctree", ".")
    sys.argv = ["oldconfig", os.path.join(srctree, "Kconfig")]
    oldconfig._main()


def cmd_menuconfig(kconf):
    import menuconfig
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        die("menuconfig needs a terminal")
    cfg = config_path()
    if os.path.exists(cfg):
        kconf.load_config(cfg)
    menuconfig.menuconfig(kconf)


def cmd_genconfig(kconf, outdir):
    kconf.load_config(require_config())
    errors = strict.check_board(kconf, config_path())
    if errors:
        strict.report(errors)
        sys.exit(1)
    gen = os.path.join(outdir, "generated")
    cfgdir = os.path.join(outdir, "config")
    os.makedirs(gen, exist_ok=True)
    os.makedirs(cfgdir, exist_ok=True)
    header = "/* Generated from .config by tools/kconfig: do not edit. */\n"
    # Only rewritten when the content changes, so nothing rebuilds needlessly.
    kconf.write_autoconf(os.path.join(gen, "autoconf.h"), header=header)
    # One file per symbol, touched when that symbol changes (see fixdep.py).
    kconf.sync_deps(cfgdir)
    # auto.conf doubles as the make stamp, so it is always rewritten.
    autoconf = os.path.join(cfgdir, "auto.conf")
    kconf.write_config(autoconf + ".tmp", header="# Generated: do not edit\n",
                       save_old=False)
    os.replace(autoconf + ".tmp", autoconf)
    with open(os.path.join(cfgdir, "auto.conf.cmd.tmp"), "w") as cmd:
        files = sorted(set(os.path.abspath(os.path.join(kconf.srctree, f))
                           for f in kconf.kconfig_filenames))
        cmd.write("# Kconfig files the configuration was read from\n")
        cmd.write("kconfig-files := " + " ".join(files) + "\n")
        for f in files:
            cmd.write(f"{f}:\n")
    os.replace(os.path.join(cfgdir, "auto.conf.cmd.tmp"),
               os.path.join(cfgdir, "auto.conf.cmd"))


def main(argv):
    if len(argv) < 2:
        die(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "oldconfig":
        return cmd_oldconfig()
    kconf = load_kconfig()
    if cmd == "defconfig" and len(args) == 1:
        cmd_defconfig(kconf, args[0])
    elif cmd == "merge" and len(args) == 1:
        cmd_merge(kconf, args[0])
    elif cmd == "olddefconfig":
        cmd_olddefconfig(kconf)
    elif cmd == "savedefconfig" and len(args) == 1:
        cmd_savedefconfig(kconf, args[0])
    elif cmd == "listnewconfig":
        cmd_listnewconfig(kconf)
    elif cmd == "menuconfig":
        cmd_menuconfig(kconf)
    elif cmd == "genconfig" and len(args) == 1:
        cmd_genconfig(kconf, args[0])
    else:
        die(f"bad command line: {' '.join(argv[1:])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
