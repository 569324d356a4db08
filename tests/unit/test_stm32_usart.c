/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the STM32 USART register model: reset state, transmit, receive, overrun, flags,
 * interrupts. */
#include "../../drivers/serial/stm32_usart_model.h"

#include "test.h"

#define ENABLED (USART_CR1_UE | USART_CR1_TE | USART_CR1_RE)

static struct stm32_usart_model m;

static u32 rd(u32 offset)
{
	return stm32_usart_model_read(&m, offset);
}

static int wr(u32 offset, u32 value)
{
	return stm32_usart_model_write(&m, offset, value);
}

TEST(stm32_usart, out_of_reset_enabled_as_the_boot_loader_leaves_it)
{
	stm32_usart_model_reset(&m);
	EXPECT_EQ_UINT(rd(USART_CR1), ENABLED);
	EXPECT_EQ_UINT(rd(USART_ISR),
		       USART_ISR_TXE | USART_ISR_TC | USART_ISR_TEACK | USART_ISR_REACK);
	EXPECT_TRUE(!stm32_usart_model_irq(&m));
	EXPECT_TRUE(stm32_usart_model_wants_input(&m));
}

TEST(stm32_usart, tdr_sends_the_low_byte_and_only_tdr_sends)
{
	stm32_usart_model_reset(&m);
	EXPECT_EQ_INT(wr(USART_TDR, 0x141), 0x41);
	EXPECT_EQ_INT(wr(USART_CR2, 'B'), -1);
	EXPECT_EQ_INT(wr(USART_RDR, 'C'), -1);
	/* TDR reads as zero; the transmitter is always ready. */
	EXPECT_EQ_UINT(rd(USART_TDR), 0);
	EXPECT_TRUE(rd(USART_ISR) & USART_ISR_TXE);
}

TEST(stm32_usart, nothing_is_sent_with_the_transmitter_or_the_usart_off)
{
	stm32_usart_model_reset(&m);
	wr(USART_CR1, USART_CR1_UE | USART_CR1_RE);
	EXPECT_EQ_INT(wr(USART_TDR, 'x'), -1);
	EXPECT_TRUE(!(rd(USART_ISR) & USART_ISR_TEACK));
	wr(USART_CR1, USART_CR1_TE | USART_CR1_RE);
	EXPECT_EQ_INT(wr(USART_TDR, 'y'), -1);
	wr(USART_CR1, ENABLED);
	EXPECT_EQ_INT(wr(USART_TDR, 'z'), 'z');
}

TEST(stm32_usart, writable_bits_of_the_control_registers)
{
	stm32_usart_model_reset(&m);
	wr(USART_BRR, 0xffffffff);
	EXPECT_EQ_UINT(rd(USART_BRR), 0xffff);
	wr(USART_GTPR, 0x12345678);
	EXPECT_EQ_UINT(rd(USART_GTPR), 0x5678);
	wr(USART_PRESC, 0xff);
	EXPECT_EQ_UINT(rd(USART_PRESC), 0xf);
	wr(USART_CR2, 0x00003000);
	EXPECT_EQ_UINT(rd(USART_CR2), 0x00003000);
	wr(USART_CR3, USART_CR3_EIE);
	EXPECT_EQ_UINT(rd(USART_CR3), USART_CR3_EIE);
	wr(USART_RTOR, 0x01000010);
	EXPECT_EQ_UINT(rd(USART_RTOR), 0x01000010);
	/* Write-only and read-only registers keep nothing. */
	wr(USART_ISR, 0xffffffff);
	EXPECT_EQ_UINT(
	    rd(USART_ISR) & ~(USART_ISR_TXE | USART_ISR_TC | USART_ISR_TEACK | USART_ISR_REACK), 0);
	EXPECT_EQ_UINT(rd(USART_ICR), 0);
	EXPECT_EQ_UINT(rd(USART_RQR), 0);
}

TEST(stm32_usart, received_byte_sets_rxne_until_rdr_is_read)
{
	stm32_usart_model_reset(&m);
	stm32_usart_model_receive(&m, 'q');
	EXPECT_TRUE(rd(USART_ISR) & USART_ISR_RXNE);
	EXPECT_TRUE(!stm32_usart_model_wants_input(&m));
	EXPECT_EQ_UINT(rd(USART_RDR), 'q');
	EXPECT_TRUE(!(rd(USART_ISR) & USART_ISR_RXNE));
	EXPECT_TRUE(stm32_usart_model_wants_input(&m));
}

TEST(stm32_usart, a_second_byte_before_rdr_is_read_overruns)
{
	stm32_usart_model_reset(&m);
	stm32_usart_model_receive(&m, '1');
	stm32_usart_model_receive(&m, '2');
	EXPECT_TRUE(rd(USART_ISR) & USART_ISR_ORE);
	EXPECT_EQ_UINT(rd(USART_RDR), '1');
	/* ORE stays until ICR.ORECF. */
	EXPECT_TRUE(rd(USART_ISR) & USART_ISR_ORE);
	wr(USART_ICR, USART_ICR_ORECF);
	EXPECT_TRUE(!(rd(USART_ISR) & USART_ISR_ORE));
}

TEST(stm32_usart, the_receiver_off_takes_nothing)
{
	stm32_usart_model_reset(&m);
	wr(USART_CR1, USART_CR1_UE | USART_CR1_TE);
	EXPECT_TRUE(!stm32_usart_model_wants_input(&m));
	stm32_usart_model_receive(&m, 'n');
	EXPECT_TRUE(!(rd(USART_ISR) & (USART_ISR_RXNE | USART_ISR_REACK)));
}

TEST(stm32_usart, rqr_flushes_the_waiting_byte)
{
	stm32_usart_model_reset(&m);
	stm32_usart_model_receive(&m, 'f');
	wr(USART_RQR, USART_RQR_RXFRQ);
	EXPECT_TRUE(!(rd(USART_ISR) & USART_ISR_RXNE));
}

TEST(stm32_usart, tc_is_cleared_by_icr_and_set_again_by_a_transmission)
{
	stm32_usart_model_reset(&m);
	wr(USART_ICR, USART_ICR_TCCF);
	EXPECT_TRUE(!(rd(USART_ISR) & USART_ISR_TC));
	wr(USART_TDR, 'a');
	EXPECT_TRUE(rd(USART_ISR) & USART_ISR_TC);
}

TEST(stm32_usart, disabling_the_usart_resets_its_flags)
{
	stm32_usart_model_reset(&m);
	stm32_usart_model_receive(&m, '1');
	stm32_usart_model_receive(&m, '2');
	wr(USART_CR1, 0);
	EXPECT_TRUE(!(rd(USART_ISR) & (USART_ISR_RXNE | USART_ISR_ORE)));
	EXPECT_TRUE(!stm32_usart_model_wants_input(&m));
}

TEST(stm32_usart, receive_interrupt_only_when_enabled)
{
	stm32_usart_model_reset(&m);
	stm32_usart_model_receive(&m, 'r');
	EXPECT_TRUE(!stm32_usart_model_irq(&m));
	wr(USART_CR1, ENABLED | USART_CR1_RXNEIE);
	EXPECT_TRUE(stm32_usart_model_irq(&m));
	rd(USART_RDR);
	EXPECT_TRUE(!stm32_usart_model_irq(&m));
}

TEST(stm32_usart, overrun_interrupts_through_rxneie_or_eie)
{
	stm32_usart_model_reset(&m);
	stm32_usart_model_receive(&m, '1');
	stm32_usart_model_receive(&m, '2');
	rd(USART_RDR);
	EXPECT_TRUE(!stm32_usart_model_irq(&m));
	wr(USART_CR3, USART_CR3_EIE);
	EXPECT_TRUE(stm32_usart_model_irq(&m));
	wr(USART_CR3, 0);
	wr(USART_CR1, ENABLED | USART_CR1_RXNEIE);
	EXPECT_TRUE(stm32_usart_model_irq(&m));
	wr(USART_ICR, USART_ICR_ORECF);
	EXPECT_TRUE(!stm32_usart_model_irq(&m));
}

TEST(stm32_usart, transmit_interrupts_follow_txe_and_tc)
{
	stm32_usart_model_reset(&m);
	wr(USART_CR1, ENABLED | USART_CR1_TXEIE);
	EXPECT_TRUE(stm32_usart_model_irq(&m));
	wr(USART_CR1, ENABLED | USART_CR1_TCIE);
	EXPECT_TRUE(stm32_usart_model_irq(&m));
	wr(USART_ICR, USART_ICR_TCCF);
	EXPECT_TRUE(!stm32_usart_model_irq(&m));
	/* TXFE exists only with the FIFO on. */
	wr(USART_CR1, ENABLED | USART_CR1_TXFEIE);
	EXPECT_TRUE(!stm32_usart_model_irq(&m));
	wr(USART_CR1, ENABLED | USART_CR1_TXFEIE | USART_CR1_FIFOEN);
	EXPECT_TRUE(rd(USART_ISR) & USART_ISR_TXFE);
	EXPECT_TRUE(stm32_usart_model_irq(&m));
	/* A disabled USART raises nothing. */
	wr(USART_CR1, USART_CR1_TXEIE);
	EXPECT_TRUE(!stm32_usart_model_irq(&m));
}
