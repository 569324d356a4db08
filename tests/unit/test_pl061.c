/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the PL061 GPIO doorbell model: identification, edges in, rings out, the interrupt. */
#include "../../drivers/gpio/pl061_model.h"

#include "test.h"

#define DATA_ALL 0x3fcu /* GPIODATA with every line in the address mask */
#define DIR	 0x400u
#define IS	 0x404u
#define IBE	 0x408u
#define IEV	 0x40cu
#define IE	 0x410u
#define RIS	 0x414u
#define MIS	 0x418u
#define IC	 0x41cu

static struct pl061_model m;

/* Configured as Linux's gpio-pl061 does for a rising-edge line 0 and an output line 4. */
static void setup_linux_like(void)
{
	pl061_model_reset(&m);
	EXPECT_EQ_UINT(pl061_model_write(&m, DIR, 1u << 4).ring, 0);
	EXPECT_EQ_UINT(pl061_model_write(&m, IEV, 1u << 0).raise, false);
	EXPECT_EQ_UINT(pl061_model_write(&m, IE, 1u << 0).raise, false);
}

TEST(pl061, identifies_as_a_primecell_pl061)
{
	static const u32 id[8] = {0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

	pl061_model_reset(&m);
	for (unsigned int i = 0; i < 8; i++)
		EXPECT_EQ_UINT(pl061_model_read(&m, 0xfe0u + 4u * i), id[i]);
	EXPECT_EQ_UINT(pl061_model_read(&m, 0x800u), 0);
}

TEST(pl061, an_event_latches_a_rising_edge_and_raises)
{
	struct pl061_effects fx;

	setup_linux_like();
	fx = pl061_model_event(&m, 0);
	EXPECT_TRUE(fx.raise);
	EXPECT_EQ_UINT(fx.ring, 0);
	EXPECT_EQ_UINT(pl061_model_read(&m, RIS), 1u);
	EXPECT_EQ_UINT(pl061_model_read(&m, MIS), 1u);
	/* An event is a pulse: the input never reads high. */
	EXPECT_EQ_UINT(pl061_model_read(&m, DATA_ALL), 0);
	EXPECT_EQ_UINT(pl061_model_write(&m, IC, 1u).raise, false);
	EXPECT_EQ_UINT(pl061_model_read(&m, RIS), 0);
}

TEST(pl061, events_the_guest_does_not_watch_are_dropped)
{
	setup_linux_like();
	/* Line 1: no edge configured. Line 4: an output. Event 4: no such line. */
	EXPECT_EQ_UINT(pl061_model_event(&m, 1).raise, false);
	EXPECT_EQ_UINT(pl061_model_write(&m, IEV, 0x11u).raise, false);
	EXPECT_EQ_UINT(pl061_model_event(&m, 4).raise, false);
	EXPECT_EQ_UINT(pl061_model_read(&m, RIS), 0);
	/* Both edges (IBE) count as watching. */
	EXPECT_EQ_UINT(pl061_model_write(&m, IBE, 1u << 2).raise, false);
	EXPECT_EQ_UINT(pl061_model_event(&m, 2).raise, false); /* latched, not enabled */
	EXPECT_EQ_UINT(pl061_model_read(&m, RIS), 1u << 2);
	EXPECT_EQ_UINT(pl061_model_read(&m, MIS), 0);
}

TEST(pl061, enabling_a_latched_edge_raises)
{
	pl061_model_reset(&m);
	EXPECT_EQ_UINT(pl061_model_write(&m, IEV, 1u).raise, false);
	EXPECT_EQ_UINT(pl061_model_event(&m, 0).raise, false);
	EXPECT_TRUE(pl061_model_write(&m, IE, 1u).raise);
	/* Writing the same enable again is not a new edge. */
	EXPECT_EQ_UINT(pl061_model_write(&m, IE, 1u).raise, false);
}

TEST(pl061, an_edge_during_the_handler_raises_again_on_clear)
{
	setup_linux_like();
	EXPECT_EQ_UINT(pl061_model_write(&m, IEV, 0x3u).raise, false);
	EXPECT_EQ_UINT(pl061_model_write(&m, IE, 0x3u).raise, false);
	EXPECT_TRUE(pl061_model_event(&m, 0).raise);
	EXPECT_TRUE(pl061_model_event(&m, 1).raise);
	/* The guest handles line 0 only: line 1 still pends, so the interrupt comes back. */
	EXPECT_TRUE(pl061_model_write(&m, IC, 1u).raise);
	EXPECT_EQ_UINT(pl061_model_write(&m, IC, 2u).raise, false);
}

TEST(pl061, a_rising_output_line_rings_its_event_once)
{
	setup_linux_like();
	/* gpio-pl061 sets a line by writing through the one-line address mask. */
	EXPECT_EQ_UINT(pl061_model_write(&m, (1u << 4) << 2, 1u << 4).ring, 1u);
	EXPECT_EQ_UINT(pl061_model_read(&m, DATA_ALL), 1u << 4);
	EXPECT_EQ_UINT(pl061_model_write(&m, (1u << 4) << 2, 1u << 4).ring, 0); /* stays high */
	EXPECT_EQ_UINT(pl061_model_write(&m, (1u << 4) << 2, 0).ring, 0);	/* falls */
	EXPECT_EQ_UINT(pl061_model_write(&m, (1u << 4) << 2, 1u << 4).ring, 1u);
	/* Outside the address mask nothing changes; an input line rings nothing. */
	EXPECT_EQ_UINT(pl061_model_write(&m, (1u << 5) << 2, 0xffu).ring, 0);
	EXPECT_EQ_UINT(pl061_model_write(&m, DATA_ALL, 0x0fu).ring, 0);
}

TEST(pl061, reset_forgets_everything)
{
	setup_linux_like();
	EXPECT_TRUE(pl061_model_event(&m, 0).raise);
	pl061_model_reset(&m);
	EXPECT_EQ_UINT(pl061_model_read(&m, DIR), 0);
	EXPECT_EQ_UINT(pl061_model_read(&m, IE), 0);
	EXPECT_EQ_UINT(pl061_model_read(&m, RIS), 0);
	EXPECT_EQ_UINT(pl061_model_read(&m, IS), 0);
}
