/* SPDX-License-Identifier: Apache-2.0 */
/* Linux userspace end of rtlink.h: talks to the real-time VM through the generic UIO driver. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "rtlink.h"

#define DEFAULT_DEVICE	  "/dev/uio0"
#define DEFAULT_TIMEOUT_S 5
#define NOTIFY_SIZE	  4096UL
#define DRIVER_HINT	  "is uio_pdrv_genirq loaded with of_id=bulwark,ipc-uio?"
#define EXIT_BAD_REPLY	  1
#define EXIT_TROUBLE	  2
#define FIRST_BAD_MAX	  200

/* The UIO maps the device tree gives the device: the trapped notify page, then the object. */
#define MAP_NOTIFY 0
#define MAP_SHMEM  1

struct link {
	const char *dev;
	int fd;
	int timeout_ms;
	volatile uint32_t *notify;
	rtlink_channel_t *out; /* Linux writes */
	rtlink_channel_t *in;  /* rt writes */
};

struct reply {
	struct rtlink_header h;
	uint32_t words[RTLINK_PAYLOAD_WORDS];
};

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void fail(const char *fmt, ...)
{
	va_list ap;

	fputs("bwipc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_TROUBLE);
}

static void usage(void) __attribute__((noreturn));

static void usage(void)
{
	fprintf(stderr,
		"usage: bwipc [-d DEVICE] [-t SECONDS] COMMAND\n"
		"  send TEXT...  send TEXT to rt and print its reply\n"
		"  stats         print rt's timing statistics\n"
		"  ping N        N PING/PONG round trips, every reply checked\n"
		"-d: the UIO device of the IPC object (default " DEFAULT_DEVICE ")\n"
		"-t: how long to wait for each reply (default %d s)\n"
		"Exit status: 0 ok, 1 bad replies, 2 usage, device or timeout errors.\n",
		DEFAULT_TIMEOUT_S);
	exit(EXIT_TROUBLE);
}

/* The size of UIO map k from sysfs, or fallback when it cannot be read. */
static size_t map_size(const char *dev, int k, size_t fallback)
{
	char real[PATH_MAX], path[PATH_MAX + 64];
	const char *name;
	unsigned long long size;
	FILE *f;
	int ok;

	if (!realpath(dev, real))
		return fallback;
	name = strrchr(real, '/');
	name = name ? name + 1 : real;
	snprintf(path, sizeof(path), "/sys/class/uio/%s/maps/map%d/size", name, k);
	f = fopen(path, "r");
	if (!f)
		return fallback;
	ok = fscanf(f, "%llx", &size) == 1 && size > 0;
	fclose(f);
	return ok ? (size_t)size : fallback;
}

static void *map(struct link *l, int k, size_t size, const char *what)
{
	long page = sysconf(_SC_PAGESIZE);
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, l->fd, (off_t)k * page);

	if (p == MAP_FAILED)
		fail("%s: cannot map the %s (UIO map %d, %zu bytes): %s", l->dev, what, k, size,
		     strerror(errno));
	return p;
}

static void link_open(struct link *l)
{
	size_t shmem_size;
	volatile uint8_t *shmem;

	l->fd = open(l->dev, O_RDWR | O_CLOEXEC);
	if (l->fd < 0)
		fail("%s: %s (" DRIVER_HINT ")", l->dev, strerror(errno));
	/* One exchange at a time: rtlink has one message in flight each way. */
	if (flock(l->fd, LOCK_EX) < 0 && errno != EINVAL && errno != ENOLCK)
		fail("%s: cannot lock: %s", l->dev, strerror(errno));
	shmem_size = map_size(l->dev, MAP_SHMEM, RTLINK_SHMEM_SIZE);
	if (shmem_size < RTLINK_SHMEM_SIZE)
		fail("%s: the shared memory (UIO map %d) has %zu bytes, rtlink needs %u", l->dev,
		     MAP_SHMEM, shmem_size, RTLINK_SHMEM_SIZE);
	l->notify = map(l, MAP_NOTIFY, map_size(l->dev, MAP_NOTIFY, NOTIFY_SIZE), "notify page");
	shmem = map(l, MAP_SHMEM, shmem_size, "shared memory");
	l->out = rtlink_channel(shmem, RTLINK_LINUX_CHANNEL);
	l->in = rtlink_channel(shmem, RTLINK_RT_CHANNEL);
}

/* uio_pdrv_genirq disables the line on each interrupt: writing 1 enables it again. */
static void irq_enable(struct link *l)
{
	int32_t on = 1;

	if (write(l->fd, &on, sizeof(on)) != (ssize_t)sizeof(on))
		fail("%s: cannot enable the interrupt: %s", l->dev, strerror(errno));
}

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/*
 * The seq of the next message: Linux's channel keeps the last one, across
 * runs and reboots. A seq that rt's channel already acknowledges (a reply
 * left from before the numbering restarted) is skipped, so that only the
 * reply to this message can carry it.
 */
static uint32_t next_seq(struct link *l)
{
	uint32_t seq = rtlink_next_seq(rtlink_get(l->out, RTLINK_SEQ));

	if (rtlink_get(l->in, RTLINK_ACK) == seq)
		seq = rtlink_next_seq(seq);
	return seq;
}

/* Publishes the message whose payload is written and rings rt's doorbell. */
static void send_message(struct link *l, uint32_t seq, uint32_t type, uint32_t len)
{
	rtlink_publish(l->out, seq, type, len, 0);
	l->notify[0] = RTLINK_EVENT;
}

/*
 * Waits for rt's answer to message seq: rt's channel acknowledging seq
 * (next_seq made sure no older reply does). The interrupt is enabled before
 * the channel is looked at, so a doorbell after the look still ends the wait.
 */
static void wait_reply(struct link *l, uint32_t seq, struct reply *r)
{
	long deadline = now_ms() + l->timeout_ms;

	for (;;) {
		struct pollfd p = {.fd = l->fd, .events = POLLIN};
		long left;
		int32_t count;
		int n;

		irq_enable(l);
		r->h = rtlink_read_header(l->in);
		if (r->h.ack == seq) {
			uint32_t i, words = rtlink_words(r->h.len < RTLINK_PAYLOAD_MAX
							     ? r->h.len
							     : RTLINK_PAYLOAD_MAX);

			for (i = 0; i < words; i++)
				r->words[i] = rtlink_get_word(l->in, i);
			if (rtlink_unchanged(l->in, r->h.seq))
				return;
			continue;
		}
		left = deadline - now_ms();
		if (left <= 0)
			fail("%s: no reply from rt to message %u within %d s (is rt running?)",
			     l->dev, seq, l->timeout_ms / 1000);
		n = poll(&p, 1, (int)left);
		if (n < 0 && errno != EINTR)
			fail("%s: poll: %s", l->dev, strerror(errno));
		if (n > 0 && read(l->fd, &count, sizeof(count)) < 0 && errno != EINTR)
			fail("%s: cannot wait for the interrupt: %s", l->dev, strerror(errno));
	}
}

/* The reply's text, NUL terminated, in buf (RTLINK_PAYLOAD_MAX + 1 bytes). */
static const char *reply_text(const struct reply *r, char *buf)
{
	uint32_t k;

	for (k = 0; k < r->h.len && k < RTLINK_PAYLOAD_MAX; k++)
		buf[k] = (char)(r->words[k / 4] >> (8 * (k % 4)));
	buf[k] = '\0';
	return buf;
}

/* Sends one message (payload already written) and prints the text rt answers. */
static int exchange_text(struct link *l, uint32_t seq, uint32_t type, uint32_t len)
{
	static char text[RTLINK_PAYLOAD_MAX + 1];
	static struct reply r;
	uint32_t rt_before = rtlink_get(l->in, RTLINK_SEQ);

	send_message(l, seq, type, len);
	wait_reply(l, seq, &r);
	if (r.h.type != RTLINK_TEXT || r.h.len > RTLINK_PAYLOAD_MAX) {
		fprintf(stderr, "bwipc: %s: reply to message %u has type %u, length %u\n", l->dev,
			seq, r.h.type, r.h.len);
		return EXIT_BAD_REPLY;
	}
	printf("%s\n", reply_text(&r, text));
	if (r.h.seq != rtlink_next_seq(rt_before))
		fprintf(stderr,
			"bwipc: note: rt's reply is message %u, %u expected (rt restarted?)\n",
			r.h.seq, rtlink_next_seq(rt_before));
	return 0;
}

static int cmd_send(struct link *l, int argc, char **argv)
{
	static char text[RTLINK_PAYLOAD_MAX + 1];
	size_t len = 0;
	uint32_t seq;
	int i;

	for (i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);

		if (len + n + (i > 0) > RTLINK_PAYLOAD_MAX)
			fail("text longer than %u bytes", RTLINK_PAYLOAD_MAX);
		if (i > 0)
			text[len++] = ' ';
		memcpy(text + len, argv[i], n);
		len += n;
	}
	seq = next_seq(l);
	rtlink_put_bytes(l->out, text, (uint32_t)len);
	return exchange_text(l, seq, RTLINK_TEXT, (uint32_t)len);
}

static int cmd_stats(struct link *l)
{
	return exchange_text(l, next_seq(l), RTLINK_STATS, 0);
}

/* Formats why a reply is wrong (when why is not NULL); returns 1. */
static int bad_reply(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int bad_reply(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return 1;
}

/* Whether reply r to PING seq of len bytes is wrong (1, saying why) or right (0). */
static int check_pong(const struct reply *r, uint32_t seq, uint32_t len, uint32_t rt_seq, char *why,
		      size_t size)
{
	uint32_t i;

	if (r->h.type == RTLINK_TEXT && r->h.len <= RTLINK_PAYLOAD_MAX) {
		static char text[RTLINK_PAYLOAD_MAX + 1];

		return bad_reply(why, size, "rt answered: %s", reply_text(r, text));
	}
	if (r->h.type != RTLINK_PONG)
		return bad_reply(why, size, "reply type %u, PONG (%u) expected", r->h.type,
				 RTLINK_PONG);
	if (r->h.len != len)
		return bad_reply(why, size, "reply length %u, %u expected", r->h.len, len);
	if (r->h.seq != rt_seq)
		return bad_reply(why, size, "reply is rt's message %u, %u expected", r->h.seq,
				 rt_seq);
	for (i = 0; i < rtlink_words(len); i++) {
		uint32_t want = rtlink_pattern(RTLINK_PONG, seq, len, i);

		if (r->words[i] != want)
			return bad_reply(why, size, "payload word %u is 0x%08x, 0x%08x expected", i,
					 r->words[i], want);
	}
	return 0;
}

static unsigned long ping_count(const char *count)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(count, &end, 0);
	if (errno || *end || !*count || count[0] == '-' || n == 0)
		fail("ping: '%s' is not a positive number of messages", count);
	return n;
}

static int cmd_ping(struct link *l, unsigned long n)
{
	static struct reply r;
	char why[FIRST_BAD_MAX] = "";
	unsigned long done, errors = 0;
	uint32_t first_bad = 0;

	for (done = 0; done < n; done++) {
		uint32_t seq = next_seq(l), len = rtlink_ping_len(seq), i;
		uint32_t rt_before = rtlink_get(l->in, RTLINK_SEQ);

		for (i = 0; i < rtlink_words(len); i++)
			rtlink_set_word(l->out, i, rtlink_pattern(RTLINK_PING, seq, len, i));
		send_message(l, seq, RTLINK_PING, len);
		wait_reply(l, seq, &r);
		if (check_pong(&r, seq, len, rtlink_next_seq(rt_before), errors ? NULL : why,
			       errors ? 0 : sizeof(why))) {
			if (!errors)
				first_bad = seq;
			errors++;
		}
	}
	printf("bwipc: %lu messages each way, %lu errors\n", done, errors);
	if (errors) {
		fprintf(stderr, "bwipc: first bad reply: to message %u: %s\n", first_bad, why);
		return EXIT_BAD_REPLY;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct link l = {.dev = DEFAULT_DEVICE, .timeout_ms = DEFAULT_TIMEOUT_S * 1000};
	const char *cmd;
	int opt;

	while ((opt = getopt(argc, argv, "+d:t:h")) != -1) {
		switch (opt) {
		case 'd':
			l.dev = optarg;
			break;
		case 't': {
			char *end;
			long s = strtol(optarg, &end, 10);

			if (*end || s <= 0 || s > INT_MAX / 1000)
				fail("-t: '%s' is not a number of seconds", optarg);
			l.timeout_ms = (int)s * 1000;
			break;
		}
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();
	cmd = argv[optind++];
	if (!strcmp(cmd, "send") && optind < argc) {
		link_open(&l);
		return cmd_send(&l, argc - optind, argv + optind);
	}
	if (!strcmp(cmd, "stats") && optind == argc) {
		link_open(&l);
		return cmd_stats(&l);
	}
	if (!strcmp(cmd, "ping") && optind + 1 == argc) {
		unsigned long n = ping_count(argv[optind]);

		link_open(&l);
		return cmd_ping(&l, n);
	}
	usage();
}
