/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Renesas SCI of the RZ/T2M (and RZ/N2L) in asynchronous mode:
 * register offsets and bits, and the console driver's register logic as
 * pure functions of register values, so that host unit tests check it.
 *
 * Facts: Renesas RZ/T2M Group User's Manual: Hardware (R01UH0916EJ,
 * rev. 1.30), "Serial Communications Interface (SCI)": RDR 0x00 (RDAT
 * [8:0]), TDR 0x04, CCR0 0x08 (RE 0, TE 4, RIE 16, TIE 20, TEIE 21),
 * CCR3 0x14 (FM 20 = FIFO mode), CSR 0x48 (ORER 24, PER 27, FER 28, TDRE
 * 29, TEND 30, RDRF 31), FRSR 0x50 (DR 0, R[12:7] = bytes in the receive
 * FIFO), FTSR 0x54 (T[5:0] = bytes in the 16-byte transmit FIFO), CFCLR
 * 0x68 (write 1 to clear: ORERC 24, PERC 27, FERC 28, TDREC 29, RDRFC
 * 31), FFCLR 0x70 (DRC 0); the manual says to read RDR five times after
 * reset. The manual itself was not at hand here: the same offsets and
 * bits were read in Renesas' FSP (r_sci_uart) and Zephyr's
 * uart_rzt2m.h, which agree.
 */
#ifndef BULWARK_RZ_SCI_REGS_H
#define BULWARK_RZ_SCI_REGS_H

#include <bulwark/types.h>

#define SCI_RDR	  0x00
#define SCI_TDR	  0x04
#define SCI_CCR0  0x08
#define SCI_CCR3  0x14
#define SCI_CSR	  0x48
#define SCI_FRSR  0x50
#define SCI_FTSR  0x54
#define SCI_CFCLR 0x68
#define SCI_FFCLR 0x70

#define SCI_CCR0_RE   (1u << 0)
#define SCI_CCR0_TE   (1u << 4)
#define SCI_CCR0_RIE  (1u << 16)
#define SCI_CCR0_TIE  (1u << 20)
#define SCI_CCR0_TEIE (1u << 21)

#define SCI_CCR3_FM (1u << 20)

#define SCI_CSR_ORER (1u << 24)
#define SCI_CSR_PER  (1u << 27)
#define SCI_CSR_FER  (1u << 28)
#define SCI_CSR_TDRE (1u << 29)
#define SCI_CSR_TEND (1u << 30)
#define SCI_CSR_RDRF (1u << 31)

#define SCI_FRSR_DR	  (1u << 0)
#define SCI_FRSR_R_SHIFT  7
#define SCI_FRSR_R_MASK	  (0x3fu << SCI_FRSR_R_SHIFT)
#define SCI_FTSR_T_MASK	  0x3fu
#define SCI_TX_FIFO_DEPTH 16u
#define SCI_RDR_DATA_MASK 0x1ffu

/* CFCLR's clear bits sit where CSR's flags are. */
#define SCI_CFCLR_ORERC (1u << 24)
#define SCI_CFCLR_PERC	(1u << 27)
#define SCI_CFCLR_FERC	(1u << 28)
#define SCI_CFCLR_TDREC (1u << 29)
#define SCI_CFCLR_RDRFC (1u << 31)
#define SCI_FFCLR_DRC	(1u << 0)

/* The console needs both directions on; what else CCR0 holds (interrupts) stays. */
static inline u32 sci_ccr0_enable(u32 ccr0)
{
	return ccr0 | SCI_CCR0_TE | SCI_CCR0_RE;
}

/*
 * May the next byte go to TDR now? In FIFO mode while the transmit FIFO
 * has room (FTSR.T < 16); otherwise when TDR is empty (CSR.TDRE).
 */
static inline bool sci_tx_may_write(u32 ccr3, u32 csr, u32 ftsr)
{
	if (ccr3 & SCI_CCR3_FM)
		return (ftsr & SCI_FTSR_T_MASK) < SCI_TX_FIFO_DEPTH;
	return (csr & SCI_CSR_TDRE) != 0;
}

/*
 * What to write to CFCLR just before writing TDR: outside FIFO mode the
 * TDRE flag, so that it next reads set only once this byte has moved on
 * (cleared after the write it could hide a TDRE set meanwhile); nothing
 * in FIFO mode.
 */
static inline u32 sci_tx_clear(u32 ccr3)
{
	return (ccr3 & SCI_CCR3_FM) ? 0 : SCI_CFCLR_TDREC;
}

/* A received byte waits in RDR: FRSR.R > 0 in FIFO mode, CSR.RDRF otherwise. */
static inline bool sci_rx_ready(u32 ccr3, u32 csr, u32 frsr)
{
	if (ccr3 & SCI_CCR3_FM)
		return (frsr & SCI_FRSR_R_MASK) != 0;
	return (csr & SCI_CSR_RDRF) != 0;
}

/*
 * What to write to CFCLR after reading RDR: the error flags that were
 * set (an overrun, parity or framing error stops reception until
 * cleared), and outside FIFO mode RDRF; never TDRE.
 */
static inline u32 sci_rx_clear(u32 ccr3, u32 csr)
{
	u32 clear = csr & (SCI_CSR_ORER | SCI_CSR_PER | SCI_CSR_FER);

	if (!(ccr3 & SCI_CCR3_FM))
		clear |= csr & SCI_CSR_RDRF;
	return clear;
}

/* What to write to FFCLR after reading in FIFO mode: DR once the FIFO's data-ready flag is set. */
static inline u32 sci_rx_fifo_clear(u32 ccr3, u32 frsr)
{
	return ((ccr3 & SCI_CCR3_FM) && (frsr & SCI_FRSR_DR)) ? SCI_FFCLR_DRC : 0;
}

#endif /* BULWARK_RZ_SCI_REGS_H */
