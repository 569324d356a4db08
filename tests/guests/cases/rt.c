/* SPDX-License-Identifier: Apache-2.0 */
/* The demo's real-time VM: a periodic task reporting its lateness, serving rtlink.h messages. */
#include <stdint.h>
#include "arch.h"
#include "printf.h"
#include "rtlink.h"
#include "test.h"

#ifndef RT_SHMEM_ADDR
#define RT_SHMEM_ADDR 0x48000000UL
#endif
#ifndef RT_DOORBELL
#define RT_DOORBELL 101
#endif
#ifndef RT_IPC_ID
#define RT_IPC_ID 0
#endif
#ifndef RT_PERIOD_US
#define RT_PERIOD_US 1000UL
#endif
#if RT_PERIOD_US < 1
#error "RT_PERIOD_US must be at least 1"
#endif
#ifndef RT_REPORT_PERIODS
#define RT_REPORT_PERIODS 1000UL
#endif
#define HC_IPC_NOTIFY 1
/* Text from Linux is echoed to the console up to this many characters. */
#define RT_ECHO_MAX 160

/* Written only by the timer interrupt; the main loop reads them. */
static volatile unsigned long periods, missed, worst_late, deadline;
/* Set by the doorbell interrupt; the main loop also polls the channel. */
static volatile unsigned long doorbells;
static unsigned long period;

static unsigned long pings, errors, resyncs;
static uint32_t linux_seq, rt_seq;
static bool connected;
static char text[RTLINK_PAYLOAD_MAX + 1];
static char reply[RTLINK_PAYLOAD_MAX + 1];

static rtlink_channel_t *const from_linux =
    (rtlink_channel_t *)(RT_SHMEM_ADDR + RTLINK_LINUX_CHANNEL);
static rtlink_channel_t *const to_linux = (rtlink_channel_t *)(RT_SHMEM_ADDR + RTLINK_RT_CHANNEL);

/*
 * The task's activation: lateness against the absolute deadline, then the
 * next deadline one period on. Deadlines already behind the counter are
 * missed periods, skipped so the timer is never set in the past.
 */
static void tick(void)
{
	unsigned long now = time_now(), d = deadline;
	unsigned long late = now > d ? now - d : 0;

	if (late > worst_late)
		worst_late = late;
	periods++;
	d += period;
	if (now >= d) {
		unsigned long skipped = (now - d) / period + 1;

		missed += skipped;
		periods += skipped;
		d += skipped * period;
	}
	deadline = d;
	timer_set(d);
	/* Half a period after it, so that QEMU's turns stay short while rt's handler waits
	 * (arch.h). */
	timer_set_backstop(d + period / 2);
}

static void doorbell(unsigned int id)
{
	if (id == RT_DOORBELL)
		doorbells++;
}

static unsigned long ticks_to_ns(unsigned long ticks)
{
	return (unsigned long)((uint64_t)ticks * 1000000000U / TIMEBASE_HZ); /* no 32-bit wrap */
}

struct rt_stats {
	unsigned long periods, missed, worst_late;
};

/* The interrupt's counters as one consistent set. */
static struct rt_stats stats_now(void)
{
	struct rt_stats s;

	local_irq_disable();
	s.periods = periods;
	s.missed = missed;
	s.worst_late = worst_late;
	local_irq_enable();
	return s;
}

static void send_reply(uint32_t type, uint32_t len, uint32_t ack)
{
	rt_seq = rtlink_next_seq(rt_seq);
	rtlink_publish(to_linux, rt_seq, type, len, ack);
	(void)arch_hypercall(HC_IPC_NOTIFY, RT_IPC_ID, RTLINK_EVENT);
}

static void reply_text(uint32_t ack, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void reply_text(uint32_t ack, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(reply, sizeof(reply), fmt, ap);
	va_end(ap);
	if (n > (int)RTLINK_PAYLOAD_MAX)
		n = RTLINK_PAYLOAD_MAX;
	rtlink_put_bytes(to_linux, reply, (uint32_t)n);
	send_reply(RTLINK_TEXT, (uint32_t)n, ack);
}

/* Prints Linux's text on one console line: control characters shown as '.', long text cut. */
static void echo_text(uint32_t len)
{
	char line[RT_ECHO_MAX + 4];
	uint32_t n;

	for (n = 0; n < len && n < RT_ECHO_MAX; n++)
		line[n] = text[n] >= 0x20 && text[n] < 0x7f ? text[n] : '.';
	if (n < len) {
		line[n++] = '.';
		line[n++] = '.';
		line[n++] = '.';
	}
	line[n] = '\0';
	printf("linux says: %s\n", line);
}

static void handle_text(const struct rtlink_header *h)
{
	echo_text(h->len);
	/* "rt got: " and as much of the text as the payload holds. */
	reply_text(h->seq, "rt got: %s", text);
}

static void handle_ping(const struct rtlink_header *h)
{
	uint32_t i, n = rtlink_words(h->len);

	pings++;
	for (i = 0; i < n; i++) {
		uint32_t want = rtlink_pattern(RTLINK_PING, h->seq, h->len, i);
		uint32_t got = rtlink_get_word(from_linux, i);

		if (got != want) {
			/* Not Linux's fault if it already moved on to another message. */
			if (!rtlink_unchanged(from_linux, h->seq))
				return;
			errors++;
			printf("rt: ping %u corrupted at word %u: expected 0x%x, got 0x%x\n",
			       h->seq, i, want, got);
			reply_text(h->seq, "rt: ping %u corrupted at word %u", h->seq, i);
			return;
		}
	}
	for (i = 0; i < n; i++)
		rtlink_set_word(to_linux, i, rtlink_pattern(RTLINK_PONG, h->seq, h->len, i));
	send_reply(RTLINK_PONG, h->len, h->seq);
}

static void handle_stats(const struct rtlink_header *h)
{
	struct rt_stats s = stats_now();

	reply_text(h->seq,
		   "periods=%lu late_max=%lu ns missed=%lu pings=%lu errors=%lu resyncs=%lu",
		   s.periods, ticks_to_ns(s.worst_late), s.missed, pings, errors, resyncs);
}

/* Handles the message in Linux's channel if it is new; returns whether there was one. */
static bool serve_linux(void)
{
	struct rtlink_header h = rtlink_read_header(from_linux);

	if (h.seq == linux_seq)
		return false;
	if (!connected) {
		connected = true;
		printf("rt: linux connected\n");
	}
	if (h.seq != rtlink_next_seq(linux_seq)) {
		resyncs++;
		printf("rt: resync: expected seq %u, got %u\n", rtlink_next_seq(linux_seq), h.seq);
	}
	if (h.len > RTLINK_PAYLOAD_MAX) {
		linux_seq = h.seq;
		errors++;
		printf("rt: message %u too long (%u bytes)\n", h.seq, h.len);
		reply_text(h.seq, "rt: message %u too long (%u bytes)", h.seq, h.len);
		return true;
	}
	if (h.type == RTLINK_TEXT) {
		rtlink_get_bytes(from_linux, text, h.len);
		text[h.len] = '\0';
	}
	/* Linux started another message meanwhile (an abandoned request): take that one. */
	if (!rtlink_unchanged(from_linux, h.seq))
		return true;
	linux_seq = h.seq;
	switch (h.type) {
	case RTLINK_TEXT:
		handle_text(&h);
		break;
	case RTLINK_PING:
		handle_ping(&h);
		break;
	case RTLINK_STATS:
		handle_stats(&h);
		break;
	default:
		errors++;
		printf("rt: message %u of unknown type %u\n", h.seq, h.type);
		reply_text(h.seq, "rt: unknown message type %u", h.type);
		break;
	}
	return true;
}

static void report_periods(void)
{
	struct rt_stats s = stats_now();

	printf("rt: %lu periods, worst lateness %lu us, missed %lu\n", s.periods,
	       ticks_to_ns(s.worst_late) / 1000, s.missed);
}

/*
 * A guest is a list of cases that the runtime runs and then ends with a
 * summary; this one case never returns, so the VM runs until it is stopped.
 */
TEST_CASE(rt)
{
	unsigned long next_report = RT_REPORT_PERIODS;

	period = (unsigned long)((uint64_t)RT_PERIOD_US * TIMEBASE_HZ / 1000000u);
	/* An earlier run's reply must not match a new request, nor its request pass for new. */
	rtlink_set(to_linux, RTLINK_ACK, 0);
	rtlink_set(to_linux, RTLINK_SEQ, 0);
	linux_seq = rtlink_get(from_linux, RTLINK_SEQ);
	printf("rt: real-time task every %lu us\n", (unsigned long)RT_PERIOD_US);

	irq_set_handler(IRQ_TIMER, tick);
	arch_dev_irq_set_handler(doorbell);
	arch_dev_irq_enable(RT_DOORBELL);
	arch_irq_enable(IRQ_TIMER);
	deadline = time_now() + period;
	timer_set(deadline);
	local_irq_enable();

	for (;;) {
		unsigned long seen_doorbells;
		bool busy = false;

		if (periods >= next_report) {
			report_periods();
			next_report = (periods / RT_REPORT_PERIODS + 1) * RT_REPORT_PERIODS;
			busy = true;
		}
		seen_doorbells = doorbells;
		if (serve_linux())
			busy = true;
		if (busy)
			continue;
		/*
		 * Idle: wait with interrupts masked so one arriving after the
		 * checks still ends the wfi, then take it.
		 */
		local_irq_disable();
		if (periods < next_report && doorbells == seen_doorbells &&
		    rtlink_get(from_linux, RTLINK_SEQ) == linux_seq)
			wait_for_interrupt();
		local_irq_enable();
	}
}
