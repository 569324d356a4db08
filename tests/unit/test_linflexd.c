/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the LINFlexD console driver's register logic (drivers/serial/linflexd_regs.h), both
 * modes. */
#include "../../drivers/serial/linflexd_regs.h"

#include "test.h"

#define BUFFER	0u
#define TX_FIFO LINFLEXD_UARTCR_TFBM
#define RX_FIFO LINFLEXD_UARTCR_RFBM

TEST(linflexd, register_map)
{
	/* Offsets and bits as the S32Z2/E2 reference manual gives them. */
	EXPECT_EQ_UINT(LINFLEXD_UARTCR, 0x10u);
	EXPECT_EQ_UINT(LINFLEXD_UARTSR, 0x14u);
	EXPECT_EQ_UINT(LINFLEXD_BDRL, 0x38u);
	EXPECT_EQ_UINT(LINFLEXD_BDRM, 0x3cu);
	EXPECT_EQ_UINT(LINFLEXD_UARTSR_DTFTFF, 0x2u);
	EXPECT_EQ_UINT(LINFLEXD_UARTSR_DRFRFE, 0x4u);
	EXPECT_EQ_UINT(LINFLEXD_UARTCR_TFBM, 0x100u);
}

TEST(linflexd, setup_is_8n1_buffer_mode_both_ways)
{
	u32 cr = linflexd_uartcr_setup();

	/* UART, WL0 (8 bits with WL1 clear), TXEN, RXEN: 0x33. */
	EXPECT_EQ_UINT(cr, 0x33u);
	EXPECT_TRUE(linflexd_uart_on(cr));
	EXPECT_TRUE(!(cr & (LINFLEXD_UARTCR_PCE | LINFLEXD_UARTCR_WL1)));
	EXPECT_TRUE(!(cr & (LINFLEXD_UARTCR_TFBM | LINFLEXD_UARTCR_RFBM)));
	/* Out of reset (0) or in LIN mode, or with the receiver off, it is not on. */
	EXPECT_TRUE(!linflexd_uart_on(0));
	EXPECT_TRUE(!linflexd_uart_on(LINFLEXD_UARTCR_TXEN | LINFLEXD_UARTCR_RXEN));
	EXPECT_TRUE(!linflexd_uart_on(LINFLEXD_UARTCR_UART | LINFLEXD_UARTCR_TXEN));
}

TEST(linflexd, init_mode_is_lins_1)
{
	EXPECT_TRUE(linflexd_in_init(0x1000u));
	EXPECT_TRUE(linflexd_in_init(0x1000u | 0xfffu));
	EXPECT_TRUE(!linflexd_in_init(0x0000u)); /* sleep */
	EXPECT_TRUE(!linflexd_in_init(0x2000u)); /* idle */
}

TEST(linflexd, buffer_mode_transmit_waits_for_dtftff_and_clears_it_alone)
{
	u32 cr = linflexd_uartcr_setup();

	/* Always writable: the previous byte was waited for. */
	EXPECT_TRUE(linflexd_tx_may_write(cr, 0));
	EXPECT_TRUE(!linflexd_tx_done(cr, 0));
	/* Other flags (a received byte) do not mean the byte left. */
	EXPECT_TRUE(!linflexd_tx_done(cr, LINFLEXD_UARTSR_DRFRFE | LINFLEXD_UARTSR_RMB));
	EXPECT_TRUE(linflexd_tx_done(cr, LINFLEXD_UARTSR_DTFTFF));
	/* Write 1 to clear DTFTFF only, never the receive flags. */
	EXPECT_EQ_UINT(linflexd_tx_ack(cr), LINFLEXD_UARTSR_DTFTFF);
}

TEST(linflexd, fifo_mode_transmit_waits_while_full)
{
	u32 cr = linflexd_uartcr_setup() | TX_FIFO;

	EXPECT_TRUE(linflexd_tx_may_write(cr, 0));
	EXPECT_TRUE(!linflexd_tx_may_write(cr, LINFLEXD_UARTSR_DTFTFF));
	EXPECT_TRUE(linflexd_tx_done(cr, 0));
	EXPECT_EQ_UINT(linflexd_tx_ack(cr), 0u);
}

TEST(linflexd, buffer_mode_receive)
{
	u32 cr = linflexd_uartcr_setup();
	u32 sr = LINFLEXD_UARTSR_DRFRFE | LINFLEXD_UARTSR_RMB | LINFLEXD_UARTSR_DTFTFF;

	EXPECT_TRUE(!linflexd_rx_ready(cr, 0));
	EXPECT_TRUE(!linflexd_rx_ready(cr, LINFLEXD_UARTSR_DTFTFF));
	EXPECT_TRUE(linflexd_rx_ready(cr, sr));
	/* Clears what it consumed; a transmit flag set meanwhile stays for the writer. */
	EXPECT_EQ_UINT(linflexd_rx_ack(cr, sr), LINFLEXD_UARTSR_DRFRFE | LINFLEXD_UARTSR_RMB);
	/* An overrun is cleared too, or reception stops. */
	EXPECT_EQ_UINT(linflexd_rx_ack(cr, LINFLEXD_UARTSR_BOF), LINFLEXD_UARTSR_BOF);
	EXPECT_EQ_UINT(linflexd_rx_ack(cr, 0), 0u);
}

TEST(linflexd, fifo_mode_receive_reads_while_not_empty)
{
	u32 cr = linflexd_uartcr_setup() | RX_FIFO;

	EXPECT_TRUE(linflexd_rx_ready(cr, 0));
	EXPECT_TRUE(!linflexd_rx_ready(cr, LINFLEXD_UARTSR_DRFRFE));
	/* DRFRFE is a level in FIFO mode: never written back. */
	EXPECT_EQ_UINT(linflexd_rx_ack(cr, LINFLEXD_UARTSR_DRFRFE), 0u);
	EXPECT_EQ_UINT(linflexd_rx_ack(cr, LINFLEXD_UARTSR_BOF | LINFLEXD_UARTSR_RMB),
		       LINFLEXD_UARTSR_BOF);
}
