/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the Renesas SCI console driver's register logic (drivers/serial/rz_sci_regs.h), both
 * modes. */
#include "../../drivers/serial/rz_sci_regs.h"

#include "test.h"

#define FIFO SCI_CCR3_FM

TEST(rz_sci, register_map)
{
	/* Offsets and bits as the RZ/T2M hardware manual gives them. */
	EXPECT_EQ_UINT(SCI_TDR, 0x04u);
	EXPECT_EQ_UINT(SCI_CSR, 0x48u);
	EXPECT_EQ_UINT(SCI_FTSR, 0x54u);
	EXPECT_EQ_UINT(SCI_CFCLR, 0x68u);
	EXPECT_EQ_UINT(SCI_CSR_TDRE, 0x20000000u);
	EXPECT_EQ_UINT(SCI_CSR_RDRF, 0x80000000u);
	/* Each CFCLR clear bit is its CSR flag's position. */
	EXPECT_EQ_UINT(SCI_CFCLR_TDREC, SCI_CSR_TDRE);
	EXPECT_EQ_UINT(SCI_CFCLR_RDRFC, SCI_CSR_RDRF);
	EXPECT_EQ_UINT(SCI_CFCLR_ORERC, SCI_CSR_ORER);
}

TEST(rz_sci, enable_keeps_what_ccr0_holds)
{
	EXPECT_EQ_UINT(sci_ccr0_enable(0), 0x11u);
	EXPECT_EQ_UINT(sci_ccr0_enable(SCI_CCR0_RIE), SCI_CCR0_RIE | 0x11u);
	EXPECT_EQ_UINT(sci_ccr0_enable(0x11u), 0x11u);
}

TEST(rz_sci, register_mode_transmit_follows_tdre)
{
	EXPECT_TRUE(!sci_tx_may_write(0, 0, 0));
	EXPECT_TRUE(!sci_tx_may_write(0, SCI_CSR_TEND | SCI_CSR_RDRF, 0));
	EXPECT_TRUE(sci_tx_may_write(0, SCI_CSR_TDRE, 0));
	/* FTSR means nothing outside FIFO mode. */
	EXPECT_TRUE(!sci_tx_may_write(0, 0, 16));
	/* TDRE is cleared before each write, and only TDRE. */
	EXPECT_EQ_UINT(sci_tx_clear(0), SCI_CFCLR_TDREC);
}

TEST(rz_sci, fifo_mode_transmit_while_room)
{
	EXPECT_TRUE(sci_tx_may_write(FIFO, 0, 0));
	EXPECT_TRUE(sci_tx_may_write(FIFO, 0, 15));
	EXPECT_TRUE(!sci_tx_may_write(FIFO, SCI_CSR_TDRE, 16));
	/* Only T[5:0] counts: other FTSR bits do not. */
	EXPECT_TRUE(sci_tx_may_write(FIFO, 0, 0xffffffc0u | 3u));
	EXPECT_EQ_UINT(sci_tx_clear(FIFO), 0u);
}

TEST(rz_sci, register_mode_receive)
{
	u32 csr = SCI_CSR_RDRF | SCI_CSR_TDRE | SCI_CSR_TEND;

	EXPECT_TRUE(!sci_rx_ready(0, SCI_CSR_TDRE, 0));
	EXPECT_TRUE(sci_rx_ready(0, csr, 0));
	/* RDRF cleared after the read; the transmit flags stay. */
	EXPECT_EQ_UINT(sci_rx_clear(0, csr), SCI_CFCLR_RDRFC);
	/* Errors are cleared or reception stops. */
	EXPECT_EQ_UINT(sci_rx_clear(0, SCI_CSR_ORER | SCI_CSR_FER | SCI_CSR_PER),
		       SCI_CFCLR_ORERC | SCI_CFCLR_FERC | SCI_CFCLR_PERC);
	EXPECT_EQ_UINT(sci_rx_fifo_clear(0, SCI_FRSR_DR), 0u);
}

TEST(rz_sci, fifo_mode_receive_counts_bytes)
{
	EXPECT_TRUE(!sci_rx_ready(FIFO, SCI_CSR_RDRF, 0));
	EXPECT_TRUE(!sci_rx_ready(FIFO, 0, SCI_FRSR_DR));
	EXPECT_TRUE(sci_rx_ready(FIFO, 0, 1u << SCI_FRSR_R_SHIFT));
	EXPECT_TRUE(sci_rx_ready(FIFO, 0, 16u << SCI_FRSR_R_SHIFT));
	/* RDRF is not the FIFO's business; DR is cleared through FFCLR. */
	EXPECT_EQ_UINT(sci_rx_clear(FIFO, SCI_CSR_RDRF), 0u);
	EXPECT_EQ_UINT(sci_rx_clear(FIFO, SCI_CSR_ORER), SCI_CFCLR_ORERC);
	EXPECT_EQ_UINT(sci_rx_fifo_clear(FIFO, SCI_FRSR_DR), SCI_FFCLR_DRC);
	EXPECT_EQ_UINT(sci_rx_fifo_clear(FIFO, 0), 0u);
}
