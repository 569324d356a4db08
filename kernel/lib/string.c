/* SPDX-License-Identifier: Apache-2.0 */
/* The memory and string functions the compiler and the core rely on. */
#include <bulwark/compiler.h>
#include <bulwark/string.h>

__no_loop_to_libcall void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

__no_loop_to_libcall void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Copy backwards when the destination overlaps the end of the source. */
	if (d > s && d < s + n) {
		while (n--)
			d[n] = s[n];
		return dst;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

__no_loop_to_libcall void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *pa = a;
	const unsigned char *pb = b;

	for (size_t i = 0; i < n; i++) {
		if (pa[i] != pb[i])
			return pa[i] < pb[i] ? -1 : 1;
	}
	return 0;
}

size_t strlen(const char *s)
{
	size_t len = 0;

	while (s[len])
		len++;
	return len;
}

size_t strnlen(const char *s, size_t max)
{
	size_t len = 0;

	while (len < max && s[len])
		len++;
	return len;
}

int strcmp(const char *a, const char *b)
{
	const unsigned char *pa = (const unsigned char *)a;
	const unsigned char *pb = (const unsigned char *)b;

	while (*pa && *pa == *pb) {
		pa++;
		pb++;
	}
	return (*pa > *pb) - (*pa < *pb);
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *pa = (const unsigned char *)a;
	const unsigned char *pb = (const unsigned char *)b;

	for (size_t i = 0; i < n; i++) {
		if (pa[i] != pb[i])
			return pa[i] < pb[i] ? -1 : 1;
		if (!pa[i])
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	char wanted = (char)c;

	for (;; s++) {
		if (*s == wanted)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t copy = len < size - 1 ? len : size - 1;

		memcpy(dst, src, copy);
		dst[copy] = '\0';
	}
	return len;
}
