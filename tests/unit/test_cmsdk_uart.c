/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the CMSDK APB UART register model behind the virtual console on MPS3 AN536. */
#include "../../drivers/serial/cmsdk_uart_model.h"

#include "test.h"

static struct cmsdk_uart_model on(u32 ctrl)
{
	struct cmsdk_uart_model m;

	cmsdk_uart_model_reset(&m);
	EXPECT_EQ_INT(cmsdk_uart_model_write(&m, CMSDK_UART_CTRL, ctrl), -1);
	return m;
}

TEST(cmsdk_uart, reset_is_off)
{
	struct cmsdk_uart_model m;

	cmsdk_uart_model_reset(&m);
	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, CMSDK_UART_CTRL), 0);
	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, CMSDK_UART_STATE), 0);
	/* Nothing is sent, nothing received, while the directions are off. */
	EXPECT_EQ_INT(cmsdk_uart_model_write(&m, CMSDK_UART_DATA, 'x'), -1);
	EXPECT_TRUE(!cmsdk_uart_model_wants_input(&m));
	EXPECT_TRUE(!cmsdk_uart_model_irq(&m));
}

TEST(cmsdk_uart, transmit)
{
	struct cmsdk_uart_model m = on(CMSDK_UART_CTRL_TXEN);

	EXPECT_EQ_INT(cmsdk_uart_model_write(&m, CMSDK_UART_DATA, 0x141), 'A');
	/* Never full: the byte left at once. No interrupt without TXINTEN. */
	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, CMSDK_UART_STATE) & CMSDK_UART_STATE_TXFULL, 0);
	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, CMSDK_UART_INTSTATUS), 0);
	EXPECT_TRUE(!cmsdk_uart_model_irq(&m));
}

TEST(cmsdk_uart, tx_interrupt_until_cleared)
{
	struct cmsdk_uart_model m = on(CMSDK_UART_CTRL_TXEN | CMSDK_UART_CTRL_TXINTEN);

	EXPECT_EQ_INT(cmsdk_uart_model_write(&m, CMSDK_UART_DATA, 'b'), 'b');
	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, CMSDK_UART_INTSTATUS), CMSDK_UART_INT_TX);
	EXPECT_TRUE(cmsdk_uart_model_irq(&m));
	/* Writing 0 to INTCLEAR clears nothing; 1 clears the bit. */
	cmsdk_uart_model_write(&m, CMSDK_UART_INTSTATUS, 0);
	EXPECT_TRUE(cmsdk_uart_model_irq(&m));
	cmsdk_uart_model_write(&m, CMSDK_UART_INTSTATUS, CMSDK_UART_INT_TX);
	EXPECT_TRUE(!cmsdk_uart_model_irq(&m));
}

TEST(cmsdk_uart, receive_and_overrun)
{
	struct cmsdk_uart_model m =
	    on(CMSDK_UART_CTRL_RXEN | CMSDK_UART_CTRL_RXINTEN | CMSDK_UART_CTRL_RXOINTEN);

	EXPECT_TRUE(cmsdk_uart_model_wants_input(&m));
	cmsdk_uart_model_receive(&m, 'q');
	EXPECT_TRUE(!cmsdk_uart_model_wants_input(&m));
	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, CMSDK_UART_STATE), CMSDK_UART_STATE_RXFULL);
	EXPECT_TRUE(cmsdk_uart_model_irq(&m));
	/* A second byte before the first is read: an overrun, the first byte stays. */
	cmsdk_uart_model_receive(&m, 'r');
	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, CMSDK_UART_STATE),
		       CMSDK_UART_STATE_RXFULL | CMSDK_UART_STATE_RXOVR);
	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, CMSDK_UART_INTSTATUS),
		       CMSDK_UART_INT_RX | CMSDK_UART_INT_RXOVR);
	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, CMSDK_UART_DATA), 'q');
	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, CMSDK_UART_STATE), CMSDK_UART_STATE_RXOVR);
	/* STATE: writing 1 clears the overrun. */
	cmsdk_uart_model_write(&m, CMSDK_UART_STATE, CMSDK_UART_STATE_RXOVR);
	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, CMSDK_UART_STATE), 0);
	cmsdk_uart_model_write(&m, CMSDK_UART_INTSTATUS, 0xf);
	EXPECT_TRUE(!cmsdk_uart_model_irq(&m));
	EXPECT_TRUE(cmsdk_uart_model_wants_input(&m));
}

TEST(cmsdk_uart, registers_keep_their_bits)
{
	struct cmsdk_uart_model m = on(0xffffffffu);

	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, CMSDK_UART_CTRL), 0x7f);
	cmsdk_uart_model_write(&m, CMSDK_UART_BAUDDIV, 0xfff01b2u);
	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, CMSDK_UART_BAUDDIV), 0xff01b2u & 0xfffffu);
	/* The ID registers read as zero. */
	EXPECT_EQ_UINT(cmsdk_uart_model_read(&m, 0xfe0), 0);
	/* Disabling an interrupt hides its raised status from the line. */
	EXPECT_EQ_INT(cmsdk_uart_model_write(&m, CMSDK_UART_DATA, 'z'), 'z');
	EXPECT_TRUE(cmsdk_uart_model_irq(&m));
	cmsdk_uart_model_write(&m, CMSDK_UART_CTRL, CMSDK_UART_CTRL_TXEN);
	EXPECT_TRUE(!cmsdk_uart_model_irq(&m));
}
