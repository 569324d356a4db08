/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console: per-source queues of whole messages, written out by
 * whichever CPU finds the serial device free, around at most one open
 * "live" line (an interactive VM's prompt and what is typed at it): a
 * message erases the live line, goes in its place, and the live line is
 * drawn again below it, so the prompt stays the last thing on the terminal
 * and the scrollback keeps no copies of it. Redraws write only the line's
 * text: a guest's escape sequences (busybox's cursor-position query ESC[6n
 * among them) reach the terminal once, as the guest wrote them, because
 * the terminal answers each one into the input. See console.h for why
 * nobody waits.
 */
#include <bulwark/arch.h>
#include <bulwark/atomic.h>
#include <bulwark/console.h>
#include <bulwark/cpu_event.h>
#include <bulwark/format.h>
#include <bulwark/serial.h>
#include <bulwark/spinlock.h>
#include <bulwark/string.h>

/* Record header: kind, owner (0xff: the hypervisor), 16-bit length. */
#define RECORD_HEADER 4u
/* Longer messages are cut: a record never fills more than a quarter. */
#define RECORD_MAX (CONSOLE_QUEUE_SIZE / 4 - RECORD_HEADER)
#define OWNER_NONE 0xffu

/* Every CPU's queue, then the ones registered (VM consoles: one per VM at most). */
#define MAX_QUEUES (2 * CONFIG_NR_CPUS)

/* How long a source with a full queue waits for room before dropping. */
#define QUEUE_WAIT_LIMIT 10000000u

/* A bounded wait for the device when the machine stops. */
#define FLUSH_SPIN_LIMIT 10000000u

_Static_assert(CONFIG_NR_CPUS <= sizeof(unsigned long) * 8, "one bit per CPU");
_Static_assert((CONSOLE_QUEUE_SIZE & (CONSOLE_QUEUE_SIZE - 1)) == 0, "ring size is a power of 2");

static struct console_queue cpu_queues[CONFIG_NR_CPUS];
static struct console_queue *companions[CONFIG_NR_CPUS];
static struct console_queue *queues[MAX_QUEUES];
static volatile u32 nr_queues;
static bool console_ready;

/* Held by the CPU writing to the device; only ever tried, never waited for. */
static spinlock_t device_lock = SPINLOCK_INIT;
/* CPUs that found the device busy: its holder calls them back when done. */
static volatile unsigned long pump_waiting;
/* Until CPUs can interrupt each other, one that found it busy retries itself. */
static bool callbacks_ready;

/*
 * The following belong to the holder of device_lock. Each VM's unfinished
 * line is kept, not only the one on screen: a VM's queue may still hold
 * part of its line when another VM's queue already took the live line
 * (input switched), and its line must then come out whole when it ends.
 */
#define LIVE_MAX    256
#define LIVE_OWNERS CONFIG_NR_CPUS /* VMs: at most one per CPU */
/* Each line's text, escape sequences left out: what a redraw writes. */
static char live_text[LIVE_OWNERS][LIVE_MAX];
static size_t live_size[LIVE_OWNERS];
/* Where each VM's line is in an escape sequence (one byte per record at times). */
enum live_seq { SEQ_TEXT, SEQ_ESC, SEQ_CSI, SEQ_STRING, SEQ_STRING_ESC };
static u8 live_seq[LIVE_OWNERS];
static u32 live_owner = OWNER_NONE; /* whose line is on screen, unfinished */
static bool handed_over;
static u32 uart_owner = OWNER_NONE;
static const char *uart_owner_name;
static u32 hidden; /* messages not shown while a VM owned the UART */
static volatile u32 take_back_from = OWNER_NONE;

void console_init(void)
{
	if (console_ready)
		return;
	if (serial_console.init)
		(void)serial_console.init();
	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		cpu_queues[cpu].name = "the hypervisor";
		queues[cpu] = &cpu_queues[cpu];
	}
	nr_queues = CONFIG_NR_CPUS;
	console_ready = true;
}

void console_queue_register(struct console_queue *queue, const char *name)
{
	queue->name = name;
	if (nr_queues < MAX_QUEUES) {
		queues[nr_queues] = queue;
		arch_smp_mb();
		nr_queues = nr_queues + 1;
	}
}

void console_cpu_companion(unsigned int cpu, struct console_queue *queue)
{
	if (cpu < CONFIG_NR_CPUS)
		companions[cpu] = queue;
}

static void ring_copy_in(struct console_queue *q, u32 at, const void *src, size_t len)
{
	const u8 *from = src;

	for (size_t i = 0; i < len; i++)
		q->ring[(at + i) & (CONSOLE_QUEUE_SIZE - 1)] = from[i];
}

static void ring_copy_out(const struct console_queue *q, u32 at, void *dst, size_t len)
{
	u8 *to = dst;

	for (size_t i = 0; i < len; i++)
		to[i] = q->ring[(at + i) & (CONSOLE_QUEUE_SIZE - 1)];
}

static bool queue_room(const struct console_queue *q, u32 need)
{
	return CONSOLE_QUEUE_SIZE - (q->head - q->tail) >= need;
}

bool console_queue_put(struct console_queue *q, enum console_msg_kind kind, u32 owner,
		       const char *text, size_t len)
{
	u8 header[RECORD_HEADER];
	u32 head = q->head;
	u32 need;

	if (len > RECORD_MAX)
		len = RECORD_MAX;
	need = RECORD_HEADER + (u32)len;
	/*
	 * A full queue is its own source's doing: only that source waits, as
	 * on a real UART whose FIFO is full, and only until its backlog moves.
	 */
	for (u32 spins = 0; !queue_room(q, need); spins++) {
		if (spins == QUEUE_WAIT_LIMIT) {
			q->lost = q->lost + 1;
			return false;
		}
		console_pump(q);
		arch_relax();
	}
	header[0] = (u8)kind;
	header[1] = owner == CONSOLE_OWNER_HYPERVISOR ? OWNER_NONE : (u8)owner;
	header[2] = (u8)(len & 0xff);
	header[3] = (u8)(len >> 8);
	ring_copy_in(q, head, header, RECORD_HEADER);
	ring_copy_in(q, head + RECORD_HEADER, text, len);
	arch_smp_mb(); /* the record is whole before the drainer can see it */
	q->head = head + need;
	console_pump(q);
	return true;
}

void console_write(const char *text, size_t len)
{
	console_init();
	(void)console_queue_put(&cpu_queues[arch_cpu_id()], CONSOLE_MSG_LINES,
				CONSOLE_OWNER_HYPERVISOR, text, len);
}

/* Line endings are the driver's business: SBI firmware adds "\r" itself. */
static void emit(const char *text, size_t len)
{
	if (len)
		serial_console.write(text, len);
}

/* Writes a record's payload, which may wrap around the ring's end. */
static void emit_payload(const struct console_queue *q, u32 at, size_t len)
{
	u32 start = at & (CONSOLE_QUEUE_SIZE - 1);
	size_t first = MIN(len, (size_t)(CONSOLE_QUEUE_SIZE - start));

	emit((const char *)&q->ring[start], first);
	emit((const char *)&q->ring[0], len - first);
}

/* The live line on screen is not empty: a message goes below it. */
static bool live_shown(void)
{
	return live_owner != OWNER_NONE && live_size[live_owner];
}

/* The live line ends here and stays: what follows goes below it. */
static void live_break(void)
{
	if (live_shown())
		emit("\n", 1);
}

/* Carriage return, erase the line: a message takes the live line's place. */
#define LIVE_ERASE "\r\x1b[K"

static void live_clear(void)
{
	if (live_shown())
		emit(LIVE_ERASE, sizeof(LIVE_ERASE) - 1);
}

static void live_redraw(void)
{
	if (live_shown())
		emit(live_text[live_owner], live_size[live_owner]);
}

/*
 * Keeps c in owner's line if it is text: escape sequences (CSI, and the
 * string kinds OSC, DCS... up to BEL or ESC \) and other control bytes
 * are left out; a backspace takes back the last character, as it does on
 * the screen.
 */
static void live_keep(u32 owner, char c)
{
	u8 *seq = &live_seq[owner];
	u8 b = (u8)c;

	switch (*seq) {
	case SEQ_ESC:
		if (b == '[')
			*seq = SEQ_CSI;
		else if (b == ']' || b == 'P' || b == '_' || b == '^' || b == 'X')
			*seq = SEQ_STRING;
		else
			*seq = SEQ_TEXT;
		return;
	case SEQ_CSI:
		if (b >= 0x40 && b <= 0x7e)
			*seq = SEQ_TEXT;
		return;
	case SEQ_STRING:
		if (b == 0x07)
			*seq = SEQ_TEXT;
		else if (b == 0x1b)
			*seq = SEQ_STRING_ESC;
		return;
	case SEQ_STRING_ESC:
		*seq = b == '\\' ? SEQ_TEXT : SEQ_STRING;
		return;
	default:
		break;
	}
	if (b == 0x1b)
		*seq = SEQ_ESC;
	else if (b == '\b' && live_size[owner])
		live_size[owner]--;
	else if ((b >= 0x20 && b != 0x7f) || b == '\t')
		if (live_size[owner] < LIVE_MAX)
			live_text[owner][live_size[owner]++] = c;
}

/* Adds a record's payload to a VM's unfinished line (cut at LIVE_MAX). */
static void live_add(const struct console_queue *q, u32 at, u32 owner, size_t len)
{
	for (size_t i = 0; i < len; i++)
		live_keep(owner, (char)q->ring[(at + i) & (CONSOLE_QUEUE_SIZE - 1)]);
}

/* Live-line records; the caller holds device_lock. */
static void show_live_record(const struct console_queue *q, u32 at, u8 kind, u32 owner, size_t len)
{
	if (owner >= LIVE_OWNERS)
		return;
	switch (kind) {
	case CONSOLE_MSG_LIVE_SET:
		live_clear();
		live_size[owner] = 0;
		live_seq[owner] = SEQ_TEXT;
		live_add(q, at, owner, len);
		live_owner = owner;
		live_redraw();
		break;
	case CONSOLE_MSG_LIVE_APPEND:
		live_add(q, at, owner, len);
		if (owner == live_owner)
			emit_payload(q, at, len);
		break;
	case CONSOLE_MSG_LIVE_END:
		if (owner == live_owner) {
			live_break();
			live_owner = OWNER_NONE;
		} else if (live_size[owner]) {
			/* It lost the screen before its line ended: the whole line now. */
			live_clear();
			emit(live_text[owner], live_size[owner]);
			emit("\n", 1);
			live_redraw();
		}
		live_size[owner] = 0;
		live_seq[owner] = SEQ_TEXT;
		break;
	default:
		break;
	}
}

static void tell_lost(struct console_queue *q)
{
	char note[96];
	u32 lost = q->lost;
	int n;

	if (lost == q->lost_told)
		return;
	n = snprintf(note, sizeof(note), "[bulwark] console: %u messages of %s lost (queue full)\n",
		     lost - q->lost_told, q->name);
	q->lost_told = lost;
	if (n > 0 && !handed_over) {
		live_clear();
		emit(note, MIN((size_t)n, sizeof(note) - 1));
		live_redraw();
	}
}

/* Shows one record; the caller holds device_lock. */
static void show_record(const struct console_queue *q, u32 at, u8 kind, u32 owner, size_t len)
{
	if (handed_over) {
		if (kind == CONSOLE_MSG_RAW && owner == uart_owner)
			emit_payload(q, at, len);
		else
			hidden++;
		return;
	}
	if (kind == CONSOLE_MSG_LINES || kind == CONSOLE_MSG_RAW) {
		live_clear();
		emit_payload(q, at, len);
		live_redraw();
	} else {
		show_live_record(q, at, kind, owner, len);
	}
}

/* Shows at most max records queued before limit; the caller holds device_lock. */
static void drain(struct console_queue *q, u32 limit, unsigned int max)
{
	for (unsigned int done = 0; done < max; done++) {
		u32 tail = q->tail;
		u8 header[RECORD_HEADER];
		size_t len;

		if (tail == limit)
			break;
		arch_smp_mb(); /* the record was whole before head moved past it */
		ring_copy_out(q, tail, header, RECORD_HEADER);
		len = (size_t)header[2] | (size_t)header[3] << 8;
		tell_lost(q);
		show_record(q, tail + RECORD_HEADER, header[0],
			    header[1] == OWNER_NONE ? CONSOLE_OWNER_HYPERVISOR : header[1], len);
		arch_smp_mb();
		q->tail = tail + RECORD_HEADER + (u32)len;
	}
}

/* The VM that had the UART stopped: the hypervisor speaks again. */
static void finish_take_back(void)
{
	char note[160];
	int n;

	if (!handed_over || take_back_from != uart_owner)
		return;
	handed_over = false;
	take_back_from = OWNER_NONE;
	n = snprintf(note, sizeof(note),
		     "[bulwark] console: vm '%s' stopped; the UART is the hypervisor's again "
		     "(%u messages were not shown while the VM owned it)\n",
		     uart_owner_name, hidden);
	if (n > 0)
		emit(note, MIN((size_t)n, sizeof(note) - 1));
	uart_owner = OWNER_NONE;
	hidden = 0;
}

/* Writes out the calling CPU's own queues; the caller holds device_lock. */
static void drain_own(unsigned int cpu, struct console_queue *mine)
{
	struct console_queue *own = &cpu_queues[cpu];
	struct console_queue *vm = companions[cpu];

	finish_take_back();
	if (vm)
		drain(vm, vm->head, ~0u);
	drain(own, own->head, ~0u);
	if (mine && mine != own && mine != vm)
		drain(mine, mine->head, ~0u);
}

void console_pump(struct console_queue *mine)
{
	unsigned int cpu = arch_cpu_id();
	unsigned long waiting;

	if (!console_ready)
		return;
	if (!spin_trylock(&device_lock)) {
		/*
		 * Busy: say so, then look once more. If it is still busy, its
		 * holder releases it after our mark and calls us back.
		 */
		arch_atomic_or_ulong(&pump_waiting, 1UL << cpu);
		if (!spin_trylock(&device_lock)) {
			/* Its way back to the guest, or its idle loop, tries again. */
			cpu_work_mark_self(cpu, CPU_WORK_CONSOLE);
			return;
		}
	}
	drain_own(cpu, mine);
	spin_unlock(&device_lock);
	/* Each CPU that found it busy writes its own output, on its own time. */
	if (!callbacks_ready)
		return;
	waiting = arch_atomic_swap_ulong(&pump_waiting, 0) & ~(1UL << cpu);
	for (unsigned int other = 0; waiting; other++, waiting >>= 1)
		if (waiting & 1)
			cpu_event_post(other, CPU_EVENT_CONSOLE);
}

void console_start_callbacks(void)
{
	callbacks_ready = true;
}

static bool device_lock_take_bounded(void)
{
	for (u32 spins = 0; spins < FLUSH_SPIN_LIMIT; spins++) {
		if (spin_trylock(&device_lock))
			return true;
		arch_relax();
	}
	return false; /* its holder is gone (a fault mid-write): write anyway */
}

/* VMs' output first: the hypervisor's last words are mostly about it. */
static void drain_all(void)
{
	finish_take_back();
	for (u32 i = CONFIG_NR_CPUS; i < nr_queues; i++)
		drain(queues[i], queues[i]->head, ~0u);
	for (u32 i = 0; i < CONFIG_NR_CPUS && i < nr_queues; i++)
		drain(queues[i], queues[i]->head, ~0u);
}

void console_flush_all(void)
{
	bool locked;

	if (!console_ready)
		return;
	locked = device_lock_take_bounded();
	drain_all();
	if (locked)
		spin_unlock(&device_lock);
}

void console_write_final(const char *text, size_t len)
{
	bool locked = console_ready && device_lock_take_bounded();

	if (console_ready)
		drain_all();
	live_break();
	live_owner = OWNER_NONE;
	emit(text, len);
	if (locked)
		spin_unlock(&device_lock);
}

void console_hand_over(u32 owner, const char *name)
{
	bool locked = device_lock_take_bounded();

	drain_all();
	live_break();
	live_owner = OWNER_NONE;
	uart_owner = owner;
	uart_owner_name = name;
	handed_over = true;
	if (locked)
		spin_unlock(&device_lock);
}

void console_take_back(u32 owner)
{
	take_back_from = owner;
	arch_smp_mb();
	console_pump(NULL);
}
