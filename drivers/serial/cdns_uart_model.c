/* SPDX-License-Identifier: Apache-2.0 */
/* The Cadence UART register model: control, mode, status, a one-byte receiver, the interrupts. */
#include "cdns_uart_model.h"

/* Reset values (UG1087) of the registers the model keeps. */
#define BAUDGEN_RESET 0x28bu
#define BAUDDIV_RESET 0xfu
#define RXWM_RESET    0x20u
#define TXWM_RESET    0x20u
#define CR_MASK	      0x1ffu
#define MR_MASK	      0x3ffu
/* The reset bits (RXRES, TXRES, RSTTO) clear themselves once done. */
#define CR_SELF_CLEARING (CDNS_UART_CR_RXRES | CDNS_UART_CR_TXRES | CDNS_UART_CR_RSTTO)

void cdns_uart_model_reset(struct cdns_uart_model *m)
{
	*m = (struct cdns_uart_model){
	    .cr = CDNS_UART_CR_STPBRK | CDNS_UART_CR_TXEN | CDNS_UART_CR_RXEN,
	    .mr = CDNS_UART_MR_8N1,
	    .baudgen = BAUDGEN_RESET,
	    .bauddiv = BAUDDIV_RESET,
	    .rxwm = RXWM_RESET,
	    .txwm = TXWM_RESET,
	};
}

static u32 status(const struct cdns_uart_model *m)
{
	u32 sr = CDNS_UART_SR_TEMPTY;

	if (!m->rx_full)
		sr |= CDNS_UART_SR_REMPTY;
	else if (m->rxwm == 1)
		sr |= CDNS_UART_SR_RTRIG;
	return sr;
}

u32 cdns_uart_model_read(struct cdns_uart_model *m, u32 offset)
{
	switch (offset) {
	case CDNS_UART_CR:
		return m->cr;
	case CDNS_UART_MR:
		return m->mr;
	case CDNS_UART_IMR:
		return m->imr;
	case CDNS_UART_ISR:
		return m->isr;
	case CDNS_UART_BAUDGEN:
		return m->baudgen;
	case CDNS_UART_RXTOUT:
		return m->rxtout;
	case CDNS_UART_RXWM:
		return m->rxwm;
	case CDNS_UART_MODEMCR:
		return m->modemcr;
	case CDNS_UART_SR:
		return status(m);
	case CDNS_UART_FIFO:
		if (!m->rx_full)
			return 0;
		m->rx_full = false;
		return m->rx_byte;
	case CDNS_UART_BAUDDIV:
		return m->bauddiv;
	case CDNS_UART_FLOWDEL:
		return m->flowdel;
	case CDNS_UART_TXWM:
		return m->txwm;
	default:
		return 0; /* IER, IDR (write only), MODEMSR and the rest read as zero */
	}
}

int cdns_uart_model_write(struct cdns_uart_model *m, u32 offset, u32 value)
{
	switch (offset) {
	case CDNS_UART_CR:
		if (value & CDNS_UART_CR_RXRES)
			m->rx_full = false; /* the receive FIFO is emptied */
		m->cr = value & CR_MASK & ~CR_SELF_CLEARING;
		break;
	case CDNS_UART_MR:
		m->mr = value & MR_MASK;
		break;
	case CDNS_UART_IER:
		m->imr |= value & CDNS_UART_INT_MASK;
		break;
	case CDNS_UART_IDR:
		m->imr &= ~(value & CDNS_UART_INT_MASK);
		break;
	case CDNS_UART_ISR:
		m->isr &= ~value;
		break;
	case CDNS_UART_BAUDGEN:
		m->baudgen = value & 0xffffu;
		break;
	case CDNS_UART_RXTOUT:
		m->rxtout = value & 0xffu;
		break;
	case CDNS_UART_RXWM:
		m->rxwm = value & 0x3fu;
		break;
	case CDNS_UART_MODEMCR:
		m->modemcr = value & 0x23u;
		break;
	case CDNS_UART_FIFO:
		if (!cdns_uart_tx_on(m->cr))
			return -1;
		/* Sent at once: the transmit FIFO is empty again. */
		m->isr |= CDNS_UART_INT_TEMPTY;
		return (int)(value & 0xff);
	case CDNS_UART_BAUDDIV:
		m->bauddiv = value & 0xffu;
		break;
	case CDNS_UART_FLOWDEL:
		m->flowdel = value & 0x3fu;
		break;
	case CDNS_UART_TXWM:
		m->txwm = value & 0x3fu;
		break;
	default:
		break; /* read-only registers and holes */
	}
	return -1;
}

bool cdns_uart_model_wants_input(const struct cdns_uart_model *m)
{
	return cdns_uart_rx_on(m->cr) && !m->rx_full;
}

void cdns_uart_model_receive(struct cdns_uart_model *m, u8 byte)
{
	if (m->rx_full) {
		m->isr |= CDNS_UART_INT_ROVR;
		return;
	}
	m->rx_byte = byte;
	m->rx_full = true;
	if (m->rxwm == 1)
		m->isr |= CDNS_UART_INT_RTRIG;
	if (m->rxtout)
		m->isr |= CDNS_UART_INT_TIMEOUT;
}

bool cdns_uart_model_irq(const struct cdns_uart_model *m)
{
	return (m->isr & m->imr) != 0;
}
