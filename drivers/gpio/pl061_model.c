/* SPDX-License-Identifier: Apache-2.0 */
/* The PL061 GPIO doorbell register model: data, direction, edge interrupts, ID. */
#include "pl061_model.h"

#define GPIO_DATA_END 0x400u /* GPIODATA: address bits 9:2 mask the lines */
#define GPIO_DIR      0x400u
#define GPIO_IS	      0x404u
#define GPIO_IBE      0x408u
#define GPIO_IEV      0x40cu
#define GPIO_IE	      0x410u
#define GPIO_RIS      0x414u
#define GPIO_MIS      0x418u
#define GPIO_IC	      0x41cu
#define GPIO_AFSEL    0x420u
#define GPIO_ID	      0xfe0u /* PeriphID0..3 then PCellID0..3, one byte per word */

/* The identification bytes of an Arm PL061 (PrimeCell GPIO). */
static const u8 pl061_id[8] = {0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

void pl061_model_reset(struct pl061_model *m)
{
	*m = (struct pl061_model){0};
}

/* The interrupt is raised when the edges in 'fresh' include a masked-in one. */
static struct pl061_effects raise_if(const struct pl061_model *m, u32 fresh)
{
	return (struct pl061_effects){.raise = (fresh & m->ris & m->ie) != 0};
}

u32 pl061_model_read(const struct pl061_model *m, u64 offset)
{
	if (offset < GPIO_DATA_END) /* inputs read low: an event is only an edge */
		return m->data & m->dir & (u32)(offset >> 2);
	switch (offset) {
	case GPIO_DIR:
		return m->dir;
	case GPIO_IS:
		return m->is;
	case GPIO_IBE:
		return m->ibe;
	case GPIO_IEV:
		return m->iev;
	case GPIO_IE:
		return m->ie;
	case GPIO_RIS:
		return m->ris;
	case GPIO_MIS:
		return m->ris & m->ie;
	case GPIO_AFSEL:
		return m->afsel;
	default:
		if (offset >= GPIO_ID && offset < GPIO_ID + 4 * sizeof(pl061_id))
			return pl061_id[(offset - GPIO_ID) / 4];
		return 0;
	}
}

/* The guest drove its data lines: each output line 4-7 that rose rings an event. */
static struct pl061_effects write_data(struct pl061_model *m, u32 mask, u32 value)
{
	u32 before = m->data;

	m->data = (m->data & ~mask) | (value & mask);
	return (struct pl061_effects){
	    .ring = (m->data & ~before & m->dir & mask) >> PL061_OUT_SHIFT & 0xfu};
}

struct pl061_effects pl061_model_write(struct pl061_model *m, u64 offset, u32 value)
{
	u32 enabled;

	value &= 0xffu;
	if (offset < GPIO_DATA_END)
		return write_data(m, (u32)(offset >> 2), value);
	switch (offset) {
	case GPIO_DIR:
		m->dir = value;
		break;
	case GPIO_IS:
		m->is = value;
		break;
	case GPIO_IBE:
		m->ibe = value;
		break;
	case GPIO_IEV:
		m->iev = value;
		break;
	case GPIO_IE:
		enabled = value & ~m->ie;
		m->ie = value;
		return raise_if(m, enabled);
	case GPIO_IC:
		m->ris &= ~value;
		/* An edge that came while the guest handled the last one. */
		return raise_if(m, m->ris);
	case GPIO_AFSEL:
		m->afsel = value;
		break;
	default:
		break; /* RIS, MIS and the ID registers are read-only */
	}
	return (struct pl061_effects){0};
}

struct pl061_effects pl061_model_event(struct pl061_model *m, u32 event)
{
	u32 line = 1u << event;

	/* An input line pulses: a rising edge, or either edge with IBE. */
	if (event >= PL061_EVENTS || (m->dir & line) || !((m->iev | m->ibe) & line))
		return (struct pl061_effects){0};
	m->ris |= line;
	return raise_if(m, line);
}
