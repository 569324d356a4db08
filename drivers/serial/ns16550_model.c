/* SPDX-License-Identifier: Apache-2.0 */
/* The 16550A register model: divisor latch, FIFO control, line and modem status, interrupts. */
#include "ns16550_model.h"

#define IER_MASK 0x0f /* the 16550A implements the low four enables */
#define MCR_MASK 0x1f
/* Not in loopback the modem lines read as a connected terminal (as QEMU's 16550). */
#define MSR_CONNECTED (NS16550_MSR_DCD | NS16550_MSR_DSR | NS16550_MSR_CTS)

void ns16550_model_reset(struct ns16550_model *m)
{
	*m = (struct ns16550_model){0};
}

static bool loopback(const struct ns16550_model *m)
{
	return m->mcr & NS16550_MCR_LOOP;
}

/* The modem status lines; in loopback the MCR outputs drive them, as the data sheet wires them. */
static u8 modem_lines(const struct ns16550_model *m)
{
	u8 lines = 0;

	if (!loopback(m))
		return MSR_CONNECTED;
	if (m->mcr & NS16550_MCR_RTS)
		lines |= NS16550_MSR_CTS;
	if (m->mcr & NS16550_MCR_DTR)
		lines |= NS16550_MSR_DSR;
	if (m->mcr & NS16550_MCR_OUT1)
		lines |= NS16550_MSR_RI;
	if (m->mcr & NS16550_MCR_OUT2)
		lines |= NS16550_MSR_DCD;
	return lines;
}

/* The highest-priority interrupt that is enabled and holds, as IIR bits 3:0. */
static u8 interrupt_id(const struct ns16550_model *m)
{
	if ((m->ier & NS16550_IER_ELSI) && m->lsr_errors)
		return NS16550_IIR_RLS;
	if ((m->ier & NS16550_IER_ERBFI) && m->rx_full) {
		/*
		 * Input arrives a byte at a time, so with a trigger level above
		 * one byte the FIFO holds data below the level: a timeout.
		 */
		bool below_trigger =
		    (m->fcr & NS16550_FCR_ENABLE) && (m->fcr & NS16550_FCR_TRIGGER);

		return below_trigger ? NS16550_IIR_CTI : NS16550_IIR_RDA;
	}
	if ((m->ier & NS16550_IER_ETBEI) && m->thre_latch)
		return NS16550_IIR_THRE;
	if ((m->ier & NS16550_IER_EDSSI) && m->msr_deltas)
		return NS16550_IIR_MSR;
	return NS16550_IIR_NONE;
}

bool ns16550_model_irq(const struct ns16550_model *m)
{
	return interrupt_id(m) != NS16550_IIR_NONE;
}

bool ns16550_model_wants_input(const struct ns16550_model *m)
{
	return !m->rx_full && !loopback(m);
}

/* A byte into RBR; one that finds RBR full (in loopback) overwrites it and is an overrun. */
void ns16550_model_receive(struct ns16550_model *m, u8 byte)
{
	if (m->rx_full)
		m->lsr_errors |= NS16550_LSR_OE;
	m->rx_byte = byte;
	m->rx_full = true;
}

static u8 read_iir(struct ns16550_model *m)
{
	u8 id = interrupt_id(m);

	/* Reading IIR while it names THR empty is what acknowledges that interrupt. */
	if (id == NS16550_IIR_THRE)
		m->thre_latch = false;
	return id | ((m->fcr & NS16550_FCR_ENABLE) ? NS16550_IIR_FIFOS : 0);
}

u8 ns16550_model_read(struct ns16550_model *m, unsigned int reg)
{
	bool dlab = m->lcr & NS16550_LCR_DLAB;
	u8 value;

	switch (reg) {
	case NS16550_RBR:
		if (dlab)
			return m->dll;
		m->rx_full = false;
		return m->rx_byte;
	case NS16550_IER:
		return dlab ? m->dlm : m->ier;
	case NS16550_IIR:
		return read_iir(m);
	case NS16550_LCR:
		return m->lcr;
	case NS16550_MCR:
		return m->mcr;
	case NS16550_LSR:
		/* The transmitter is always idle: output leaves as it is written. */
		value = NS16550_LSR_THRE | NS16550_LSR_TEMT | m->lsr_errors |
			(m->rx_full ? NS16550_LSR_DR : 0);
		m->lsr_errors = 0;
		return value;
	case NS16550_MSR:
		value = modem_lines(m) | m->msr_deltas;
		m->msr_deltas = 0;
		return value;
	case NS16550_SCR:
		return m->scr;
	default:
		return 0;
	}
}

/* MCR changes the modem lines in (or into, or out of) loopback: record the deltas. */
static void write_mcr(struct ns16550_model *m, u8 value)
{
	u8 before = modem_lines(m);
	u8 after;

	m->mcr = value & MCR_MASK;
	after = modem_lines(m);
	if ((before ^ after) & NS16550_MSR_CTS)
		m->msr_deltas |= NS16550_MSR_DCTS;
	if ((before ^ after) & NS16550_MSR_DSR)
		m->msr_deltas |= NS16550_MSR_DDSR;
	if ((before & ~after) & NS16550_MSR_RI)
		m->msr_deltas |= NS16550_MSR_TERI;
	if ((before ^ after) & NS16550_MSR_DCD)
		m->msr_deltas |= NS16550_MSR_DDCD;
}

static void write_fcr(struct ns16550_model *m, u8 value)
{
	/* Turning the FIFOs on or off empties them, as does the receiver reset bit. */
	if (((value ^ m->fcr) & NS16550_FCR_ENABLE) || (value & NS16550_FCR_CLEAR_RX))
		m->rx_full = false;
	m->fcr = value & (NS16550_FCR_ENABLE | NS16550_FCR_TRIGGER);
}

int ns16550_model_write(struct ns16550_model *m, unsigned int reg, u8 value)
{
	bool dlab = m->lcr & NS16550_LCR_DLAB;

	switch (reg) {
	case NS16550_THR:
		if (dlab) {
			m->dll = value;
			break;
		}
		/* Sent at once: THR is empty again, and says so if asked to. */
		m->thre_latch = true;
		if (loopback(m)) {
			ns16550_model_receive(m, value);
			break;
		}
		return value;
	case NS16550_IER:
		if (dlab) {
			m->dlm = value;
			break;
		}
		/* Enabling the THR empty interrupt while THR is empty raises it. */
		if ((value & NS16550_IER_ETBEI) && !(m->ier & NS16550_IER_ETBEI))
			m->thre_latch = true;
		m->ier = value & IER_MASK;
		break;
	case NS16550_FCR:
		write_fcr(m, value);
		break;
	case NS16550_LCR:
		m->lcr = value;
		break;
	case NS16550_MCR:
		write_mcr(m, value);
		break;
	case NS16550_SCR:
		m->scr = value;
		break;
	default:
		break; /* LSR and MSR are read-only; factory test writes are ignored */
	}
	return -1;
}

int ns16550_model_decode(u64 offset, unsigned int width, unsigned int shift)
{
	u64 reg = offset >> shift;

	if (width > 4 || (width & (width - 1)) || (offset & (width - 1)))
		return NS16550_DECODE_BAD;
	if (reg >= NS16550_NR_REGS || (offset & ((1u << shift) - 1)))
		return NS16550_DECODE_RAZ; /* the rest of the window, or inside a wide register */
	return (int)reg;
}
