/* SPDX-License-Identifier: Apache-2.0 */
/* The LPUART register model: control, status, a one-byte receiver, the interrupts. */
#include "lpuart_model.h"

void lpuart_model_reset(struct lpuart_model *m)
{
	/* BAUD and the rest read back what the guest writes; no baud rate applies to a model. */
	*m = (struct lpuart_model){.ctrl = LPUART_CTRL_TE | LPUART_CTRL_RE};
}

static u32 status(const struct lpuart_model *m)
{
	return LPUART_STAT_TDRE | LPUART_STAT_TC | (m->rx_full ? LPUART_STAT_RDRF : 0) |
	       (m->overrun ? LPUART_STAT_OR : 0);
}

u32 lpuart_model_read(struct lpuart_model *m, u32 offset)
{
	switch (offset) {
	case LPUART_GLOBAL:
		return m->global;
	case LPUART_PINCFG:
		return m->pincfg;
	case LPUART_BAUD:
		return m->baud;
	case LPUART_STAT:
		return status(m);
	case LPUART_CTRL:
		return m->ctrl;
	case LPUART_DATA:
		if (!m->rx_full)
			return LPUART_DATA_RXEMPT;
		m->rx_full = false;
		return m->rx_byte;
	case LPUART_MATCH:
		return m->match;
	case LPUART_MODIR:
		return m->modir;
	case LPUART_FIFO:
		return m->fifo | LPUART_FIFO_TXEMPT | (m->rx_full ? 0 : LPUART_FIFO_RXEMPT);
	case LPUART_WATER:
		return m->water;
	default:
		return 0; /* VERID, PARAM (no version or FIFO size claimed) and the holes */
	}
}

int lpuart_model_write(struct lpuart_model *m, u32 offset, u32 value)
{
	switch (offset) {
	case LPUART_GLOBAL:
		m->global = value & 2u; /* RST */
		break;
	case LPUART_PINCFG:
		m->pincfg = value & 3u;
		break;
	case LPUART_BAUD:
		m->baud = value;
		break;
	case LPUART_STAT:
		if (value & LPUART_STAT_OR)
			m->overrun = false;
		break;
	case LPUART_CTRL:
		m->ctrl = value;
		break;
	case LPUART_DATA:
		return (m->ctrl & LPUART_CTRL_TE) ? (int)(value & 0xff) : -1;
	case LPUART_MATCH:
		m->match = value;
		break;
	case LPUART_MODIR:
		m->modir = value;
		break;
	case LPUART_FIFO:
		/* The enables only; the flush and flag bits act and read back as the model's. */
		m->fifo = value & (LPUART_FIFO_RXFE | LPUART_FIFO_TXFE);
		break;
	case LPUART_WATER:
		m->water = value;
		break;
	default:
		break;
	}
	return -1;
}

bool lpuart_model_wants_input(const struct lpuart_model *m)
{
	return (m->ctrl & LPUART_CTRL_RE) && !m->rx_full;
}

void lpuart_model_receive(struct lpuart_model *m, u8 byte)
{
	if (m->rx_full) {
		m->overrun = true;
		return;
	}
	m->rx_byte = byte;
	m->rx_full = true;
}

bool lpuart_model_irq(const struct lpuart_model *m)
{
	u32 ctrl = m->ctrl;

	return (m->rx_full && (ctrl & LPUART_CTRL_RIE)) || (ctrl & LPUART_CTRL_TIE) ||
	       (ctrl & LPUART_CTRL_TCIE) || (m->overrun && (ctrl & LPUART_CTRL_ORIE));
}
