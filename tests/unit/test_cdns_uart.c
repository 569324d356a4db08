/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the Cadence UART register model behind the virtual console and of the driver's CR logic.
 */
#include "../../drivers/serial/cdns_uart_model.h"

#include "test.h"

static struct cdns_uart_model fresh(void)
{
	struct cdns_uart_model m;

	cdns_uart_model_reset(&m);
	return m;
}

TEST(cdns_uart, reset_is_a_running_console)
{
	struct cdns_uart_model m = fresh();

	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_CR),
		       CDNS_UART_CR_STPBRK | CDNS_UART_CR_TXEN | CDNS_UART_CR_RXEN);
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_MR), CDNS_UART_MR_8N1);
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_SR),
		       CDNS_UART_SR_TEMPTY | CDNS_UART_SR_REMPTY);
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_RXWM), 0x20);
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_IMR), 0);
	EXPECT_TRUE(cdns_uart_model_wants_input(&m));
	EXPECT_TRUE(!cdns_uart_model_irq(&m));
}

TEST(cdns_uart, transmit_raises_tempty)
{
	struct cdns_uart_model m = fresh();

	EXPECT_EQ_INT(cdns_uart_model_write(&m, CDNS_UART_FIFO, 0x141), 'A');
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_SR) & CDNS_UART_SR_TFUL, 0);
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_ISR), CDNS_UART_INT_TEMPTY);
	/* Raw status without its IMR bit: no interrupt; IER turns it on, IDR off. */
	EXPECT_TRUE(!cdns_uart_model_irq(&m));
	cdns_uart_model_write(&m, CDNS_UART_IER, CDNS_UART_INT_TEMPTY);
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_IMR), CDNS_UART_INT_TEMPTY);
	EXPECT_TRUE(cdns_uart_model_irq(&m));
	cdns_uart_model_write(&m, CDNS_UART_IDR, CDNS_UART_INT_TEMPTY);
	EXPECT_TRUE(!cdns_uart_model_irq(&m));
	/* ISR is write-one-to-clear. */
	cdns_uart_model_write(&m, CDNS_UART_IER, CDNS_UART_INT_TEMPTY);
	cdns_uart_model_write(&m, CDNS_UART_ISR, 0);
	EXPECT_TRUE(cdns_uart_model_irq(&m));
	cdns_uart_model_write(&m, CDNS_UART_ISR, CDNS_UART_INT_TEMPTY);
	EXPECT_TRUE(!cdns_uart_model_irq(&m));
}

TEST(cdns_uart, disable_wins_over_enable)
{
	struct cdns_uart_model m = fresh();

	cdns_uart_model_write(&m, CDNS_UART_CR,
			      CDNS_UART_CR_TXEN | CDNS_UART_CR_TXDIS | CDNS_UART_CR_RXEN |
				  CDNS_UART_CR_RXDIS);
	EXPECT_EQ_INT(cdns_uart_model_write(&m, CDNS_UART_FIFO, 'x'), -1);
	EXPECT_TRUE(!cdns_uart_model_wants_input(&m));
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_ISR), 0);
}

TEST(cdns_uart, receive_trigger_and_timeout)
{
	struct cdns_uart_model m = fresh();

	cdns_uart_model_write(&m, CDNS_UART_IER, CDNS_UART_INT_RTRIG | CDNS_UART_INT_TIMEOUT);
	/* Trigger level 32 and no timeout: a byte waits, nothing interrupts. */
	cdns_uart_model_receive(&m, 'a');
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_SR) & CDNS_UART_SR_REMPTY, 0);
	EXPECT_TRUE(!cdns_uart_model_irq(&m));
	EXPECT_TRUE(!cdns_uart_model_wants_input(&m));
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_FIFO), 'a');
	EXPECT_TRUE(cdns_uart_model_wants_input(&m));
	/* Trigger level 1: RTRIG in SR and ISR. */
	cdns_uart_model_write(&m, CDNS_UART_RXWM, 1);
	cdns_uart_model_receive(&m, 'b');
	EXPECT_TRUE(cdns_uart_model_read(&m, CDNS_UART_SR) & CDNS_UART_SR_RTRIG);
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_ISR), CDNS_UART_INT_RTRIG);
	EXPECT_TRUE(cdns_uart_model_irq(&m));
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_FIFO), 'b');
	cdns_uart_model_write(&m, CDNS_UART_ISR, CDNS_UART_INT_RTRIG);
	EXPECT_TRUE(!cdns_uart_model_irq(&m));
	/* A receiver timeout (Linux's way with a high trigger level). */
	cdns_uart_model_write(&m, CDNS_UART_RXWM, 56);
	cdns_uart_model_write(&m, CDNS_UART_RXTOUT, 10);
	cdns_uart_model_receive(&m, 'c');
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_ISR), CDNS_UART_INT_TIMEOUT);
	EXPECT_TRUE(cdns_uart_model_irq(&m));
}

TEST(cdns_uart, overrun_and_rx_reset)
{
	struct cdns_uart_model m = fresh();

	cdns_uart_model_receive(&m, '1');
	cdns_uart_model_receive(&m, '2');
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_ISR) & CDNS_UART_INT_ROVR,
		       CDNS_UART_INT_ROVR);
	/* RXRES empties the FIFO and clears itself. */
	cdns_uart_model_write(&m, CDNS_UART_CR,
			      CDNS_UART_CR_RXRES | CDNS_UART_CR_RXEN | CDNS_UART_CR_TXEN);
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_CR),
		       CDNS_UART_CR_RXEN | CDNS_UART_CR_TXEN);
	EXPECT_TRUE(cdns_uart_model_read(&m, CDNS_UART_SR) & CDNS_UART_SR_REMPTY);
	EXPECT_EQ_UINT(cdns_uart_model_read(&m, CDNS_UART_FIFO), 0);
}

TEST(cdns_uart, driver_cr_logic)
{
	/* Out of reset both directions are off; the driver's value turns them on, keeps STPBRK. */
	EXPECT_TRUE(!cdns_uart_tx_on(CDNS_UART_CR_RESET));
	EXPECT_TRUE(!cdns_uart_rx_on(CDNS_UART_CR_RESET));
	EXPECT_EQ_UINT(cdns_uart_cr_both_on(CDNS_UART_CR_RESET),
		       CDNS_UART_CR_STPBRK | CDNS_UART_CR_TXEN | CDNS_UART_CR_RXEN);
	EXPECT_TRUE(cdns_uart_tx_on(cdns_uart_cr_both_on(CDNS_UART_CR_RESET)));
	EXPECT_TRUE(cdns_uart_rx_on(cdns_uart_cr_both_on(CDNS_UART_CR_RESET)));
	/* It never writes a reset bit. */
	EXPECT_EQ_UINT(cdns_uart_cr_both_on(CDNS_UART_CR_TXRES | CDNS_UART_CR_RXRES) &
			   (CDNS_UART_CR_TXRES | CDNS_UART_CR_RXRES),
		       0);
}
