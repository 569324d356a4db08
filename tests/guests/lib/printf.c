/* SPDX-License-Identifier: Apache-2.0 */
/* Formats messages into a buffer and writes whole lines to the guest console. */
#include <stdbool.h>
#include "printf.h"
#include "string.h"
#include "test.h"

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_number(struct out *o, unsigned long long v, unsigned int base, bool negative,
		       int width, char pad)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (negative && pad == '0')
		put(o, '-');
	for (width -= n + (negative ? 1 : 0); width > 0; width--)
		put(o, pad);
	if (negative && pad != '0')
		put(o, '-');
	while (n)
		put(o, digits[--n]);
}

static unsigned long long get_unsigned(va_list *ap, int longs)
{
	if (longs >= 2)
		return va_arg(*ap, unsigned long long);
	if (longs == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long get_signed(va_list *ap, int longs)
{
	if (longs >= 2)
		return va_arg(*ap, long long);
	if (longs == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0};
	va_list args;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		char pad = ' ';
		int width = 0, longs = 0;
		const char *s;
		long long sv;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		/* size_t and long are both 64-bit on the guests' ABIs. */
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			longs++;
		switch (*fmt) {
		case 'd':
		case 'i':
			sv = get_signed(&args, longs);
			put_number(&o,
				   sv < 0 ? 0ULL - (unsigned long long)sv : (unsigned long long)sv,
				   10, sv < 0, width, pad);
			break;
		case 'u':
			put_number(&o, get_unsigned(&args, longs), 10, false, width, pad);
			break;
		case 'x':
			put_number(&o, get_unsigned(&args, longs), 16, false, width, pad);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_number(&o, (unsigned long)va_arg(args, void *), 16, false, width, pad);
			break;
		case 's':
			s = va_arg(args, const char *);
			for (width -= (int)strlen(s ? s : "(null)"); width > 0; width--)
				put(&o, ' ');
			for (s = s ? s : "(null)"; *s; s++)
				put(&o, *s);
			break;
		case 'c':
			put(&o, (char)va_arg(args, int));
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	arch_console_write(buf, strlen(buf));
	return n;
}
