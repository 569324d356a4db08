/* SPDX-License-Identifier: Apache-2.0 */
/* printk: formats a message into a line buffer and hands it to the console whole. */
#include <stdarg.h>
#include <bulwark/console.h>
#include <bulwark/format.h>
#include <bulwark/printk.h>
#include <bulwark/string.h>

/* Longer messages are cut and end in "...". */
#define PRINTK_BUFFER_SIZE 320

static const char *level_prefix(int level)
{
	switch (level) {
	case LOG_ERR:
		return "error: ";
	case LOG_WARN:
		return "warning: ";
	case LOG_DEBUG:
		return "debug: ";
	default:
		return "";
	}
}

static const char *printk_prefix = "";

void printk_set_prefix(const char *prefix)
{
	printk_prefix = prefix;
}

void printk(int level, const char *fmt, ...)
{
	char buf[PRINTK_BUFFER_SIZE];
	size_t room = sizeof(buf) - 1; /* keep one byte for a final newline */
	size_t len = strlcpy(buf, printk_prefix, room);
	va_list args;
	int wanted;

	len += strlcpy(buf + len, level_prefix(level), room - len);
	va_start(args, fmt);
	wanted = vsnprintf(buf + len, room - len, fmt, args);
	va_end(args);

	if (wanted < 0) {
		len = strlcpy(buf, "printk: bad format", room);
	} else if ((size_t)wanted >= room - len) {
		len = room - 1;
		memcpy(buf + len - 3, "...", 3);
	} else {
		len += (size_t)wanted;
	}
	/* Every message is whole lines, so CPUs can never split one. */
	if (len == 0 || buf[len - 1] != '\n')
		buf[len++] = '\n';
	console_write(buf, len);
}
