/* SPDX-License-Identifier: Apache-2.0 */
/* The i.MX UART register model: controls, status, a one-byte receiver, the interrupts. */
#include "imx_uart_model.h"

#define REG16 0xffffu
/* UTS bits a guest may set (loopback and test modes); the FIFO flags are the model's. */
#define UTS_WRITABLE (REG16 & ~(IMX_UART_UTS_TXFULL | IMX_UART_UTS_RXEMPTY | IMX_UART_UTS_TXEMPTY))
/* UFCR as a boot loader leaves it: transmit threshold 2, receive threshold 1. */
#define UFCR_CONSOLE ((2u << 10) | 1u)

void imx_uart_model_reset(struct imx_uart_model *m)
{
	*m = (struct imx_uart_model){
	    .ucr1 = IMX_UART_UCR1_UARTEN,
	    .ucr2 = IMX_UART_UCR2_SRST | IMX_UART_UCR2_RXEN | IMX_UART_UCR2_TXEN |
		    IMX_UART_UCR2_WS | IMX_UART_UCR2_IRTS,
	    .ufcr = UFCR_CONSOLE,
	};
}

static bool on(const struct imx_uart_model *m, u32 ucr2_bit)
{
	return (m->ucr1 & IMX_UART_UCR1_UARTEN) && (m->ucr2 & ucr2_bit);
}

u32 imx_uart_model_read(struct imx_uart_model *m, u32 offset)
{
	switch (offset) {
	case IMX_UART_URXD:
		if (!m->rx_full)
			return 0;
		m->rx_full = false;
		return IMX_UART_URXD_CHARRDY | m->rx_byte;
	case IMX_UART_UCR1:
		return m->ucr1;
	case IMX_UART_UCR2:
		return m->ucr2;
	case IMX_UART_UCR3:
		return m->ucr3;
	case IMX_UART_UCR4:
		return m->ucr4;
	case IMX_UART_UFCR:
		return m->ufcr;
	case IMX_UART_USR1:
		return IMX_UART_USR1_TRDY | (m->rx_full ? IMX_UART_USR1_RRDY : 0);
	case IMX_UART_USR2:
		return IMX_UART_USR2_TXFE | IMX_UART_USR2_TXDC |
		       (m->rx_full ? IMX_UART_USR2_RDR : 0) | (m->overrun ? IMX_UART_USR2_ORE : 0);
	case IMX_UART_UESC:
		return m->uesc;
	case IMX_UART_UTIM:
		return m->utim;
	case IMX_UART_UBIR:
		return m->ubir;
	case IMX_UART_UBMR:
		return m->ubmr;
	case IMX_UART_ONEMS:
		return m->onems;
	case IMX_UART_UTS:
		return m->uts | IMX_UART_UTS_TXEMPTY | (m->rx_full ? 0 : IMX_UART_UTS_RXEMPTY);
	case IMX_UART_UMCR:
		return m->umcr;
	default:
		return 0; /* UTXD (write only), UBRC and the holes read as zero */
	}
}

int imx_uart_model_write(struct imx_uart_model *m, u32 offset, u32 value)
{
	value &= REG16;
	switch (offset) {
	case IMX_UART_UTXD:
		return on(m, IMX_UART_UCR2_TXEN) ? (int)(value & 0xff) : -1;
	case IMX_UART_UCR1:
		m->ucr1 = value;
		break;
	case IMX_UART_UCR2:
		if (!(value & IMX_UART_UCR2_SRST)) {
			/* A software reset empties the receiver; it completes at once. */
			m->rx_full = false;
			m->overrun = false;
		}
		m->ucr2 = value | IMX_UART_UCR2_SRST;
		break;
	case IMX_UART_UCR3:
		m->ucr3 = value;
		break;
	case IMX_UART_UCR4:
		m->ucr4 = value;
		break;
	case IMX_UART_UFCR:
		m->ufcr = value;
		break;
	case IMX_UART_USR2:
		if (value & IMX_UART_USR2_ORE)
			m->overrun = false;
		break;
	case IMX_UART_UESC:
		m->uesc = value & 0xffu;
		break;
	case IMX_UART_UTIM:
		m->utim = value & 0xfffu;
		break;
	case IMX_UART_UBIR:
		m->ubir = value;
		break;
	case IMX_UART_UBMR:
		m->ubmr = value;
		break;
	case IMX_UART_ONEMS:
		m->onems = value;
		break;
	case IMX_UART_UTS:
		m->uts = value & UTS_WRITABLE;
		break;
	case IMX_UART_UMCR:
		m->umcr = value & 0xffu;
		break;
	default:
		break; /* USR1's bits are all write-one-to-clear events the model never latches */
	}
	return -1;
}

bool imx_uart_model_wants_input(const struct imx_uart_model *m)
{
	return on(m, IMX_UART_UCR2_RXEN) && !m->rx_full;
}

void imx_uart_model_receive(struct imx_uart_model *m, u8 byte)
{
	if (m->rx_full) {
		m->overrun = true;
		return;
	}
	m->rx_byte = byte;
	m->rx_full = true;
}

bool imx_uart_model_irq(const struct imx_uart_model *m)
{
	bool rx =
	    m->rx_full && ((m->ucr1 & IMX_UART_UCR1_RRDYEN) || (m->ucr4 & IMX_UART_UCR4_DREN));
	/* The transmitter is always ready and done: TRDY and TXDC hold. */
	bool tx = (m->ucr1 & IMX_UART_UCR1_TRDYEN) || (m->ucr4 & IMX_UART_UCR4_TCEN);

	return rx || tx || (m->overrun && (m->ucr4 & IMX_UART_UCR4_OREN));
}
