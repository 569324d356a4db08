/* SPDX-License-Identifier: Apache-2.0 */
/* Fatal errors: say why and where, then stop the machine. */
#ifndef BULWARK_PANIC_H
#define BULWARK_PANIC_H

#include <bulwark/compiler.h>

/* Prints "PANIC on CPU n: <message>" and powers the machine off. */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

#define BUG_ON(cond)                                                                               \
	do {                                                                                       \
		if (unlikely(cond))                                                                \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__);                   \
	} while (0)

#endif /* BULWARK_PANIC_H */
