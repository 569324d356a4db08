/* SPDX-License-Identifier: Apache-2.0 */
/* The hypervisor's console: one serial device, written a message at a time. */
#ifndef BULWARK_CONSOLE_H
#define BULWARK_CONSOLE_H

#include <bulwark/types.h>

/* Brings up the Kconfig-selected serial driver; safe to call more than once. */
void console_init(void);

/*
 * Writes len bytes under the console lock, as one unit. A CPU
 * that already holds the lock (a trap taken while printing) writes anyway
 * rather than deadlocking against itself.
 */
void console_write(const char *text, size_t len);

/*
 * The open line at the bottom of the terminal should now read text (no
 * newline): what it gained is written, or the whole line anew. Messages
 * written meanwhile go above it. One live line at a time (the VM that has
 * console input).
 */
void console_live_set(const char *text, size_t len);

/* The live line is complete: end it with a newline and forget it. */
void console_live_end(void);

#endif /* BULWARK_CONSOLE_H */
