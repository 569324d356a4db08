/* SPDX-License-Identifier: Apache-2.0 */
/* Freestanding memory and string routines (kernel/lib/string.c). */
#ifndef BULWARK_STRING_H
#define BULWARK_STRING_H

#include <bulwark/types.h>

/*
 * Host unit tests link these next to the C library; renaming them keeps the
 * sanitizer runtime and libc on their own copies.
 */
#ifdef UNIT_TEST
#define memcpy	bulwark_memcpy
#define memmove bulwark_memmove
#define memset	bulwark_memset
#define memcmp	bulwark_memcmp
#define strlen	bulwark_strlen
#define strnlen bulwark_strnlen
#define strcmp	bulwark_strcmp
#define strncmp bulwark_strncmp
#define strchr	bulwark_strchr
#define strlcpy bulwark_strlcpy
#endif

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
/* Copies at most size-1 bytes and always terminates; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);

#endif /* BULWARK_STRING_H */
