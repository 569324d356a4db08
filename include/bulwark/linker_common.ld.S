/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The sections every arch's image has, in order, included inside SECTIONS by
 * arch/<arch>/linker.ld.S after it has set the location counter to the load
 * address. The arch script defines LD_PAGE_ALIGN and LD_BSS_ALIGN first.
 */

#ifndef LD_PAGE_ALIGN
#error "arch/<arch>/linker.ld.S must define LD_PAGE_ALIGN before including this"
#endif
#ifndef LD_BSS_ALIGN
#error "arch/<arch>/linker.ld.S must define LD_BSS_ALIGN before including this"
#endif

	__image_start = .;

	/* The entry code goes first: firmware and loaders jump to the load address. */
	.text : {
		KEEP(*(.text.boot))
		*(.text .text.*)
	}

	/*
	 * Guest images, page aligned so they can be mapped or copied by whole
	 * pages. Listed before .rodata so its wildcard does not take them.
	 */
	. = ALIGN(LD_PAGE_ALIGN);
	.vmimage : {
		__vmimage_start = .;
		KEEP(*(.rodata.vmimage))
		__vmimage_end = .;
	}

	/* The small-data sections (.srodata, .sdata, .sbss) are RISC-V's; other arches have none. */
	. = ALIGN(LD_PAGE_ALIGN);
	.rodata : {
		*(.rodata .rodata.* .srodata .srodata.*)
	}

	/* The device models (include/bulwark/vdev.h), walked by the core. */
	. = ALIGN(8);
	.vdev_models : {
		__vdev_models_start = .;
		KEEP(*(.vdev_models))
		__vdev_models_end = .;
	}

	. = ALIGN(LD_PAGE_ALIGN);
	__data_start = .;
	.data : {
		*(.data .data.* .sdata .sdata.*)
	}

	/* Not cleared: each CPU's stack is only used after it starts. */
	. = ALIGN(LD_PAGE_ALIGN);
	.stacks (NOLOAD) : {
		__cpu_stacks_start = .;
		. += CONFIG_NR_CPUS * CONFIG_CPU_STACK_SIZE;
		__cpu_stacks_end = .;
	}

	/*
	 * The arch's boot.S clears this LD_BSS_ALIGN bytes at a time, so both ends
	 * are aligned. What moves to the hypervisor's cache colors
	 * (arch/<arch>/hyp_recolor.c) ends at __recolor_end; the VMs'
	 * second-stage tables after it stay where they are, one contiguous pool
	 * each, as their descriptors need, and are cleared with the rest.
	 */
	. = ALIGN(LD_BSS_ALIGN);
	.bss (NOLOAD) : {
		__bss_start = .;
		*(.sbss .sbss.* .bss .bss.* COMMON)
		. = ALIGN(LD_PAGE_ALIGN);
		__recolor_end = .;
		*(.vmtables)
		. = ALIGN(LD_BSS_ALIGN);
		__bss_end = .;
	}
#ifdef VMCONF_HYP_COLORED_SIZE
	ASSERT(__recolor_end - __image_start <= VMCONF_HYP_COLORED_SIZE, "the hypervisor image is larger than its colored copy: raise CONFIG_HYP_RECOLOR_SIZE")
#endif

	. = ALIGN(LD_PAGE_ALIGN);
	__image_end = .;
#ifdef BOARD_HYP_LIMIT
	/* The layout compiler gave the rest of RAM to VMs from this address on. */
	ASSERT(__image_end <= BOARD_HYP_LIMIT, "the hypervisor image (guest files included) overruns its range in board.hw: enlarge 'reserved hypervisor'")
#endif

	/DISCARD/ : {
		*(.eh_frame .eh_frame_hdr .note .note.* .comment)
	}
