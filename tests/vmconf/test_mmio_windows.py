# SPDX-License-Identifier: Apache-2.0
# Each VM's MMIO window table is sized from what its device models register (vdev.py).

import re

import pytest

from conftest import ARM_BOARD, BOARD_DIR, CONFIG

GICV3 = CONFIG + 'CONFIG_IRQCHIP_GICV3=y\nCONFIG_VUART=y\nCONFIG_IPC_GPIO=y\n'
GICV2 = (CONFIG + 'CONFIG_IRQCHIP_GICV2=y\n# CONFIG_IRQCHIP_GICV3 is not set\n'
         'CONFIG_VUART=y\nCONFIG_IPC_GPIO=y\n')
PLIC = CONFIG + 'CONFIG_IRQCHIP_PLIC=y\nCONFIG_VUART=y\n'

# echo has a virtual console and two GPIO doorbell controllers: on GICv3 that
# is five windows (distributor, redistributors, UART, two PL061), one more
# than the fixed four a VM had, and the VM did not start.
TWO_GPIOS = '''\
vm sender {
    cpus    = [0]
    image   = "img.bin"
    console = none
    memory ram { guest = 0x40000000  size = 2M }
    shmem chan  { guest = 0x48000000  doorbells = [100] }
    shmem chan2 { guest = 0x48100000  doorbells = [102] }
}
vm echo {
    cpus  = [1]
    image = "img.bin"
    memory ram { guest = 0x40000000  size = 2M }
    shmem chan  { guest = 0x48000000  doorbells = [101]  gpio = 0x48010000 }
    shmem chan2 { guest = 0x48100000  doorbells = [103]  gpio = 0x48110000 }
}
shmem chan  { size = 64K }
shmem chan2 { size = 64K }
'''

RV_LAYOUT = '''\
vm a {
    cpus  = [0]
    image = "img.bin"
    memory ram { guest = 0x80000000  size = 16M }
}
vm b {
    cpus    = [1]
    image   = "img.bin"
    console = none
    memory ram { guest = 0x80000000  size = 16M }
}
'''


def defines(scratch):
    text = scratch.outputs()[2].read_text()
    return dict(re.findall(r'^#define (VMCONF_\w*WINDOW\w*)\s+(.*)$', text, re.M))


@pytest.mark.parametrize('board,config,layout,first,count,total', [
    (ARM_BOARD, GICV3, TWO_GPIOS, '{0, 2}', '{2, 5}', '7'),
    (ARM_BOARD, GICV2, TWO_GPIOS, '{0, 1}', '{1, 4}', '5'),
    (BOARD_DIR, PLIC, RV_LAYOUT, '{0, 2}', '{2, 1}', '3'),
], ids=['gicv3-two-gpios', 'gicv2-two-gpios', 'plic-console-or-none'])
def test_window_table_is_what_the_models_register(scratch, board, config, layout, first, count,
                                                  total):
    scratch.config(config)
    result = scratch.run(layout, board_dir=board)
    assert (result.returncode, result.stderr) == (0, '')
    assert defines(scratch) == {'VMCONF_MMIO_FIRST_WINDOW': first,
                                'VMCONF_MMIO_WINDOWS_OF_VM': count,
                                'VMCONF_NR_MMIO_WINDOWS': total}


def test_no_uart_model_without_config_vuart(scratch):
    """console = virtual without a UART model (SBI console build): only the vPLIC's window."""
    scratch.config(CONFIG + 'CONFIG_IRQCHIP_PLIC=y\n')
    result = scratch.run(RV_LAYOUT)
    assert (result.returncode, result.stderr) == (0, '')
    assert defines(scratch)['VMCONF_MMIO_WINDOWS_OF_VM'] == '{1, 1}'
