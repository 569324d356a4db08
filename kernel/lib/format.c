/* SPDX-License-Identifier: Apache-2.0 */
/* vsnprintf and friends: the only text formatting in the hypervisor. */
#include <stdarg.h>
#include <bulwark/format.h>

/* Output cursor: counts every byte, stores only those that fit. */
struct format_out {
	char *buf;
	size_t size;
	size_t len;
};

struct format_spec {
	bool left_align; /* '-' */
	bool zero_pad;	 /* '0' */
	bool alternate;	 /* '#': 0x prefix for hex */
	unsigned int width;
	int precision; /* -1 when absent */
};

static void out_char(struct format_out *out, char c)
{
	/* Keep the last byte for the terminator. */
	if (out->len + 1 < out->size)
		out->buf[out->len] = c;
	out->len++;
}

static void out_repeat(struct format_out *out, char c, size_t count)
{
	while (count--)
		out_char(out, c);
}

static void out_string(struct format_out *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		out_char(out, s[i]);
}

static size_t bounded_strlen(const char *s, int precision)
{
	size_t len = 0;

	while (s[len] && (precision < 0 || len < (size_t)precision))
		len++;
	return len;
}

/* Text padded to the field width on the side the spec asks for. */
static void format_text(struct format_out *out, const struct format_spec *spec, const char *s,
			size_t len)
{
	size_t pad = spec->width > len ? spec->width - len : 0;

	if (!spec->left_align)
		out_repeat(out, ' ', pad);
	out_string(out, s, len);
	if (spec->left_align)
		out_repeat(out, ' ', pad);
}

static void format_number(struct format_out *out, const struct format_spec *spec,
			  unsigned long long value, bool negative, unsigned int base, bool upper,
			  const char *prefix)
{
	const char *digit_chars = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[24]; /* 2^64 has 20 decimal and 16 hex digits */
	size_t nr_digits = 0;
	size_t prefix_len = 0;
	size_t zeros = 0;
	size_t body;
	size_t pad;

	do {
		digits[nr_digits++] = digit_chars[value % base];
		value /= base;
	} while (value);
	/* C prints nothing for a zero with precision 0. */
	if (spec->precision == 0 && nr_digits == 1 && digits[0] == '0')
		nr_digits = 0;

	if (negative)
		prefix = "-";
	while (prefix && prefix[prefix_len])
		prefix_len++;
	if (spec->precision >= 0 && (size_t)spec->precision > nr_digits)
		zeros = (size_t)spec->precision - nr_digits;

	body = prefix_len + zeros + nr_digits;
	pad = spec->width > body ? spec->width - body : 0;
	/* '0' pads between the sign or prefix and the digits, unless overridden. */
	if (spec->zero_pad && !spec->left_align && spec->precision < 0) {
		zeros += pad;
		pad = 0;
	}

	if (!spec->left_align)
		out_repeat(out, ' ', pad);
	out_string(out, prefix ? prefix : "", prefix_len);
	out_repeat(out, '0', zeros);
	while (nr_digits)
		out_char(out, digits[--nr_digits]);
	if (spec->left_align)
		out_repeat(out, ' ', pad);
}

/* Reads a run of decimal digits, saturating rather than overflowing. */
static unsigned int parse_decimal(const char **fmt)
{
	unsigned int value = 0;

	while (**fmt >= '0' && **fmt <= '9') {
		unsigned int digit = (unsigned int)(**fmt - '0');

		value = value > 100000u ? value : value * 10u + digit;
		(*fmt)++;
	}
	return value;
}

enum length_modifier { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LONG_LONG, LEN_SIZE };

static enum length_modifier parse_length(const char **fmt)
{
	switch (**fmt) {
	case 'h':
		(*fmt)++;
		if (**fmt == 'h') {
			(*fmt)++;
			return LEN_CHAR;
		}
		return LEN_SHORT;
	case 'l':
		(*fmt)++;
		if (**fmt == 'l') {
			(*fmt)++;
			return LEN_LONG_LONG;
		}
		return LEN_LONG;
	case 'z':
		(*fmt)++;
		return LEN_SIZE;
	default:
		return LEN_INT;
	}
}

static long long fetch_signed(va_list *args, enum length_modifier length)
{
	switch (length) {
	case LEN_CHAR:
		return (signed char)va_arg(*args, int);
	case LEN_SHORT:
		return (short)va_arg(*args, int);
	case LEN_LONG:
		return va_arg(*args, long);
	case LEN_LONG_LONG:
		return va_arg(*args, long long);
	case LEN_SIZE:
		/* The signed type of size_t's width. */
		return (long long)va_arg(*args, __PTRDIFF_TYPE__);
	default:
		return va_arg(*args, int);
	}
}

static unsigned long long fetch_unsigned(va_list *args, enum length_modifier length)
{
	switch (length) {
	case LEN_CHAR:
		return (unsigned char)va_arg(*args, unsigned int);
	case LEN_SHORT:
		return (unsigned short)va_arg(*args, unsigned int);
	case LEN_LONG:
		return va_arg(*args, unsigned long);
	case LEN_LONG_LONG:
		return va_arg(*args, unsigned long long);
	case LEN_SIZE:
		return va_arg(*args, size_t);
	default:
		return va_arg(*args, unsigned int);
	}
}

/* Parses flags, width and precision after '%'; leaves fmt at the length. */
static void parse_spec(const char **fmt, va_list *args, struct format_spec *spec)
{
	*spec = (struct format_spec){.precision = -1};

	for (;; (*fmt)++) {
		if (**fmt == '-')
			spec->left_align = true;
		else if (**fmt == '0')
			spec->zero_pad = true;
		else if (**fmt == '#')
			spec->alternate = true;
		else
			break;
	}

	if (**fmt == '*') {
		int width = va_arg(*args, int);

		(*fmt)++;
		if (width < 0) {
			spec->left_align = true;
			width = -width;
		}
		spec->width = (unsigned int)width;
	} else {
		spec->width = parse_decimal(fmt);
	}

	if (**fmt == '.') {
		(*fmt)++;
		if (**fmt == '*') {
			int precision = va_arg(*args, int);

			(*fmt)++;
			spec->precision = precision < 0 ? -1 : precision;
		} else {
			spec->precision = (int)parse_decimal(fmt);
		}
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct format_out out = {.buf = buf, .size = size, .len = 0};
	struct format_spec spec;
	va_list ap;

	/* A copy, so helpers can take it by pointer on every ABI. */
	va_copy(ap, args);
	while (*fmt) {
		const char *start = fmt;
		enum length_modifier length;
		char conversion;

		if (*fmt != '%') {
			out_char(&out, *fmt++);
			continue;
		}
		fmt++;
		parse_spec(&fmt, &ap, &spec);
		length = parse_length(&fmt);
		conversion = *fmt;
		if (conversion)
			fmt++;

		switch (conversion) {
		case 'd':
		case 'i': {
			long long value = fetch_signed(&ap, length);
			unsigned long long magnitude = value < 0 ? 0ull - (unsigned long long)value
								 : (unsigned long long)value;

			format_number(&out, &spec, magnitude, value < 0, 10, false, NULL);
			break;
		}
		case 'u':
			format_number(&out, &spec, fetch_unsigned(&ap, length), false, 10, false,
				      NULL);
			break;
		case 'x':
		case 'X': {
			unsigned long long value = fetch_unsigned(&ap, length);
			const char *prefix = NULL;

			if (spec.alternate && value)
				prefix = conversion == 'x' ? "0x" : "0X";
			format_number(&out, &spec, value, false, 16, conversion == 'X', prefix);
			break;
		}
		case 'p': {
			unsigned long long value =
			    (unsigned long long)(__UINTPTR_TYPE__)va_arg(ap, void *);

			format_number(&out, &spec, value, false, 16, false, "0x");
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);

			format_text(&out, &spec, &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			format_text(&out, &spec, s, bounded_strlen(s, spec.precision));
			break;
		}
		case '%':
			out_char(&out, '%');
			break;
		default:
			/* Unknown or cut-off conversion: show it as written. */
			out_string(&out, start, (size_t)(fmt - start));
			break;
		}
	}
	va_end(ap);

	if (size)
		buf[out.len < size ? out.len : size - 1] = '\0';
	return (int)out.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}

int format_size(char *buf, size_t size, u64 bytes)
{
	static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
	unsigned int unit = 0;

	while (unit + 1 < ARRAY_SIZE(units) && bytes && (bytes & 0x3ff) == 0) {
		bytes >>= 10;
		unit++;
	}
	return snprintf(buf, size, "%llu %s", (unsigned long long)bytes, units[unit]);
}
