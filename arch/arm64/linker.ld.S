/* SPDX-License-Identifier: Apache-2.0 */
/* Memory layout of the hypervisor image, preprocessed with the Kconfig values. */

OUTPUT_ARCH(aarch64)
ENTRY(_start)

#include <generated/board.h>

/* 4 KiB translation granule: guest images are mapped by whole pages. */
#define LD_PAGE_ALIGN 4096
/* boot.S clears the bss with 16-byte pair stores. */
#define LD_BSS_ALIGN 16

SECTIONS
{
	/*
	 * QEMU enters the ELF at _start; U-Boot's booti copies the image to
	 * RAM base + text_offset, which is this address, and enters its start.
	 */
	. = CONFIG_HYP_LOAD_ADDR;

#include <bulwark/linker_common.ld.S>

	/* The arm64 Image header's image_size: everything, bss and stacks included. */
	__image_size = __image_end - __image_start;
}
