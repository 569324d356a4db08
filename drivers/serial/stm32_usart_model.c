/* SPDX-License-Identifier: Apache-2.0 */
/* The STM32 USART register model: control registers, flags, a one-byte receiver, the interrupt. */
#include "stm32_usart_model.h"

/* Writable bits (reserved ones read as zero), from the register descriptions. */
#define CR1_MASK   0xfffffffdu /* bit 1 (UESM) has no meaning without Stop mode: kept 0 */
#define BRR_MASK   0x0000ffffu
#define GTPR_MASK  0x0000ffffu
#define PRESC_MASK 0x0000000fu

void stm32_usart_model_reset(struct stm32_usart_model *m)
{
	*m = (struct stm32_usart_model){
	    .cr1 = USART_CR1_UE | USART_CR1_TE | USART_CR1_RE,
	    .tc = true,
	};
}

static bool enabled(const struct stm32_usart_model *m, u32 direction)
{
	return (m->cr1 & (USART_CR1_UE | direction)) == (USART_CR1_UE | direction);
}

static u32 isr(const struct stm32_usart_model *m)
{
	u32 value = USART_ISR_TXE;

	if (m->cr1 & USART_CR1_FIFOEN)
		value |= USART_ISR_TXFE;
	if (m->tc)
		value |= USART_ISR_TC;
	if (m->rx_full)
		value |= USART_ISR_RXNE;
	if (m->overrun)
		value |= USART_ISR_ORE;
	if (enabled(m, USART_CR1_TE))
		value |= USART_ISR_TEACK;
	if (enabled(m, USART_CR1_RE))
		value |= USART_ISR_REACK;
	return value;
}

u32 stm32_usart_model_read(struct stm32_usart_model *m, u32 offset)
{
	switch (offset) {
	case USART_CR1:
		return m->cr1;
	case USART_CR2:
		return m->cr2;
	case USART_CR3:
		return m->cr3;
	case USART_BRR:
		return m->brr;
	case USART_GTPR:
		return m->gtpr;
	case USART_RTOR:
		return m->rtor;
	case USART_ISR:
		return isr(m);
	case USART_RDR:
		if (!m->rx_full)
			return m->rx_byte; /* RDR keeps the last byte; RXNE stays clear */
		m->rx_full = false;
		return m->rx_byte;
	case USART_PRESC:
		return m->presc;
	default:
		return 0; /* RQR, ICR and TDR read as zero; so does the rest of the window */
	}
}

int stm32_usart_model_write(struct stm32_usart_model *m, u32 offset, u32 value)
{
	switch (offset) {
	case USART_CR1:
		m->cr1 = value & CR1_MASK;
		/* Disabling the USART resets its status flags (RM0436: UE). */
		if (!(m->cr1 & USART_CR1_UE)) {
			m->overrun = false;
			m->rx_full = false;
			m->tc = true;
		}
		break;
	case USART_CR2:
		m->cr2 = value;
		break;
	case USART_CR3:
		m->cr3 = value;
		break;
	case USART_BRR:
		m->brr = value & BRR_MASK;
		break;
	case USART_GTPR:
		m->gtpr = value & GTPR_MASK;
		break;
	case USART_RTOR:
		m->rtor = value;
		break;
	case USART_RQR:
		if (value & USART_RQR_RXFRQ)
			m->rx_full = false;
		break;
	case USART_ICR:
		if (value & USART_ICR_ORECF)
			m->overrun = false;
		if (value & USART_ICR_TCCF)
			m->tc = false;
		break;
	case USART_TDR:
		if (!enabled(m, USART_CR1_TE))
			return -1; /* the transmitter is off: nothing goes out */
		m->tc = true;	   /* sent at once, so also complete at once */
		return (int)(value & 0xff);
	case USART_PRESC:
		m->presc = value & PRESC_MASK;
		break;
	default:
		break; /* ISR and RDR are read-only */
	}
	return -1;
}

bool stm32_usart_model_wants_input(const struct stm32_usart_model *m)
{
	return enabled(m, USART_CR1_RE) && !m->rx_full;
}

void stm32_usart_model_receive(struct stm32_usart_model *m, u8 byte)
{
	if (!enabled(m, USART_CR1_RE))
		return;
	if (m->rx_full) {
		m->overrun = true; /* the new byte is lost, RDR keeps the old one */
		return;
	}
	m->rx_byte = byte;
	m->rx_full = true;
}

bool stm32_usart_model_irq(const struct stm32_usart_model *m)
{
	u32 status = isr(m);

	if (!(m->cr1 & USART_CR1_UE))
		return false;
	if ((m->cr1 & USART_CR1_RXNEIE) && (status & (USART_ISR_RXNE | USART_ISR_ORE)))
		return true;
	if ((m->cr3 & USART_CR3_EIE) && (status & USART_ISR_ORE))
		return true;
	if ((m->cr1 & USART_CR1_TXEIE) && (status & USART_ISR_TXE))
		return true;
	if ((m->cr1 & USART_CR1_TXFEIE) && (status & USART_ISR_TXFE))
		return true;
	return (m->cr1 & USART_CR1_TCIE) && (status & USART_ISR_TC);
}
