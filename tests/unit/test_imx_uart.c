/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the i.MX UART register model behind the virtual console on i.MX 8M boards. */
#include "../../drivers/serial/imx_uart_model.h"

#include "test.h"

static struct imx_uart_model fresh(void)
{
	struct imx_uart_model m;

	imx_uart_model_reset(&m);
	return m;
}

TEST(imx_uart, reset_is_a_running_console)
{
	struct imx_uart_model m = fresh();

	EXPECT_EQ_UINT(imx_uart_model_read(&m, IMX_UART_UCR1), IMX_UART_UCR1_UARTEN);
	EXPECT_TRUE(imx_uart_model_read(&m, IMX_UART_UCR2) & IMX_UART_UCR2_SRST);
	EXPECT_EQ_UINT(imx_uart_model_read(&m, IMX_UART_UTS),
		       IMX_UART_UTS_TXEMPTY | IMX_UART_UTS_RXEMPTY);
	EXPECT_EQ_UINT(imx_uart_model_read(&m, IMX_UART_USR2),
		       IMX_UART_USR2_TXFE | IMX_UART_USR2_TXDC);
	EXPECT_EQ_UINT(imx_uart_model_read(&m, IMX_UART_URXD), 0);
	EXPECT_TRUE(imx_uart_model_wants_input(&m));
	EXPECT_TRUE(!imx_uart_model_irq(&m));
}

TEST(imx_uart, transmit_needs_uarten_and_txen)
{
	struct imx_uart_model m = fresh();

	EXPECT_EQ_INT(imx_uart_model_write(&m, IMX_UART_UTXD, 0x141), 'A');
	EXPECT_EQ_UINT(imx_uart_model_read(&m, IMX_UART_UTS) & IMX_UART_UTS_TXFULL, 0);
	imx_uart_model_write(&m, IMX_UART_UCR2, IMX_UART_UCR2_SRST | IMX_UART_UCR2_RXEN);
	EXPECT_EQ_INT(imx_uart_model_write(&m, IMX_UART_UTXD, 'b'), -1);
	imx_uart_model_write(&m, IMX_UART_UCR2, IMX_UART_UCR2_SRST | IMX_UART_UCR2_TXEN);
	imx_uart_model_write(&m, IMX_UART_UCR1, 0);
	EXPECT_EQ_INT(imx_uart_model_write(&m, IMX_UART_UTXD, 'c'), -1);
	EXPECT_TRUE(!imx_uart_model_wants_input(&m));
}

TEST(imx_uart, receive_status_and_interrupts)
{
	struct imx_uart_model m = fresh();

	imx_uart_model_receive(&m, 'q');
	EXPECT_TRUE(!imx_uart_model_wants_input(&m));
	EXPECT_TRUE(imx_uart_model_read(&m, IMX_UART_USR1) & IMX_UART_USR1_RRDY);
	EXPECT_TRUE(imx_uart_model_read(&m, IMX_UART_USR2) & IMX_UART_USR2_RDR);
	EXPECT_EQ_UINT(imx_uart_model_read(&m, IMX_UART_UTS) & IMX_UART_UTS_RXEMPTY, 0);
	/* No interrupt until DREN (or RRDYEN) enables it. */
	EXPECT_TRUE(!imx_uart_model_irq(&m));
	imx_uart_model_write(&m, IMX_UART_UCR4, IMX_UART_UCR4_DREN);
	EXPECT_TRUE(imx_uart_model_irq(&m));
	EXPECT_EQ_UINT(imx_uart_model_read(&m, IMX_UART_URXD), IMX_UART_URXD_CHARRDY | 'q');
	EXPECT_TRUE(!imx_uart_model_irq(&m));
	EXPECT_EQ_UINT(imx_uart_model_read(&m, IMX_UART_USR2) & IMX_UART_USR2_RDR, 0);
	/* The transmitter's interrupts hold at once: it is always ready. */
	imx_uart_model_write(&m, IMX_UART_UCR1, IMX_UART_UCR1_UARTEN | IMX_UART_UCR1_TRDYEN);
	EXPECT_TRUE(imx_uart_model_irq(&m));
}

TEST(imx_uart, overrun_and_software_reset)
{
	struct imx_uart_model m = fresh();

	imx_uart_model_receive(&m, '1');
	imx_uart_model_receive(&m, '2');
	EXPECT_TRUE(imx_uart_model_read(&m, IMX_UART_USR2) & IMX_UART_USR2_ORE);
	imx_uart_model_write(&m, IMX_UART_UCR4, IMX_UART_UCR4_OREN);
	EXPECT_TRUE(imx_uart_model_irq(&m));
	/* Writing ORE back clears it; the first byte stays. */
	imx_uart_model_write(&m, IMX_UART_USR2, IMX_UART_USR2_ORE);
	EXPECT_EQ_UINT(imx_uart_model_read(&m, IMX_UART_USR2) & IMX_UART_USR2_ORE, 0);
	/* SRST = 0 resets the receiver and reads back 1 (done). */
	imx_uart_model_write(&m, IMX_UART_UCR2, IMX_UART_UCR2_RXEN | IMX_UART_UCR2_TXEN);
	EXPECT_TRUE(imx_uart_model_read(&m, IMX_UART_UCR2) & IMX_UART_UCR2_SRST);
	EXPECT_EQ_UINT(imx_uart_model_read(&m, IMX_UART_URXD), 0);
	/* The FIFO flags in UTS are not writable. */
	imx_uart_model_write(&m, IMX_UART_UTS, 0xffff);
	EXPECT_EQ_UINT(imx_uart_model_read(&m, IMX_UART_UTS) & IMX_UART_UTS_TXFULL, 0);
}
