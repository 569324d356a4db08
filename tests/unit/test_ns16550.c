/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the 16550A register model: DLAB, FIFO control, line status, interrupt priorities. */
#include "../../drivers/serial/ns16550_model.h"

#include "test.h"

#define RBR NS16550_RBR
#define THR NS16550_THR
#define IER NS16550_IER
#define IIR NS16550_IIR
#define FCR NS16550_FCR
#define LCR NS16550_LCR
#define MCR NS16550_MCR
#define LSR NS16550_LSR
#define MSR NS16550_MSR
#define SCR NS16550_SCR

static struct ns16550_model m;

static u8 rd(unsigned int reg)
{
	return ns16550_model_read(&m, reg);
}

static int wr(unsigned int reg, u8 value)
{
	return ns16550_model_write(&m, reg, value);
}

TEST(ns16550, out_of_reset_idle_transmitter_and_no_interrupt)
{
	ns16550_model_reset(&m);
	EXPECT_EQ_UINT(rd(IER), 0);
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_NONE);
	EXPECT_EQ_UINT(rd(LCR), 0);
	EXPECT_EQ_UINT(rd(MCR), 0);
	EXPECT_EQ_UINT(rd(LSR), NS16550_LSR_THRE | NS16550_LSR_TEMT);
	EXPECT_EQ_UINT(rd(MSR), NS16550_MSR_DCD | NS16550_MSR_DSR | NS16550_MSR_CTS);
	EXPECT_TRUE(!ns16550_model_irq(&m));
	EXPECT_TRUE(ns16550_model_wants_input(&m));
}

TEST(ns16550, thr_sends_the_byte_and_stays_empty)
{
	ns16550_model_reset(&m);
	EXPECT_EQ_INT(wr(THR, 'A'), 'A');
	EXPECT_EQ_UINT(rd(LSR) & (NS16550_LSR_THRE | NS16550_LSR_TEMT),
		       NS16550_LSR_THRE | NS16550_LSR_TEMT);
	/* Other registers send nothing. */
	EXPECT_EQ_INT(wr(SCR, 'B'), -1);
	EXPECT_EQ_INT(wr(LCR, 0x03), -1);
}

TEST(ns16550, dlab_switches_offsets_0_and_1_to_the_divisor)
{
	ns16550_model_reset(&m);
	EXPECT_EQ_INT(wr(IER, NS16550_IER_ERBFI), -1);
	EXPECT_EQ_INT(wr(LCR, NS16550_LCR_DLAB | 0x03), -1);
	EXPECT_EQ_INT(wr(THR, 0x01), -1); /* DLL: nothing is sent */
	EXPECT_EQ_INT(wr(IER, 0x02), -1); /* DLM */
	EXPECT_EQ_UINT(rd(RBR), 0x01);
	EXPECT_EQ_UINT(rd(IER), 0x02);
	EXPECT_EQ_UINT(rd(LCR), NS16550_LCR_DLAB | 0x03);
	EXPECT_EQ_INT(wr(LCR, 0x03), -1);
	/* IER kept its value under the latch; the divisor is kept too. */
	EXPECT_EQ_UINT(rd(IER), NS16550_IER_ERBFI);
	EXPECT_EQ_INT(wr(LCR, NS16550_LCR_DLAB), -1);
	EXPECT_EQ_UINT(rd(RBR), 0x01);
	EXPECT_EQ_UINT(rd(IER), 0x02);
}

TEST(ns16550, writable_bits_of_ier_mcr_and_scratch)
{
	ns16550_model_reset(&m);
	wr(IER, 0xff);
	EXPECT_EQ_UINT(rd(IER), 0x0f);
	wr(MCR, 0xff);
	EXPECT_EQ_UINT(rd(MCR), 0x1f);
	wr(SCR, 0x5a);
	EXPECT_EQ_UINT(rd(SCR), 0x5a);
	/* LSR and MSR are read-only. */
	wr(LSR, 0);
	wr(MCR, 0);
	wr(MSR, 0);
	EXPECT_EQ_UINT(rd(LSR), NS16550_LSR_THRE | NS16550_LSR_TEMT);
}

TEST(ns16550, received_byte_sets_dr_until_rbr_is_read)
{
	ns16550_model_reset(&m);
	ns16550_model_receive(&m, 'x');
	EXPECT_TRUE(!ns16550_model_wants_input(&m));
	EXPECT_EQ_UINT(rd(LSR) & NS16550_LSR_DR, NS16550_LSR_DR);
	EXPECT_EQ_UINT(rd(RBR), 'x');
	EXPECT_EQ_UINT(rd(LSR) & NS16550_LSR_DR, 0);
	EXPECT_TRUE(ns16550_model_wants_input(&m));
}

TEST(ns16550, receive_interrupt_only_when_enabled)
{
	ns16550_model_reset(&m);
	ns16550_model_receive(&m, 'x');
	EXPECT_TRUE(!ns16550_model_irq(&m));
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_NONE);
	wr(IER, NS16550_IER_ERBFI);
	EXPECT_TRUE(ns16550_model_irq(&m));
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_RDA);
	/* Reading IIR does not clear it; reading the data does. */
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_RDA);
	EXPECT_EQ_UINT(rd(RBR), 'x');
	EXPECT_TRUE(!ns16550_model_irq(&m));
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_NONE);
}

TEST(ns16550, fifo_enable_shows_in_iir_and_trigger_gives_a_timeout)
{
	ns16550_model_reset(&m);
	wr(IER, NS16550_IER_ERBFI);
	wr(FCR, NS16550_FCR_ENABLE);
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_FIFOS | NS16550_IIR_NONE);
	ns16550_model_receive(&m, 'a');
	/* Trigger level 1: data available. */
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_FIFOS | NS16550_IIR_RDA);
	/* Trigger level 8 (as Linux sets it): one byte is below it, a character timeout. */
	wr(FCR, NS16550_FCR_ENABLE | 0x80);
	EXPECT_EQ_UINT(rd(LSR) & NS16550_LSR_DR, NS16550_LSR_DR);
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_FIFOS | NS16550_IIR_CTI);
	/* Turning the FIFOs off empties them. */
	wr(FCR, 0);
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_NONE);
	EXPECT_EQ_UINT(rd(LSR) & NS16550_LSR_DR, 0);
}

TEST(ns16550, fcr_receiver_reset_drops_the_waiting_byte)
{
	ns16550_model_reset(&m);
	wr(FCR, NS16550_FCR_ENABLE);
	ns16550_model_receive(&m, 'a');
	wr(FCR, NS16550_FCR_ENABLE | NS16550_FCR_CLEAR_RX);
	EXPECT_EQ_UINT(rd(LSR) & NS16550_LSR_DR, 0);
	EXPECT_TRUE(ns16550_model_wants_input(&m));
	/* FCR is write-only: its offset reads IIR. */
	EXPECT_EQ_UINT(rd(FCR), NS16550_IIR_FIFOS | NS16550_IIR_NONE);
}

TEST(ns16550, thre_interrupt_on_enable_acknowledged_by_iir_and_rearmed_by_thr)
{
	ns16550_model_reset(&m);
	wr(IER, NS16550_IER_ETBEI);
	EXPECT_TRUE(ns16550_model_irq(&m));
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_THRE);
	/* The read of IIR that reported it acknowledged it. */
	EXPECT_TRUE(!ns16550_model_irq(&m));
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_NONE);
	/* The byte leaves at once: THR empty again, interrupt again. */
	EXPECT_EQ_INT(wr(THR, 'z'), 'z');
	EXPECT_TRUE(ns16550_model_irq(&m));
	/* Masking it silences it; enabling it again with THR empty raises it again. */
	wr(IER, 0);
	EXPECT_TRUE(!ns16550_model_irq(&m));
	wr(IER, NS16550_IER_ETBEI);
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_THRE);
	/* Enables written again without a change do not raise it. */
	wr(IER, NS16550_IER_ETBEI);
	EXPECT_TRUE(!ns16550_model_irq(&m));
}

TEST(ns16550, received_data_outranks_thr_empty)
{
	ns16550_model_reset(&m);
	wr(IER, NS16550_IER_ERBFI | NS16550_IER_ETBEI);
	ns16550_model_receive(&m, 'q');
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_RDA);
	/* Reporting data available does not acknowledge THR empty. */
	EXPECT_EQ_UINT(rd(RBR), 'q');
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_THRE);
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_NONE);
}

TEST(ns16550, loopback_receives_what_is_sent_and_overruns)
{
	ns16550_model_reset(&m);
	wr(IER, NS16550_IER_ERBFI | NS16550_IER_ELSI);
	wr(MCR, NS16550_MCR_LOOP);
	EXPECT_TRUE(!ns16550_model_wants_input(&m));
	EXPECT_EQ_INT(wr(THR, 'L'), -1); /* nothing on the line */
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_RDA);
	EXPECT_EQ_INT(wr(THR, 'M'), -1);
	/* The second byte found RBR full: an overrun, which outranks data. */
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_RLS);
	EXPECT_EQ_UINT(rd(LSR),
		       NS16550_LSR_THRE | NS16550_LSR_TEMT | NS16550_LSR_OE | NS16550_LSR_DR);
	/* Reading LSR cleared the error. */
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_RDA);
	EXPECT_EQ_UINT(rd(RBR), 'M');
	EXPECT_TRUE(!ns16550_model_irq(&m));
}

TEST(ns16550, loopback_modem_lines_follow_mcr_with_deltas)
{
	ns16550_model_reset(&m);
	wr(IER, NS16550_IER_EDSSI);
	wr(MCR, NS16550_MCR_LOOP | NS16550_MCR_RTS | NS16550_MCR_OUT1);
	/* Entering loopback dropped DCD and DSR; RTS keeps CTS; OUT1 raises RI. */
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_MSR);
	EXPECT_EQ_UINT(rd(MSR),
		       NS16550_MSR_CTS | NS16550_MSR_RI | NS16550_MSR_DDSR | NS16550_MSR_DDCD);
	EXPECT_EQ_UINT(rd(IIR), NS16550_IIR_NONE);
	wr(MCR, NS16550_MCR_LOOP | NS16550_MCR_DTR | NS16550_MCR_OUT2);
	EXPECT_EQ_UINT(rd(MSR), NS16550_MSR_DSR | NS16550_MSR_DCD | NS16550_MSR_DCTS |
				    NS16550_MSR_DDSR | NS16550_MSR_TERI | NS16550_MSR_DDCD);
	EXPECT_EQ_UINT(rd(MSR), NS16550_MSR_DSR | NS16550_MSR_DCD);
}

TEST(ns16550, reset_forgets_everything)
{
	ns16550_model_reset(&m);
	wr(IER, 0x0f);
	wr(LCR, 0x83);
	wr(THR, 0x12);
	ns16550_model_receive(&m, 'r');
	ns16550_model_reset(&m);
	EXPECT_EQ_UINT(rd(LCR), 0);
	EXPECT_EQ_UINT(rd(IER), 0);
	EXPECT_EQ_UINT(rd(LSR), NS16550_LSR_THRE | NS16550_LSR_TEMT);
	EXPECT_TRUE(!ns16550_model_irq(&m));
}

TEST(ns16550, decode_byte_registers)
{
	/* QEMU virt: one byte apart; any width up to 4 at an aligned offset. */
	EXPECT_EQ_INT(ns16550_model_decode(0, 1, 0), 0);
	EXPECT_EQ_INT(ns16550_model_decode(5, 1, 0), 5);
	EXPECT_EQ_INT(ns16550_model_decode(4, 4, 0), 4);
	EXPECT_EQ_INT(ns16550_model_decode(8, 1, 0), NS16550_DECODE_RAZ);
	EXPECT_EQ_INT(ns16550_model_decode(2, 4, 0), NS16550_DECODE_BAD);
	EXPECT_EQ_INT(ns16550_model_decode(0, 8, 0), NS16550_DECODE_BAD);
}

TEST(ns16550, decode_shifted_registers)
{
	/* TI K3, Rockchip, Tegra: reg-shift 2, registers 4 bytes apart. */
	EXPECT_EQ_INT(ns16550_model_decode(0x14, 4, 2), 5); /* LSR */
	EXPECT_EQ_INT(ns16550_model_decode(0x14, 1, 2), 5);
	EXPECT_EQ_INT(ns16550_model_decode(0x04, 4, 2), 1); /* IER */
	/* The upper bytes of a register and past the eighth register: nothing. */
	EXPECT_EQ_INT(ns16550_model_decode(0x15, 1, 2), NS16550_DECODE_RAZ);
	EXPECT_EQ_INT(ns16550_model_decode(0x20, 4, 2), NS16550_DECODE_RAZ);
	EXPECT_EQ_INT(ns16550_model_decode(0x16, 4, 2), NS16550_DECODE_BAD);
	EXPECT_EQ_INT(ns16550_model_decode(0x14, 3, 2), NS16550_DECODE_BAD);
}
