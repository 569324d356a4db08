/* SPDX-License-Identifier: Apache-2.0 */
/* Multiplexing the VMs' consoles onto the one physical console. */
#include <bulwark/arch.h>
#include <bulwark/console.h>
#include <bulwark/printk.h>
#include <bulwark/ratelimit.h>
#include <bulwark/spinlock.h>
#include <bulwark/string.h>
#include <bulwark/vconsole.h>
#include <bulwark/vdev.h>
#include <bulwark/vm.h>
#include <generated/board.h>

/* A longer line is printed in pieces, each marked as continued. */
#define LINE_MAX  200
#define INPUT_MAX VCONSOLE_INPUT_SIZE
_Static_assert((INPUT_MAX & (INPUT_MAX - 1)) == 0, "ring size is a power of 2");
/* Notes a typist can cause (a switch to a stopped VM): at most this many a second. */
#define NOTE_BURST 5u

struct vconsole {
	spinlock_t lock; /* taken only by the VM's own CPUs and console input */
	char line[LINE_MAX];
	size_t len;
	/* Typed bytes waiting for the guest: head counts those read, tail those typed. */
	char input[INPUT_MAX];
	u32 head, tail;
	/* Whether the live line shows this VM's unfinished line. */
	bool shown_live;
	struct console_queue queue;
};

static struct vconsole consoles[VMCONF_NR_VMS];
static int input_vm = -1;
static bool escape_pending;
/* Where a terminal's answer (ESC [ ... final byte) that came after Ctrl-] is. */
static enum { ANSWER_NONE, ANSWER_ESC, ANSWER_CSI } answer;
static struct ratelimit notes;

static struct vconsole *console_of(const struct vm *vm)
{
	return &consoles[vm->id];
}

static bool has_virtual_console(const struct vm *vm)
{
	return vm->desc->console == VMCONF_CONSOLE_VIRTUAL ||
	       vm->desc->console == VMCONF_CONSOLE_POLLED;
}

static bool owns_uart(const struct vm *vm)
{
	return vm->desc->console == VMCONF_CONSOLE_PASSTHROUGH;
}

void vconsole_init(void)
{
	const struct vm *owner = NULL;

	for (unsigned int id = 0; id < vm_count(); id++) {
		const struct vm *vm = vm_by_id(id);

		consoles[id].lock = (spinlock_t)SPINLOCK_INIT;
		console_queue_register(&consoles[id].queue, vm->desc->name);
		for (unsigned int i = 0; i < vm->nr_vcpus; i++)
			console_cpu_companion(vm->vcpus[i]->cpu, &consoles[id].queue);
		if (owns_uart(vm))
			owner = vm;
		else if (input_vm < 0 && has_virtual_console(vm))
			input_vm = (int)id;
	}
	if (owner) {
		/* Its input and output are its own: nobody else may use the UART. */
		input_vm = -1;
		pr_info("console: vm '%s' owns the UART (console = passthrough); the hypervisor "
			"and the other VMs stay silent on it until that VM stops",
			owner->desc->name);
		console_hand_over(owner->id, owner->desc->name);
		return;
	}
	if (input_vm >= 0)
		pr_info("console input goes to vm '%s'; Ctrl-] then a VM number switches",
			vm_by_id((unsigned int)input_vm)->desc->name);
}

/* Writes "[name] " and the buffered line into out; returns the length. */
static size_t format_line(const struct vm *vm, const struct vconsole *c, char *out, size_t size)
{
	size_t n = 0;

	n += strlcpy(out, "[", size);
	n += strlcpy(out + n, vm->desc->name, size - n);
	n += strlcpy(out + n, "] ", size - n);
	if (n + c->len + 3 > size)
		n = 0; /* cannot happen with sane names; never overflow */
	memcpy(out + n, c->line, c->len);
	return n + c->len;
}

/* Queues the buffered line with the VM's prefix; the caller holds c->lock. */
static void emit_line(const struct vm *vm, struct vconsole *c, bool continued)
{
	char out[LINE_MAX + 48];
	size_t n = format_line(vm, c, out, sizeof(out));

	if (continued)
		out[n++] = '\\';
	out[n++] = '\n';
	(void)console_queue_put(&c->queue, CONSOLE_MSG_LINES, vm->id, out, n);
	c->len = 0;
}

/* The VM with console input shows its unfinished line (a prompt) at once. */
static void show_live(const struct vm *vm, struct vconsole *c)
{
	char out[LINE_MAX + 48];

	(void)console_queue_put(&c->queue, CONSOLE_MSG_LIVE_SET, vm->id, out,
				format_line(vm, c, out, sizeof(out)));
	c->shown_live = true;
}

static void end_live(const struct vm *vm, struct vconsole *c)
{
	(void)console_queue_put(&c->queue, CONSOLE_MSG_LIVE_END, vm->id, "", 0);
	c->shown_live = false;
	c->len = 0;
}

/* The VM that owns the UART: its bytes go out unprefixed, a line at a time. */
static void raw_flush(const struct vm *vm, struct vconsole *con)
{
	(void)console_queue_put(&con->queue, CONSOLE_MSG_RAW, vm->id, con->line, con->len);
	con->len = 0;
}

static void raw_putc(const struct vm *vm, struct vconsole *con, char c)
{
	if (con->len == LINE_MAX)
		raw_flush(vm, con);
	con->line[con->len++] = c;
	if (c == '\n')
		raw_flush(vm, con);
}

void vconsole_putc(struct vm *vm, char c)
{
	struct vconsole *con = console_of(vm);
	bool live;

	if (c == '\r' || (!has_virtual_console(vm) && !owns_uart(vm)))
		return;
	spin_lock(&con->lock);
	live = (int)vm->id == input_vm;
	if (owns_uart(vm)) {
		raw_putc(vm, con, c);
	} else if (c == '\n' && live) {
		if (!con->shown_live)
			show_live(vm, con);
		end_live(vm, con);
	} else if (c == '\n') {
		emit_line(vm, con, false);
	} else {
		if (con->len == LINE_MAX && live)
			end_live(vm, con);
		else if (con->len == LINE_MAX)
			emit_line(vm, con, true);
		/*
		 * The line shown so far, then the new byte as it came: a redraw
		 * writes only text, so an escape sequence must come as appended.
		 */
		if (live && !con->shown_live)
			show_live(vm, con);
		con->line[con->len++] = c;
		if (live)
			(void)console_queue_put(&con->queue, CONSOLE_MSG_LIVE_APPEND, vm->id, &c,
						1);
	}
	spin_unlock(&con->lock);
}

void vconsole_flush(struct vm *vm)
{
	struct vconsole *con = console_of(vm);

	spin_lock(&con->lock);
	if (owns_uart(vm) && con->len)
		raw_flush(vm, con);
	else if (con->shown_live)
		end_live(vm, con); /* already on the terminal: just end it */
	else if (con->len)
		emit_line(vm, con, false);
	spin_unlock(&con->lock);
}

/* A note the typist caused, within the budget (a stuck key cannot fill the console). */
static bool note_allowed(void)
{
	u32 untold = 0;
	bool allowed =
	    ratelimit_allow(&notes, arch_counter_read(), arch_counter_freq(), NOTE_BURST, &untold);

	if (allowed && untold)
		pr_info("console: %u notes about console input not shown", untold);
	return allowed;
}

static void switch_input(unsigned int id)
{
	struct vm *vm = vm_by_id(id);
	int old = input_vm;

	if (!vm || !has_virtual_console(vm)) {
		if (note_allowed())
			pr_info("console: no VM %u with a virtual console", id);
		return;
	}
	if (vm->state == VM_STOPPED) {
		if (note_allowed())
			pr_info("console: vm '%s' is stopped; input stays with %s%s%s",
				vm->desc->name, old >= 0 ? "vm '" : "nobody",
				old >= 0 ? vm_by_id((unsigned int)old)->desc->name : "",
				old >= 0 ? "'" : "");
		return;
	}
	if (old >= 0) {
		struct vconsole *was = &consoles[old];

		/* Its unfinished line is printed whole when it ends. */
		spin_lock(&was->lock);
		was->shown_live = false;
		input_vm = (int)id;
		spin_unlock(&was->lock);
	} else {
		input_vm = (int)id;
	}
	pr_info("console input goes to vm '%s'", vm->desc->name);
	/* Its unfinished line (a prompt waiting for input) shows at once. */
	spin_lock(&consoles[id].lock);
	if (consoles[id].len)
		show_live(vm, &consoles[id]);
	else /* the screen's live line is now this VM's, empty */
		(void)console_queue_put(&consoles[id].queue, CONSOLE_MSG_LIVE_SET, id, "", 0);
	spin_unlock(&consoles[id].lock);
}

void vconsole_vm_stopped(const struct vm *vm)
{
	if (owns_uart(vm))
		console_take_back(vm->id);
	if ((int)vm->id != input_vm)
		return;
	/* Typing into a stopped VM helps nobody: the next running one gets it. */
	for (unsigned int i = 1; i < vm_count(); i++) {
		unsigned int id = (vm->id + i) % vm_count();
		const struct vm *other = vm_by_id(id);

		if (other->state == VM_RUNNING && has_virtual_console(other)) {
			switch_input(id);
			return;
		}
	}
}

/*
 * A terminal's answer to a guest's query (a cursor position, ESC [ row ;
 * col R) may come between Ctrl-] and the digit: it goes to the VM and the
 * escape stays pending. Returns whether c was part of one.
 */
static bool answer_byte(char c)
{
	u8 b = (u8)c;

	switch (answer) {
	case ANSWER_ESC:
		answer = b == '[' ? ANSWER_CSI : ANSWER_NONE;
		return true;
	case ANSWER_CSI:
		if (b >= 0x40 && b <= 0x7e)
			answer = ANSWER_NONE;
		return true;
	default:
		if (b != 0x1b)
			return false;
		answer = ANSWER_ESC;
		return true;
	}
}

static void deliver(char c);

void vconsole_input(char c)
{
	if (escape_pending && answer_byte(c)) {
		deliver(c);
		return;
	}
	if (escape_pending) {
		escape_pending = false;
		if (c >= '0' && c <= '9') {
			switch_input((unsigned int)(c - '0'));
			return;
		}
		if (c != VCONSOLE_ESCAPE)
			return; /* unknown sequence: dropped */
				/* Ctrl-] Ctrl-] sends one Ctrl-] to the VM. */
	} else if (c == VCONSOLE_ESCAPE) {
		escape_pending = true;
		answer = ANSWER_NONE;
		return;
	}
	deliver(c);
}

/* One byte for the input VM. */
static void deliver(char c)
{
	struct vconsole *con;

	if (input_vm < 0)
		return;
	con = &consoles[input_vm];
	spin_lock(&con->lock);
	if (con->tail - con->head < INPUT_MAX) { /* full: the byte is lost, as on a real UART */
		con->input[con->tail & (INPUT_MAX - 1)] = c;
		con->tail++;
	}
	spin_unlock(&con->lock);
	for (unsigned int i = 0; i < vdev_nr_models(); i++)
		if (vdev_model(i)->console_input_ready)
			vdev_model(i)->console_input_ready(vm_by_id((unsigned int)input_vm));
}

int vconsole_getc(struct vm *vm)
{
	struct vconsole *con = console_of(vm);
	int c = -1;

	spin_lock(&con->lock);
	if (con->head != con->tail) {
		c = (unsigned char)con->input[con->head & (INPUT_MAX - 1)];
		con->head++;
	}
	spin_unlock(&con->lock);
	return c;
}
