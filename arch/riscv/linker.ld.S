/* SPDX-License-Identifier: Apache-2.0 */
/* Memory layout of the hypervisor image, preprocessed with the Kconfig values. */

/* Keep the architecture name from being taken for a macro. */
#undef riscv

OUTPUT_ARCH(riscv)
ENTRY(_start)

#include <generated/board.h>

/* Sv39x4 G-stage pages: guest images are mapped by whole pages. */
#define LD_PAGE_ALIGN 4096
/* boot.S clears the bss a register at a time: 16 bytes is a multiple of any XLEN. */
#define LD_BSS_ALIGN 16

SECTIONS
{
	/* The firmware jumps to the load address: _start must be first. */
	. = CONFIG_HYP_LOAD_ADDR;

#include <bulwark/linker_common.ld.S>
}
