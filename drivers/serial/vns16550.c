/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A virtual 16550A per VM with a virtual console: the register model
 * (ns16550_model.c) behind the shared VM glue (vuart_glue.c). The SBI debug
 * console keeps working beside it: both write to the same console.
 */
#include <generated/board.h>

#include "ns16550_model.h"
#include "vuart_glue.h"

/*
 * The board's register spacing (board.hw reg_shift): QEMU virt's 16550 has
 * byte registers one byte apart, a TI K3 or Rockchip 8250 4 bytes apart.
 */
#define VNS16550_REG_SHIFT BOARD_CONSOLE_REG_SHIFT

static struct ns16550_model models[VMCONF_NR_VMS];

static int vns16550_decode(u64 offset, unsigned int width)
{
	int reg = ns16550_model_decode(offset, width, VNS16550_REG_SHIFT);

	if (reg == NS16550_DECODE_BAD)
		return VUART_BAD_ACCESS;
	return reg == NS16550_DECODE_RAZ ? VUART_RAZ_WI : reg;
}

static void *vns16550_model(unsigned int vm_id)
{
	return &models[vm_id];
}

static void vns16550_reset(void *m)
{
	ns16550_model_reset(m);
}

static u32 vns16550_read(void *m, int reg)
{
	return ns16550_model_read(m, (unsigned int)reg);
}

static int vns16550_write(void *m, int reg, u32 value)
{
	return ns16550_model_write(m, (unsigned int)reg, (u8)value);
}

static bool vns16550_wants_input(const void *m)
{
	return ns16550_model_wants_input(m);
}

static void vns16550_receive(void *m, u8 byte)
{
	ns16550_model_receive(m, byte);
}

static bool vns16550_irq(const void *m)
{
	return ns16550_model_irq(m);
}

static bool vns16550_listening(const void *m)
{
	return ((const struct ns16550_model *)m)->ier & NS16550_IER_ERBFI;
}

/* Any read may be of RBR or of LSR's data-ready bit: all of them look for input. */
static bool vns16550_reads_input(int reg)
{
	(void)reg;
	return true;
}

const struct vuart_model_ops vuart_model = {
    .name = "ns16550",
    .decode = vns16550_decode,
    .model = vns16550_model,
    .reset = vns16550_reset,
    .read = vns16550_read,
    .write = vns16550_write,
    .wants_input = vns16550_wants_input,
    .receive = vns16550_receive,
    .irq = vns16550_irq,
    .listening = vns16550_listening,
    .reads_input = vns16550_reads_input,
};
