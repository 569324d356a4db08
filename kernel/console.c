/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console: serialises whole messages from all CPUs onto one serial
 * device, around at most one open "live" line (an interactive VM's prompt
 * and what is typed at it): a message breaks the live line and redraws it
 * after itself, so the prompt stays the last thing on the terminal.
 */
#include <bulwark/arch.h>
#include <bulwark/console.h>
#include <bulwark/serial.h>
#include <bulwark/spinlock.h>
#include <bulwark/string.h>

#define NO_OWNER (~0u)

static spinlock_t console_lock = SPINLOCK_INIT;
/* The CPU holding console_lock, so a trap while printing can still print. */
static volatile unsigned int console_owner = NO_OWNER;
static bool console_ready;

#define LIVE_MAX 256
static char live[LIVE_MAX];
static size_t live_len;

void console_init(void)
{
	if (console_ready)
		return;
	if (serial_console.init)
		(void)serial_console.init();
	console_ready = true;
}

/* Line endings are the driver's business: SBI firmware adds "\r" itself. */
static void console_emit(const char *text, size_t len)
{
	serial_console.write(text, len);
}

static void console_lock_take(unsigned int cpu, bool *nested)
{
	*nested = console_owner == cpu;
	if (*nested)
		return;
	spin_lock(&console_lock);
	console_owner = cpu;
}

static void console_lock_give(bool nested)
{
	if (nested)
		return;
	console_owner = NO_OWNER;
	spin_unlock(&console_lock);
}

void console_write(const char *text, size_t len)
{
	bool nested;

	console_lock_take(arch_cpu_id(), &nested);
	if (live_len)
		console_emit("\n", 1);
	console_emit(text, len);
	if (live_len)
		console_emit(live, live_len);
	console_lock_give(nested);
}

void console_live_set(const char *text, size_t len)
{
	bool nested;

	if (len > LIVE_MAX)
		len = LIVE_MAX;
	console_lock_take(arch_cpu_id(), &nested);
	if (len >= live_len && !memcmp(text, live, live_len)) {
		console_emit(text + live_len, len - live_len); /* it grew: the new bytes */
	} else {
		if (live_len)
			console_emit("\n", 1);
		console_emit(text, len);
	}
	memcpy(live, text, len);
	live_len = len;
	console_lock_give(nested);
}

void console_live_end(void)
{
	bool nested;

	console_lock_take(arch_cpu_id(), &nested);
	if (live_len)
		console_emit("\n", 1);
	live_len = 0;
	console_lock_give(nested);
}
