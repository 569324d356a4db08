/* SPDX-License-Identifier: Apache-2.0 */
/* The console: serialises whole messages from all CPUs onto one serial device. */
#include <bulwark/arch.h>
#include <bulwark/console.h>
#include <bulwark/serial.h>
#include <bulwark/spinlock.h>

#define NO_OWNER (~0u)

static spinlock_t console_lock = SPINLOCK_INIT;
/* The CPU holding console_lock, so a trap while printing can still print. */
static volatile unsigned int console_owner = NO_OWNER;
static bool console_ready;

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

void console_write(const char *text, size_t len)
{
	unsigned int cpu = arch_cpu_id();

	if (console_owner == cpu) {
		console_emit(text, len);
		return;
	}
	spin_lock(&console_lock);
	console_owner = cpu;
	console_emit(text, len);
	console_owner = NO_OWNER;
	spin_unlock(&console_lock);
}
