/* SPDX-License-Identifier: Apache-2.0 */
/* Memory layout of the hypervisor image, preprocessed with the Kconfig values. */

OUTPUT_ARCH(aarch64)
ENTRY(_start)

#include <generated/board.h>

#define PAGE_ALIGN 4096

SECTIONS
{
	/*
	 * QEMU enters the ELF at _start; U-Boot's booti copies the image to
	 * RAM base + text_offset, which is this address, and enters its start.
	 */
	. = CONFIG_HYP_LOAD_ADDR;
	__image_start = .;

	.text : {
		KEEP(*(.text.boot))
		*(.text .text.*)
	}

	/*
	 * Guest images, page aligned so they can be mapped or copied by whole
	 * pages. Listed before .rodata so its wildcard does not take them.
	 */
	. = ALIGN(PAGE_ALIGN);
	.vmimage : {
		__vmimage_start = .;
		KEEP(*(.rodata.vmimage))
		__vmimage_end = .;
	}

	. = ALIGN(PAGE_ALIGN);
	.rodata : {
		*(.rodata .rodata.*)
	}

	. = ALIGN(PAGE_ALIGN);
	.data : {
		*(.data .data.*)
	}

	/* boot.S clears this 16 bytes at a time, so both ends are aligned. */
	. = ALIGN(16);
	.bss (NOLOAD) : {
		__bss_start = .;
		*(.bss .bss.* COMMON)
		. = ALIGN(16);
		__bss_end = .;
	}

	/* Not cleared: each CPU's stack is only used after it starts. */
	. = ALIGN(PAGE_ALIGN);
	.stacks (NOLOAD) : {
		__cpu_stacks_start = .;
		. += CONFIG_NR_CPUS * CONFIG_CPU_STACK_SIZE;
		__cpu_stacks_end = .;
	}

	. = ALIGN(PAGE_ALIGN);
	__image_end = .;
#ifdef BOARD_HYP_LIMIT
	/* The layout compiler gave the rest of RAM to VMs from this address on. */
	ASSERT(__image_end <= BOARD_HYP_LIMIT, "the hypervisor image (guest files included) overruns its range in board.hw: enlarge 'reserved hypervisor'")
#endif
	/* The arm64 Image header's image_size: everything, bss and stacks included. */
	__image_size = __image_end - __image_start;

	/DISCARD/ : {
		*(.eh_frame .eh_frame_hdr .note .note.* .comment)
	}
}
