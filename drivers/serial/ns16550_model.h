/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The register model of a 16550A UART (as on QEMU's RISC-V virt: byte
 * registers one byte apart), free of locks and hypervisor state so that it
 * is unit-tested on the host. The transmitter sends at once, so THR is
 * always empty; the receiver holds one byte, which the caller refills from
 * its input queue whenever ns16550_model_wants_input() says so (the queue
 * behind it plays the part of the receive FIFO).
 */
#ifndef BULWARK_NS16550_MODEL_H
#define BULWARK_NS16550_MODEL_H

#include <bulwark/types.h>

/* Registers (offsets with reg-shift 0), as the 16550A data sheet numbers them. */
#define NS16550_RBR	0 /* read, DLAB 0: receive buffer */
#define NS16550_THR	0 /* write, DLAB 0: transmit holding */
#define NS16550_DLL	0 /* DLAB 1: divisor latch, low byte */
#define NS16550_IER	1 /* DLAB 0: interrupt enable */
#define NS16550_DLM	1 /* DLAB 1: divisor latch, high byte */
#define NS16550_IIR	2 /* read: interrupt identification */
#define NS16550_FCR	2 /* write: FIFO control */
#define NS16550_LCR	3
#define NS16550_MCR	4
#define NS16550_LSR	5
#define NS16550_MSR	6
#define NS16550_SCR	7
#define NS16550_NR_REGS 8

#define NS16550_IER_ERBFI 0x01 /* received data available */
#define NS16550_IER_ETBEI 0x02 /* transmit holding register empty */
#define NS16550_IER_ELSI  0x04 /* receiver line status */
#define NS16550_IER_EDSSI 0x08 /* modem status */

#define NS16550_IIR_NONE  0x01 /* no interrupt pending */
#define NS16550_IIR_MSR	  0x00
#define NS16550_IIR_THRE  0x02
#define NS16550_IIR_RDA	  0x04
#define NS16550_IIR_RLS	  0x06
#define NS16550_IIR_CTI	  0x0c /* character timeout: data below the trigger level */
#define NS16550_IIR_FIFOS 0xc0 /* FIFOs enabled */

#define NS16550_FCR_ENABLE   0x01
#define NS16550_FCR_CLEAR_RX 0x02
#define NS16550_FCR_TRIGGER  0xc0

#define NS16550_LCR_DLAB 0x80

#define NS16550_MCR_DTR	 0x01
#define NS16550_MCR_RTS	 0x02
#define NS16550_MCR_OUT1 0x04
#define NS16550_MCR_OUT2 0x08
#define NS16550_MCR_LOOP 0x10

#define NS16550_LSR_DR	 0x01
#define NS16550_LSR_OE	 0x02
#define NS16550_LSR_THRE 0x20
#define NS16550_LSR_TEMT 0x40

#define NS16550_MSR_DCTS 0x01
#define NS16550_MSR_DDSR 0x02
#define NS16550_MSR_TERI 0x04
#define NS16550_MSR_DDCD 0x08
#define NS16550_MSR_CTS	 0x10
#define NS16550_MSR_DSR	 0x20
#define NS16550_MSR_RI	 0x40
#define NS16550_MSR_DCD	 0x80

struct ns16550_model {
	u8 ier, lcr, mcr, scr, dll, dlm;
	u8 fcr;		 /* the FIFO enable and trigger level bits written last */
	u8 lsr_errors;	 /* OE, until LSR is read */
	u8 msr_deltas;	 /* DCTS, DDSR, TERI, DDCD, until MSR is read */
	bool thre_latch; /* the THR empty interrupt, until IIR reports it or THR is written */
	bool rx_full;	 /* rx_byte waits in RBR */
	u8 rx_byte;
};

/* What ns16550_model_decode() answers besides a register number. */
#define NS16550_DECODE_BAD (-1) /* a width or alignment the registers do not take */
#define NS16550_DECODE_RAZ (-2) /* no register here: reads as zero, writes ignored */

/*
 * The register an access of width bytes at offset reaches when registers
 * are 1 << shift bytes apart (a wider access reaches the register at its
 * address, in the low byte; so does one in the register's first byte only).
 */
int ns16550_model_decode(u64 offset, unsigned int width, unsigned int shift);

void ns16550_model_reset(struct ns16550_model *m);

/* A guest read of register reg (0-7); reading RBR, IIR, LSR or MSR changes state. */
u8 ns16550_model_read(struct ns16550_model *m, unsigned int reg);

/* A guest write; returns the byte sent on the line, or -1 when none is. */
int ns16550_model_write(struct ns16550_model *m, unsigned int reg, u8 value);

/* Whether RBR is empty and takes a byte from the outside (never in loopback). */
bool ns16550_model_wants_input(const struct ns16550_model *m);

/* A byte from the outside arrives in RBR (only when ns16550_model_wants_input()). */
void ns16550_model_receive(struct ns16550_model *m, u8 byte);

/* The interrupt output: some enabled interrupt condition holds. */
bool ns16550_model_irq(const struct ns16550_model *m);

#endif /* BULWARK_NS16550_MODEL_H */
