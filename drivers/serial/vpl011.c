/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A virtual PL011 per VM: the register subset simple guests and Linux's
 * amba-pl011 driver use, in front of the VM's virtual console. Output
 * never waits (the transmit FIFO is always empty); input comes from the
 * console's input queue for this VM. Its interrupt is the board console's
 * line, purely virtual: a level, high while a masked-in condition holds
 * (UARTMIS non-zero), as the PL011's UARTINTR (virq_set_level).
 */
#include <bulwark/errno.h>
#include <bulwark/mmio.h>
#include <bulwark/vconsole.h>
#include <bulwark/spinlock.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>
#include <bulwark/vdev.h>
#include <generated/board.h>

#define UART_DR	   0x000
#define UART_RSR   0x004
#define UART_FR	   0x018
#define UART_ILPR  0x020
#define UART_IBRD  0x024
#define UART_FBRD  0x028
#define UART_LCR_H 0x02c
#define UART_CR	   0x030
#define UART_IFLS  0x034
#define UART_IMSC  0x038
#define UART_RIS   0x03c
#define UART_MIS   0x040
#define UART_ICR   0x044
#define UART_DMACR 0x048
#define UART_ID	   0xfe0 /* PeriphID0..3 then PCellID0..3, one byte per word */

#define FR_RXFE (1u << 4)
#define FR_TXFE (1u << 7)
#define INT_RX	(1u << 4)
#define INT_TX	(1u << 5)
#define INT_RT	(1u << 6) /* receive timeout: input waits below the FIFO level */

#define VPL011_SIZE 0x1000

/* The identification bytes of an Arm PL011 r1p5 (PrimeCell UART). */
static const u8 pl011_id[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

struct vpl011 {
	spinlock_t lock; /* the guest's accesses and console input race */
	u32 ibrd, fbrd, lcr_h, cr, ifls, imsc, dmacr;
	int peeked; /* a byte taken from the console for FR, or -1 */
	bool line;  /* the level last handed to virq_set_level */
};

static struct vpl011 uarts[VMCONF_NR_VMS];

static bool has_input(struct vpl011 *u, struct vm *vm)
{
	if (u->peeked < 0)
		u->peeked = vconsole_getc(vm);
	return u->peeked >= 0;
}

static u32 raw_interrupts(struct vpl011 *u, struct vm *vm)
{
	/* The transmitter is always ready; the receiver when input waits. */
	return INT_TX | (has_input(u, vm) ? INT_RX | INT_RT : 0);
}

static bool has_vuart(const struct vmconf_vm *d)
{
	return d->console == VMCONF_CONSOLE_VIRTUAL || d->console == VMCONF_CONSOLE_POLLED;
}

/* console = polled: the same UART, but its interrupt does not exist (a direct VM's). */
static bool has_vuart_irq(const struct vmconf_vm *d)
{
	return d->console == VMCONF_CONSOLE_VIRTUAL;
}

/*
 * The interrupt line follows UARTMIS; input is looked at only while a
 * receive interrupt is masked in. Under the UART's lock, so two CPUs never
 * hand the interrupt model a rise and a fall out of order.
 */
static void update_line(struct vpl011 *u, struct vm *vm)
{
	bool line = (u->imsc & INT_TX) || ((u->imsc & (INT_RX | INT_RT)) && has_input(u, vm));

	if (line != u->line && has_vuart_irq(vm->desc)) {
		u->line = line;
		virq_set_level(vm, BOARD_CONSOLE_IRQ, line);
	}
}

static u32 read_reg(struct vpl011 *u, struct vm *vm, u64 offset)
{
	u32 value;

	switch (offset) {
	case UART_DR:
		value = has_input(u, vm) ? (u32)u->peeked : 0;
		u->peeked = -1;
		return value;
	case UART_FR:
		return FR_TXFE | (has_input(u, vm) ? 0 : FR_RXFE);
	case UART_IBRD:
		return u->ibrd;
	case UART_FBRD:
		return u->fbrd;
	case UART_LCR_H:
		return u->lcr_h;
	case UART_CR:
		return u->cr;
	case UART_IFLS:
		return u->ifls;
	case UART_IMSC:
		return u->imsc;
	case UART_RIS:
		return raw_interrupts(u, vm);
	case UART_MIS:
		return raw_interrupts(u, vm) & u->imsc;
	case UART_DMACR:
		return u->dmacr;
	default:
		if (offset >= UART_ID && offset < UART_ID + 4 * sizeof(pl011_id))
			return pl011_id[(offset - UART_ID) / 4];
		return 0; /* RSR, ILPR and reserved offsets */
	}
}

static void write_reg(struct vpl011 *u, struct vm *vm, u64 offset, u32 value)
{
	switch (offset) {
	case UART_DR:
		vconsole_putc(vm, (char)value);
		break;
	case UART_IBRD:
		u->ibrd = value & 0xffff;
		break;
	case UART_FBRD:
		u->fbrd = value & 0x3f;
		break;
	case UART_LCR_H:
		u->lcr_h = value & 0xff;
		break;
	case UART_CR:
		u->cr = value & 0xff87;
		break;
	case UART_IFLS:
		u->ifls = value & 0x3f;
		break;
	case UART_IMSC:
		u->imsc = value & 0x7ff;
		break;
	case UART_DMACR:
		u->dmacr = value & 0x7;
		break;
	default:
		break; /* RSR/ECR and ICR clear error and interrupt state we never hold */
	}
}

static enum mmio_result vpl011_access(struct vcpu *v, struct mmio_access *a, void *ctx)
{
	struct vpl011 *u = ctx;

	if (a->width > 4 || (a->offset & (a->width - 1)))
		return MMIO_BAD_ACCESS;
	spin_lock(&u->lock);
	/* Byte and halfword accesses see the low bits of the 32-bit register. */
	if (a->is_write)
		write_reg(u, v->vm, a->offset & ~3ULL, (u32)a->value);
	else
		a->value = read_reg(u, v->vm, a->offset & ~3ULL) >> (8 * (a->offset & 3));
	update_line(u, v->vm);
	spin_unlock(&u->lock);
	return MMIO_OK;
}

static u32 vpl011_nr_windows(const struct vmconf_vm *d)
{
	return has_vuart(d) ? 1 : 0;
}

static u32 vpl011_virtual_irqs(const struct vm *vm, u32 *out, u32 max)
{
	if (!has_vuart_irq(vm->desc) || max == 0)
		return 0;
	out[0] = BOARD_CONSOLE_IRQ;
	return 1;
}

static void vpl011_input_ready(struct vm *vm)
{
	struct vpl011 *u = &uarts[vm->id];

	if (!has_vuart(vm->desc))
		return;
	spin_lock(&u->lock);
	update_line(u, vm);
	spin_unlock(&u->lock);
}

/* The state out of reset: nothing masked in, UART disabled with TX and RX enabled. */
static void vpl011_reset(struct vpl011 *u)
{
	u->ibrd = u->fbrd = u->lcr_h = u->imsc = u->dmacr = 0;
	u->cr = 0x300;
	u->ifls = 0x12;
	u->peeked = -1;
	u->line = false; /* the interrupt model's reset lowered it already */
}

static void vpl011_vm_reset(const struct vm *vm)
{
	struct vpl011 *u = &uarts[vm->id];

	if (!has_vuart(vm->desc))
		return;
	spin_lock(&u->lock);
	vpl011_reset(u);
	spin_unlock(&u->lock);
}

static int vpl011_vm_init(struct vm *vm)
{
	struct vpl011 *u = &uarts[vm->id];
	struct mmio_window w = {
	    .name = "pl011",
	    .base = BOARD_CONSOLE_BASE,
	    .size = VPL011_SIZE,
	    .access = vpl011_access,
	    .ctx = u,
	};

	if (!has_vuart(vm->desc))
		return 0;
	u->lock = (spinlock_t)SPINLOCK_INIT;
	vpl011_reset(u);
	return mmio_register(vm->id, &w);
}

VDEV_MODEL(vpl011) = {
    .name = "virtual PL011",
    .nr_windows = vpl011_nr_windows,
    .virtual_irqs = vpl011_virtual_irqs,
    .vm_init = vpl011_vm_init,
    .vm_reset = vpl011_vm_reset,
    .console_input_ready = vpl011_input_ready,
};
