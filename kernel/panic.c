/* SPDX-License-Identifier: Apache-2.0 */
/* panic(): the one way out for errors the hypervisor cannot recover from. */
#include <stdarg.h>
#include <bulwark/arch.h>
#include <bulwark/console.h>
#include <bulwark/format.h>
#include <bulwark/panic.h>
#include <bulwark/string.h>

#define PANIC_BUFFER_SIZE 320

static volatile bool panicking;

void panic(const char *fmt, ...)
{
	static const char nested[] = "PANIC while panicking; powering off\n";
	char buf[PANIC_BUFFER_SIZE];
	va_list args;
	int len;

	/* A fault inside the panic path must not loop back into it. */
	if (panicking) {
		console_write_final(nested, sizeof(nested) - 1);
		arch_poweroff(POWEROFF_FAILURE);
	}
	panicking = true;

	len = snprintf(buf, sizeof(buf), "PANIC on CPU %u: ", arch_cpu_id());
	if (len < 0 || (size_t)len >= sizeof(buf))
		len = 0;
	va_start(args, fmt);
	(void)vsnprintf(buf + len, sizeof(buf) - 1 - (size_t)len, fmt, args);
	va_end(args);
	len = (int)strlen(buf);
	buf[len++] = '\n';
	console_write_final(buf, (size_t)len);
	arch_poweroff(POWEROFF_FAILURE);
}
