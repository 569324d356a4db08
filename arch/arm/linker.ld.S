/* SPDX-License-Identifier: Apache-2.0 */
/* Memory layout of the AArch32 hypervisor image, preprocessed with the Kconfig values. */

OUTPUT_ARCH(arm)
ENTRY(_start)

#include <generated/board.h>

/* 4 KiB translation granule: guest images are mapped by whole pages. */
#define LD_PAGE_ALIGN 4096
/* boot.S clears the bss 16 bytes at a time. */
#define LD_BSS_ALIGN 16

SECTIONS
{
	/* QEMU enters the ELF at _start, loaded where it is linked. */
	. = CONFIG_HYP_LOAD_ADDR;

#include <bulwark/linker_common.ld.S>

	/DISCARD/ : {
		*(.ARM.exidx* .ARM.extab* .ARM.attributes)
	}
}
