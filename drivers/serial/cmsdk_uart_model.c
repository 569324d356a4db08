/* SPDX-License-Identifier: Apache-2.0 */
/* The CMSDK APB UART register model: control, state, a one-byte receiver, the interrupts. */
#include "cmsdk_uart_model.h"

#define CTRL_MASK    0x7fu
#define BAUDDIV_MASK 0xfffffu
#define INT_MASK     0xfu
/* CTRL's four interrupt enables sit two bits above the INTSTATUS bits they enable. */
#define CTRL_INTEN_SHIFT 2

void cmsdk_uart_model_reset(struct cmsdk_uart_model *m)
{
	*m = (struct cmsdk_uart_model){0};
}

/* Raise an interrupt status bit, if its enable is on. */
static void raise(struct cmsdk_uart_model *m, u32 bit)
{
	if ((m->ctrl >> CTRL_INTEN_SHIFT) & bit)
		m->intstatus |= bit;
}

u32 cmsdk_uart_model_read(struct cmsdk_uart_model *m, u32 offset)
{
	switch (offset) {
	case CMSDK_UART_DATA:
		if (!m->rx_full)
			return 0;
		m->rx_full = false;
		return m->rx_byte;
	case CMSDK_UART_STATE:
		return m->overruns | (m->rx_full ? CMSDK_UART_STATE_RXFULL : 0);
	case CMSDK_UART_CTRL:
		return m->ctrl;
	case CMSDK_UART_INTSTATUS:
		return m->intstatus;
	case CMSDK_UART_BAUDDIV:
		return m->bauddiv;
	default:
		return 0; /* the ID registers and the rest: read as zero */
	}
}

int cmsdk_uart_model_write(struct cmsdk_uart_model *m, u32 offset, u32 value)
{
	switch (offset) {
	case CMSDK_UART_DATA:
		if (!(m->ctrl & CMSDK_UART_CTRL_TXEN))
			return -1;
		/* Sent at once: the buffer is empty again. */
		raise(m, CMSDK_UART_INT_TX);
		return (int)(value & 0xff);
	case CMSDK_UART_STATE:
		m->overruns &= ~(value & (CMSDK_UART_STATE_TXOVR | CMSDK_UART_STATE_RXOVR));
		break;
	case CMSDK_UART_CTRL:
		m->ctrl = value & CTRL_MASK;
		break;
	case CMSDK_UART_INTSTATUS: /* INTCLEAR */
		m->intstatus &= ~(value & INT_MASK);
		break;
	case CMSDK_UART_BAUDDIV:
		m->bauddiv = value & BAUDDIV_MASK;
		break;
	default:
		break;
	}
	return -1;
}

bool cmsdk_uart_model_wants_input(const struct cmsdk_uart_model *m)
{
	return (m->ctrl & CMSDK_UART_CTRL_RXEN) && !m->rx_full;
}

void cmsdk_uart_model_receive(struct cmsdk_uart_model *m, u8 byte)
{
	if (m->rx_full) {
		m->overruns |= CMSDK_UART_STATE_RXOVR;
		raise(m, CMSDK_UART_INT_RXOVR);
		return;
	}
	m->rx_byte = byte;
	m->rx_full = true;
	raise(m, CMSDK_UART_INT_RX);
}

bool cmsdk_uart_model_irq(const struct cmsdk_uart_model *m)
{
	return (m->intstatus & (m->ctrl >> CTRL_INTEN_SHIFT) & INT_MASK) != 0;
}
