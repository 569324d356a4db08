/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GPIO doorbells: a register model of an Arm PL061 in front of an IPC
 * object, for guests that ring and wait from user space (Linux's GPIO
 * character device drives a PL061 with its stock driver). Lines 0-3 are
 * inputs that pulse, an edge, each time a peer rings event 0-3; a rising
 * edge that the guest drives on output line 4-7 rings event 0-3 to the
 * peers. The controller's one interrupt is the mapping's doorbell,
 * raised whenever a masked-in edge is latched.
 */
#include <bulwark/errno.h>
#include <bulwark/ipc.h>
#include <bulwark/mmio.h>
#include <bulwark/spinlock.h>
#include <bulwark/virq.h>
#include <bulwark/vm.h>
#include <generated/board.h>

#define GPIO_DATA_END 0x400 /* GPIODATA: address bits 9:2 mask the lines */
#define GPIO_DIR      0x400
#define GPIO_IS	      0x404
#define GPIO_IBE      0x408
#define GPIO_IEV      0x40c
#define GPIO_IE	      0x410
#define GPIO_RIS      0x414
#define GPIO_MIS      0x418
#define GPIO_IC	      0x41c
#define GPIO_AFSEL    0x420
#define GPIO_ID	      0xfe0 /* PeriphID0..3 then PCellID0..3, one byte per word */
#define GPIO_SIZE     0x1000

#define OUT_SHIFT 4 /* line 4 + e rings event e */

/* The identification bytes of an Arm PL061 (PrimeCell GPIO). */
static const u8 pl061_id[8] = {0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

struct ipc_gpio {
	spinlock_t lock;
	struct vm *vm;
	u32 ipc; /* the VM's index of the mapping */
	u32 data, dir, is, ibe, iev, ie, ris, afsel;
};

/* At least one entry, so that layouts without GPIO doorbells still compile. */
#define NR_GPIOS (VMCONF_NR_IPC_GPIOS ? VMCONF_NR_IPC_GPIOS : 1)
static struct ipc_gpio gpios[NR_GPIOS];
static unsigned int nr_gpios;

static struct ipc_gpio *gpio_of(const struct vm *vm, u32 ipc)
{
	for (unsigned int i = 0; i < nr_gpios; i++)
		if (gpios[i].vm == vm && gpios[i].ipc == ipc)
			return &gpios[i];
	return NULL;
}

static u32 doorbell_of(const struct ipc_gpio *g)
{
	return g->vm->desc->shmem_maps[g->ipc].doorbells[0];
}

/* Raises the interrupt when the edges in 'fresh' include a masked-in one. */
static void raise_if(struct ipc_gpio *g, u32 fresh)
{
	if (fresh & g->ris & g->ie)
		virq_raise(g->vm, doorbell_of(g));
}

/* The guest drove its data lines: each output line that rose rings an event. */
static void write_data(struct ipc_gpio *g, u32 mask, u32 value)
{
	u32 before = g->data;
	u32 rose;

	g->data = (g->data & ~mask) | (value & mask);
	rose = g->data & ~before & g->dir & mask;
	for (u32 e = 0; e < 4; e++)
		if (rose & (1u << (OUT_SHIFT + e)))
			(void)ipc_notify(g->vm, g->ipc, e);
}

static u32 read_reg(struct ipc_gpio *g, u64 offset)
{
	if (offset < GPIO_DATA_END) /* inputs read low: an event is only an edge */
		return g->data & g->dir & (u32)(offset >> 2);
	switch (offset) {
	case GPIO_DIR:
		return g->dir;
	case GPIO_IS:
		return g->is;
	case GPIO_IBE:
		return g->ibe;
	case GPIO_IEV:
		return g->iev;
	case GPIO_IE:
		return g->ie;
	case GPIO_RIS:
		return g->ris;
	case GPIO_MIS:
		return g->ris & g->ie;
	case GPIO_AFSEL:
		return g->afsel;
	default:
		if (offset >= GPIO_ID && offset < GPIO_ID + 4 * sizeof(pl061_id))
			return pl061_id[(offset - GPIO_ID) / 4];
		return 0;
	}
}

static void write_reg(struct ipc_gpio *g, u64 offset, u32 value)
{
	value &= 0xff;
	if (offset < GPIO_DATA_END) {
		write_data(g, (u32)(offset >> 2), value);
		return;
	}
	switch (offset) {
	case GPIO_DIR:
		g->dir = value;
		break;
	case GPIO_IS:
		g->is = value;
		break;
	case GPIO_IBE:
		g->ibe = value;
		break;
	case GPIO_IEV:
		g->iev = value;
		break;
	case GPIO_IE: {
		u32 enabled = value & ~g->ie;

		g->ie = value;
		raise_if(g, enabled);
		break;
	}
	case GPIO_IC:
		g->ris &= ~value;
		/* An edge that came while the guest handled the last one. */
		raise_if(g, g->ris);
		break;
	case GPIO_AFSEL:
		g->afsel = value;
		break;
	default:
		break; /* RIS, MIS and the ID registers are read-only */
	}
}

static enum mmio_result ipc_gpio_access(struct vcpu *v, struct mmio_access *a, void *ctx)
{
	struct ipc_gpio *g = ctx;

	(void)v;
	if (a->width > 4 || (a->offset & (a->width - 1)))
		return MMIO_BAD_ACCESS;
	spin_lock(&g->lock);
	/* Byte and halfword accesses see the low bits of the 32-bit register. */
	if (a->is_write)
		write_reg(g, a->offset & ~3ULL, (u32)a->value);
	else
		a->value = read_reg(g, a->offset & ~3ULL) >> (8 * (a->offset & 3));
	spin_unlock(&g->lock);
	return MMIO_OK;
}

void ipc_gpio_event(struct vm *vm, u32 ipc, u32 event)
{
	struct ipc_gpio *g = gpio_of(vm, ipc);
	u32 line = 1u << event;

	if (!g || event >= 4)
		return;
	spin_lock(&g->lock);
	/* An input line pulses: a rising edge, or either edge with IBE. */
	if (!(g->dir & line) && (g->iev & line || g->ibe & line)) {
		g->ris |= line;
		raise_if(g, line);
	}
	spin_unlock(&g->lock);
}

void ipc_gpio_vm_reset(const struct vm *vm)
{
	for (unsigned int i = 0; i < nr_gpios; i++) {
		struct ipc_gpio *g = &gpios[i];

		if (g->vm != vm)
			continue;
		spin_lock(&g->lock);
		g->data = g->dir = g->is = g->ibe = g->iev = g->ie = g->ris = g->afsel = 0;
		spin_unlock(&g->lock);
	}
}

int ipc_gpio_vm_init(struct vm *vm)
{
	const struct vmconf_vm *d = vm->desc;

	for (u32 m = 0; m < d->nr_shmem_maps; m++) {
		struct ipc_gpio *g;
		struct mmio_window w = {
		    .name = "ipc-gpio", .size = GPIO_SIZE, .access = ipc_gpio_access};
		int err;

		if (!d->shmem_maps[m].gpio_base)
			continue;
		if (nr_gpios >= NR_GPIOS)
			return -ENOSPC; /* the generated count is wrong: a tools bug */
		g = &gpios[nr_gpios++];
		*g = (struct ipc_gpio){.lock = SPINLOCK_INIT, .vm = vm, .ipc = m};
		w.base = d->shmem_maps[m].gpio_base;
		w.ctx = g;
		err = mmio_register(vm->id, &w);
		if (err)
			return err;
	}
	return 0;
}
