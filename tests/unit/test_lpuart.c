/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the NXP LPUART register model behind the virtual console on i.MX 8QuadMax boards. */
#include "../../drivers/serial/lpuart_model.h"

#include "test.h"

static struct lpuart_model fresh(void)
{
	struct lpuart_model m;

	lpuart_model_reset(&m);
	return m;
}

TEST(lpuart, reset_is_a_running_console)
{
	struct lpuart_model m = fresh();

	EXPECT_EQ_UINT(lpuart_model_read(&m, LPUART_CTRL), LPUART_CTRL_TE | LPUART_CTRL_RE);
	EXPECT_EQ_UINT(lpuart_model_read(&m, LPUART_STAT), LPUART_STAT_TDRE | LPUART_STAT_TC);
	EXPECT_EQ_UINT(lpuart_model_read(&m, LPUART_DATA), LPUART_DATA_RXEMPT);
	EXPECT_TRUE(lpuart_model_read(&m, LPUART_FIFO) & LPUART_FIFO_RXEMPT);
	EXPECT_TRUE(lpuart_model_wants_input(&m));
	EXPECT_TRUE(!lpuart_model_irq(&m));
}

TEST(lpuart, transmit_needs_te)
{
	struct lpuart_model m = fresh();

	EXPECT_EQ_INT(lpuart_model_write(&m, LPUART_DATA, 0x141), 'A');
	lpuart_model_write(&m, LPUART_CTRL, LPUART_CTRL_RE);
	EXPECT_EQ_INT(lpuart_model_write(&m, LPUART_DATA, 'b'), -1);
	/* TIE and TCIE interrupt at once: the transmitter is always empty and done. */
	lpuart_model_write(&m, LPUART_CTRL, LPUART_CTRL_TE | LPUART_CTRL_TCIE);
	EXPECT_TRUE(lpuart_model_irq(&m));
}

TEST(lpuart, receive_and_interrupt)
{
	struct lpuart_model m = fresh();

	lpuart_model_receive(&m, 'q');
	EXPECT_TRUE(!lpuart_model_wants_input(&m));
	EXPECT_TRUE(lpuart_model_read(&m, LPUART_STAT) & LPUART_STAT_RDRF);
	EXPECT_EQ_UINT(lpuart_model_read(&m, LPUART_FIFO) & LPUART_FIFO_RXEMPT, 0);
	EXPECT_TRUE(!lpuart_model_irq(&m));
	lpuart_model_write(&m, LPUART_CTRL, LPUART_CTRL_TE | LPUART_CTRL_RE | LPUART_CTRL_RIE);
	EXPECT_TRUE(lpuart_model_irq(&m));
	EXPECT_EQ_UINT(lpuart_model_read(&m, LPUART_DATA), 'q');
	EXPECT_TRUE(!lpuart_model_irq(&m));
	EXPECT_EQ_UINT(lpuart_model_read(&m, LPUART_STAT) & LPUART_STAT_RDRF, 0);
	/* With RE off nothing comes in. */
	lpuart_model_write(&m, LPUART_CTRL, LPUART_CTRL_TE);
	EXPECT_TRUE(!lpuart_model_wants_input(&m));
}

TEST(lpuart, overrun_until_written_back)
{
	struct lpuart_model m = fresh();

	lpuart_model_receive(&m, '1');
	lpuart_model_receive(&m, '2');
	EXPECT_TRUE(lpuart_model_read(&m, LPUART_STAT) & LPUART_STAT_OR);
	lpuart_model_write(&m, LPUART_CTRL, LPUART_CTRL_TE | LPUART_CTRL_RE | LPUART_CTRL_ORIE);
	EXPECT_TRUE(lpuart_model_irq(&m));
	lpuart_model_write(&m, LPUART_STAT, LPUART_STAT_OR);
	EXPECT_EQ_UINT(lpuart_model_read(&m, LPUART_STAT) & LPUART_STAT_OR, 0);
	EXPECT_TRUE(!lpuart_model_irq(&m));
	/* The first byte stayed. */
	EXPECT_EQ_UINT(lpuart_model_read(&m, LPUART_DATA), '1');
}
