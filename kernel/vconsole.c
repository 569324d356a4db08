/* SPDX-License-Identifier: Apache-2.0 */
/* Multiplexing the VMs' consoles onto the one physical console. */
#include <bulwark/console.h>
#include <bulwark/printk.h>
#include <bulwark/spinlock.h>
#include <bulwark/string.h>
#include <bulwark/vconsole.h>
#include <bulwark/vuart.h>
#include <bulwark/vm.h>
#include <generated/board.h>

/* A longer line is printed in pieces, each marked as continued. */
#define LINE_MAX  200
#define INPUT_MAX 64

struct vconsole {
	spinlock_t lock;
	char line[LINE_MAX];
	size_t len;
	/* Typed bytes waiting for the guest: a ring, head == tail when empty. */
	char input[INPUT_MAX];
	unsigned int head, tail;
};

static struct vconsole consoles[VMCONF_NR_VMS];
static int input_vm = -1;
static bool escape_pending;

static struct vconsole *console_of(const struct vm *vm)
{
	return &consoles[vm->id];
}

static bool has_virtual_console(const struct vm *vm)
{
	return vm->desc->console == VMCONF_CONSOLE_VIRTUAL;
}

void vconsole_init(void)
{
	for (unsigned int id = 0; id < vm_count(); id++) {
		consoles[id].lock = (spinlock_t)SPINLOCK_INIT;
		if (input_vm < 0 && has_virtual_console(vm_by_id(id)))
			input_vm = (int)id;
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

/* Prints the buffered line with the VM's prefix; the caller holds c->lock. */
static void emit_line(const struct vm *vm, struct vconsole *c, bool continued)
{
	char out[LINE_MAX + 48];
	size_t n = format_line(vm, c, out, sizeof(out));

	if (continued)
		out[n++] = '\\';
	out[n++] = '\n';
	console_write(out, n);
	c->len = 0;
}

/* The VM with console input shows its unfinished line (a prompt) at once. */
static void show_live(const struct vm *vm, struct vconsole *c)
{
	char out[LINE_MAX + 48];

	console_live_set(out, format_line(vm, c, out, sizeof(out)));
}

void vconsole_putc(struct vm *vm, char c)
{
	struct vconsole *con = console_of(vm);
	bool live = (int)vm->id == input_vm;

	if (!has_virtual_console(vm) || c == '\r')
		return;
	spin_lock(&con->lock);
	if (c == '\n' && live) {
		show_live(vm, con);
		console_live_end();
		con->len = 0;
	} else if (c == '\n') {
		emit_line(vm, con, false);
	} else {
		if (con->len == LINE_MAX && live) {
			console_live_end();
			con->len = 0;
		} else if (con->len == LINE_MAX) {
			emit_line(vm, con, true);
		}
		con->line[con->len++] = c;
		if (live)
			show_live(vm, con);
	}
	spin_unlock(&con->lock);
}

void vconsole_flush(struct vm *vm)
{
	struct vconsole *con = console_of(vm);

	spin_lock(&con->lock);
	if (con->len && (int)vm->id == input_vm) {
		show_live(vm, con); /* already on the terminal: just end it */
		console_live_end();
		con->len = 0;
	} else if (con->len) {
		emit_line(vm, con, false);
	}
	spin_unlock(&con->lock);
}

static void switch_input(unsigned int id)
{
	struct vm *vm = vm_by_id(id);

	if (!vm || !has_virtual_console(vm)) {
		pr_info("console: no VM %u with a virtual console", id);
		return;
	}
	console_live_end();
	input_vm = (int)id;
	pr_info("console input goes to vm '%s'", vm->desc->name);
	/* Its unfinished line (a prompt waiting for input) shows at once. */
	spin_lock(&consoles[id].lock);
	if (consoles[id].len)
		show_live(vm, &consoles[id]);
	spin_unlock(&consoles[id].lock);
}

void vconsole_vm_stopped(const struct vm *vm)
{
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

void vconsole_input(char c)
{
	struct vconsole *con;
	unsigned int next;

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
		return;
	}
	if (input_vm < 0)
		return;
	con = &consoles[input_vm];
	spin_lock(&con->lock);
	next = (con->tail + 1) % INPUT_MAX;
	if (next != con->head) { /* full: the byte is lost, as on a real UART */
		con->input[con->tail] = c;
		con->tail = next;
	}
	spin_unlock(&con->lock);
	if (IS_ENABLED(CONFIG_VUART))
		vuart_input_ready(vm_by_id((unsigned int)input_vm));
}

int vconsole_getc(struct vm *vm)
{
	struct vconsole *con = console_of(vm);
	int c = -1;

	spin_lock(&con->lock);
	if (con->head != con->tail) {
		c = (unsigned char)con->input[con->head];
		con->head = (con->head + 1) % INPUT_MAX;
	}
	spin_unlock(&con->lock);
	return c;
}
