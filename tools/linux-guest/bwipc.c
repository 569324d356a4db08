/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Linux userspace end of rtlink.h, through stock kernel interfaces only:
 * - the IPC object: the /proc/device-tree node with compatible bao,ipcshmem
 *   and label NAME gives its address and size, and bwipc maps it from
 *   /dev/mem (STRICT_DEVMEM allows that: no driver claims the range);
 * - the doorbells: the hypervisor emulates a PL061 GPIO controller for the
 *   object, whose lines the kernel names after the device tree: NAME-in0
 *   rises each time rt rings Linux, and Linux rings rt by driving NAME-out0
 *   from 0 to 1. bwipc uses them through the GPIO character device (v2
 *   uAPI); holding them also keeps a second bwipc out (it finds them busy).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/gpio.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "rtlink.h"

#define DEFAULT_NAME	  "rtlink"
#define DEFAULT_TIMEOUT_S 5
#define DT_ROOT		  "/proc/device-tree"
#define DT_COMPATIBLE	  "bao,ipcshmem"
#define DEV_MEM		  "/dev/mem"
#define GPIO_CHIPS	  16 /* /dev/gpiochip0 .. /dev/gpiochip15 */
#define GPIO_CONSUMER	  "bwipc"
#define IN_SUFFIX	  "-in0"  /* rt rings Linux (event RTLINK_EVENT) */
#define OUT_SUFFIX	  "-out0" /* Linux rings rt (event RTLINK_EVENT) */
#define EVENTS_MAX	  16	  /* edge events the kernel queues, and bwipc reads at once */
#define PROP_MAX	  512
#define EXIT_BAD_REPLY	  1
#define EXIT_TROUBLE	  2
#define FIRST_BAD_MAX	  200

struct link {
	const char *name; /* the object's label in the device tree */
	int timeout_ms;
	char in_line[GPIO_MAX_NAME_SIZE];  /* NAME-in0 */
	char out_line[GPIO_MAX_NAME_SIZE]; /* NAME-out0 */
	int in_fd;			   /* request of NAME-in0: its rising edges */
	int out_fd;			   /* request of NAME-out0 */
	rtlink_channel_t *out;		   /* Linux writes */
	rtlink_channel_t *in;		   /* rt writes */
};

/* The IPC object as the device tree describes it. */
struct object {
	char node[PATH_MAX];
	uint64_t addr, size;
};

/* A GPIO line found by name: the chip that has it (open) and its line info. */
struct gpio_line {
	const char *name;
	char chip[32];
	int chip_fd;
	struct gpio_v2_line_info info;
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
		"usage: bwipc [-n NAME] [-t SECONDS] COMMAND\n"
		"  send TEXT...  send TEXT to rt and print its reply\n"
		"  stats         print rt's timing statistics\n"
		"  ping N        N PING/PONG round trips, every reply checked\n"
		"-n: the IPC object's name, default " DEFAULT_NAME ": the " DT_ROOT "\n"
		"    node with compatible " DT_COMPATIBLE " and label NAME (mapped through\n"
		"    " DEV_MEM "), and its GPIO lines NAME" IN_SUFFIX " (rt rings Linux) and\n"
		"    NAME" OUT_SUFFIX " (Linux rings rt)\n"
		"-t: how long to wait for each reply (default %d s)\n"
		"Needs root. One bwipc at a time: it holds the object's GPIO lines.\n"
		"Exit status: 0 ok, 1 bad replies, 2 usage, device or timeout errors.\n",
		DEFAULT_TIMEOUT_S);
	exit(EXIT_TROUBLE);
}

/* Reads property prop of a device tree node into buf: its length, or -1 when it has none. */
static ssize_t read_prop(const char *node, const char *prop, char *buf, size_t size)
{
	char path[PATH_MAX];
	ssize_t len = 0, n = 0;
	int fd;

	if (snprintf(path, sizeof(path), "%s/%s", node, prop) >= (int)sizeof(path))
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while ((size_t)len < size && (n = read(fd, buf + len, size - (size_t)len)) > 0)
		len += n;
	close(fd);
	return n < 0 ? -1 : len;
}

/* Whether the NUL-separated strings of list (len bytes) include want. */
static int has_string(const char *list, ssize_t len, const char *want)
{
	size_t want_len = strlen(want);
	ssize_t i = 0;

	while (i < len) {
		size_t n = strnlen(list + i, (size_t)(len - i));

		if (n == want_len && !memcmp(list + i, want, n))
			return 1;
		i += (ssize_t)n + 1;
	}
	return 0;
}

/* Whether node is a bao,ipcshmem node labelled name. */
static int is_object(const char *node, const char *name)
{
	char buf[PROP_MAX];
	ssize_t len = read_prop(node, "compatible", buf, sizeof(buf));

	if (len < 0 || !has_string(buf, len, DT_COMPATIBLE))
		return 0;
	len = read_prop(node, "label", buf, sizeof(buf));
	return len >= 0 && strnlen(buf, (size_t)len) == strlen(name) &&
	       !memcmp(buf, name, strlen(name));
}

static uint64_t be64_cells(const unsigned char *p)
{
	uint64_t v = 0;
	int k;

	for (k = 0; k < 8; k++)
		v = v << 8 | p[k];
	return v;
}

/* The object's address and size: reg is <addr-hi addr-lo size-hi size-lo>, big endian. */
static void read_reg(struct object *o)
{
	unsigned char reg[17];
	ssize_t len = read_prop(o->node, "reg", (char *)reg, sizeof(reg));

	if (len < 0)
		fail("%s: no reg property", o->node);
	if (len != 16)
		fail("%s/reg: %zd bytes, 16 expected (2-cell address, 2-cell size)", o->node, len);
	o->addr = be64_cells(reg);
	o->size = be64_cells(reg + 8);
}

/* Finds the object in the top level of the device tree. */
static void find_object(const char *name, struct object *o)
{
	DIR *dir = opendir(DT_ROOT);
	struct dirent *d;

	if (!dir)
		fail(DT_ROOT ": %s (bwipc finds the IPC object in the device tree)",
		     strerror(errno));
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(o->node, sizeof(o->node), DT_ROOT "/%s", d->d_name);
		if (is_object(o->node, name)) {
			closedir(dir);
			read_reg(o);
			return;
		}
	}
	closedir(dir);
	fail("no IPC object '%s' in the device tree (no " DT_ROOT
	     " node with compatible " DT_COMPATIBLE " and label %s)",
	     name, name);
}

static void devmem_fail(const struct object *o, const char *what) __attribute__((noreturn));

static void devmem_fail(const struct object *o, const char *what)
{
	fail("%s: %s%s (the kernel must allow %s access to the object at 0x%llx, and bwipc "
	     "must run as root)",
	     DEV_MEM, what, strerror(errno), DEV_MEM, (unsigned long long)o->addr);
}

/* Maps the whole object from /dev/mem, uncached (O_SYNC: Device memory). */
static volatile void *map_object(const char *name, const struct object *o)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	void *p;
	int fd;

	if (o->size < RTLINK_SHMEM_SIZE)
		fail("IPC object '%s' (%s) has 0x%" PRIx64 " bytes, rtlink needs 0x%x", name,
		     o->node, o->size, RTLINK_SHMEM_SIZE);
	if (o->addr % page)
		fail("IPC object '%s' (%s) at 0x%" PRIx64 " is not page aligned", name, o->node,
		     o->addr);
	fd = open(DEV_MEM, O_RDWR | O_SYNC | O_CLOEXEC);
	if (fd < 0)
		devmem_fail(o, "");
	p = mmap(NULL, (size_t)o->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)o->addr);
	if (p == MAP_FAILED)
		devmem_fail(o, "cannot map it: ");
	close(fd);
	return p;
}

/* Opens /dev/gpiochipN (path set): its fd, or -1 when there is no such chip. */
static int open_chip(int n, char *path, size_t size)
{
	int fd;

	snprintf(path, size, "/dev/gpiochip%d", n);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0 && errno != ENOENT && errno != ENODEV && errno != ENXIO)
		fail("%s: %s (bwipc looks for the object's GPIO lines there)", path,
		     strerror(errno));
	return fd;
}

/* Whether the open chip has a line called line->name; fills line->info when it does. */
static int chip_has_line(int chip, struct gpio_line *line)
{
	struct gpiochip_info ci;
	uint32_t i;

	memset(&ci, 0, sizeof(ci));
	if (ioctl(chip, GPIO_GET_CHIPINFO_IOCTL, &ci) < 0)
		fail("%s: cannot read the chip info: %s", line->chip, strerror(errno));
	for (i = 0; i < ci.lines; i++) {
		memset(&line->info, 0, sizeof(line->info));
		line->info.offset = i;
		if (ioctl(chip, GPIO_V2_GET_LINEINFO_IOCTL, &line->info) < 0)
			fail("%s: cannot read line %u's info: %s (the kernel needs the GPIO v2 "
			     "uAPI, Linux 5.10 or later)",
			     line->chip, i, strerror(errno));
		if (!strncmp(line->info.name, line->name, sizeof(line->info.name)))
			return 1;
	}
	return 0;
}

/* Finds line->name among the lines of /dev/gpiochip0 .. /dev/gpiochip15. */
static void find_line(struct gpio_line *line)
{
	int n;

	for (n = 0; n < GPIO_CHIPS; n++) {
		int chip = open_chip(n, line->chip, sizeof(line->chip));

		if (chip < 0)
			continue;
		if (chip_has_line(chip, line)) {
			line->chip_fd = chip;
			return;
		}
		close(chip);
	}
	fail("no GPIO line '%s' (is the object's gpio set in the layout? gpioinfo-like scan of "
	     "/dev/gpiochip* found none)",
	     line->name);
}

static void line_busy(const struct gpio_line *line) __attribute__((noreturn));

static void line_busy(const struct gpio_line *line)
{
	char held[GPIO_MAX_NAME_SIZE + 2] = "another program";

	if (line->info.consumer[0])
		snprintf(held, sizeof(held), "'%s'", line->info.consumer);
	fail("GPIO line '%s' (%s line %u) is busy, held by %s: only one bwipc at a time can talk "
	     "to rt (is another bwipc running?)",
	     line->name, line->chip, line->info.offset, held);
}

/* Requests the line found with config: the fd of the request. */
static int request_line(struct gpio_line *line, const struct gpio_v2_line_config *config)
{
	struct gpio_v2_line_request req;

	memset(&req, 0, sizeof(req));
	req.offsets[0] = line->info.offset;
	req.num_lines = 1;
	memcpy(req.consumer, GPIO_CONSUMER, sizeof(GPIO_CONSUMER));
	req.config = *config;
	req.event_buffer_size = EVENTS_MAX;
	if (ioctl(line->chip_fd, GPIO_V2_GET_LINE_IOCTL, &req) < 0) {
		if (errno == EBUSY)
			line_busy(line);
		fail("GPIO line '%s' (%s line %u): cannot request it: %s", line->name, line->chip,
		     line->info.offset, strerror(errno));
	}
	close(line->chip_fd);
	return req.fd;
}

static int open_line(const char *name, const struct gpio_v2_line_config *config)
{
	struct gpio_line line = {.name = name, .chip_fd = -1};

	find_line(&line);
	return request_line(&line, config);
}

/* NAME-in0: an input whose rising edges the kernel queues as events. */
static int open_in_line(struct link *l)
{
	struct gpio_v2_line_config config;

	memset(&config, 0, sizeof(config));
	config.flags = GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING;
	return open_line(l->in_line, &config);
}

/* NAME-out0: an output, 0 from the start. */
static int open_out_line(struct link *l)
{
	struct gpio_v2_line_config config;

	memset(&config, 0, sizeof(config));
	config.flags = GPIO_V2_LINE_FLAG_OUTPUT;
	config.num_attrs = 1;
	config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
	config.attrs[0].attr.values = 0;
	config.attrs[0].mask = 1;
	return open_line(l->out_line, &config);
}

static void set_line_names(struct link *l)
{
	if (snprintf(l->in_line, sizeof(l->in_line), "%s" IN_SUFFIX, l->name) >=
		(int)sizeof(l->in_line) ||
	    snprintf(l->out_line, sizeof(l->out_line), "%s" OUT_SUFFIX, l->name) >=
		(int)sizeof(l->out_line))
		fail("-n: '%s' is too long (GPIO line names have at most %d characters)", l->name,
		     GPIO_MAX_NAME_SIZE - 1);
}

/*
 * Maps the object and requests its GPIO lines. The edge events of NAME-in0
 * are requested here, before any message is sent, so every doorbell rt
 * rings from now on is queued until wait_reply reads it.
 */
static void link_open(struct link *l)
{
	struct object o;
	volatile void *shmem;

	set_line_names(l);
	find_object(l->name, &o);
	shmem = map_object(l->name, &o);
	l->out = rtlink_channel(shmem, RTLINK_LINUX_CHANNEL);
	l->in = rtlink_channel(shmem, RTLINK_RT_CHANNEL);
	l->in_fd = open_in_line(l);
	l->out_fd = open_out_line(l);
}

static void set_out_line(struct link *l, uint64_t value)
{
	struct gpio_v2_line_values v = {.bits = value, .mask = 1};

	if (ioctl(l->out_fd, GPIO_V2_LINE_SET_VALUES_IOCTL, &v) < 0)
		fail("GPIO line '%s': cannot set it to %" PRIu64 ": %s", l->out_line, value,
		     strerror(errno));
}

/* Rings rt's doorbell (event RTLINK_EVENT): a 0 -> 1 edge of NAME-out0. */
static void ring_rt(struct link *l)
{
	set_out_line(l, 1);
	set_out_line(l, 0);
}

/* Waits at most ms for rt's doorbell, then drains the edge events queued so far. */
static void wait_doorbell(struct link *l, long ms)
{
	struct gpio_v2_line_event events[EVENTS_MAX];
	struct pollfd p = {.fd = l->in_fd, .events = POLLIN};
	int n = poll(&p, 1, (int)ms);

	if (n < 0 && errno != EINTR)
		fail("GPIO line '%s': poll: %s", l->in_line, strerror(errno));
	if (n > 0 && read(l->in_fd, events, sizeof(events)) < 0 && errno != EINTR)
		fail("GPIO line '%s': cannot read its edge events: %s", l->in_line,
		     strerror(errno));
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
	ring_rt(l);
}

/*
 * Takes rt's answer to message seq into r when rt's channel holds it (the
 * channel acknowledges seq; next_seq made sure no older reply does): 1 if
 * so, 0 if not yet. A read that rt's next write overlapped is retried.
 */
static int take_reply(struct link *l, uint32_t seq, struct reply *r)
{
	for (;;) {
		uint32_t i, words;

		r->h = rtlink_read_header(l->in);
		if (r->h.ack != seq)
			return 0;
		words = rtlink_words(r->h.len < RTLINK_PAYLOAD_MAX ? r->h.len : RTLINK_PAYLOAD_MAX);
		for (i = 0; i < words; i++)
			r->words[i] = rtlink_get_word(l->in, i);
		if (rtlink_unchanged(l->in, r->h.seq))
			return 1;
	}
}

/*
 * Waits for rt's answer to message seq. The channel is looked at before
 * each wait: rt rings after publishing its reply, and link_open requested
 * the edge events before the message was sent, so a doorbell rung after the
 * look is queued and ends the wait; older ones only cost another look.
 */
static void wait_reply(struct link *l, uint32_t seq, struct reply *r)
{
	long deadline = now_ms() + l->timeout_ms;

	while (!take_reply(l, seq, r)) {
		long left = deadline - now_ms();

		if (left <= 0)
			fail("%s: no reply from rt to message %u within %d s (is rt running?)",
			     l->name, seq, l->timeout_ms / 1000);
		wait_doorbell(l, left);
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
		fprintf(stderr, "bwipc: %s: reply to message %u has type %u, length %u\n", l->name,
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
	struct link l = {.name = DEFAULT_NAME, .timeout_ms = DEFAULT_TIMEOUT_S * 1000};
	const char *cmd;
	int opt;

	while ((opt = getopt(argc, argv, "+n:t:h")) != -1) {
		switch (opt) {
		case 'n':
			l.name = optarg;
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
