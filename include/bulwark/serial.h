/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The interface a console UART driver provides. Exactly one driver is chosen
 * by Kconfig and defines serial_console; the console never names a driver.
 */
#ifndef BULWARK_SERIAL_H
#define BULWARK_SERIAL_H

#include <bulwark/types.h>

struct serial_ops {
	const char *name;
	/* Prepare the device; firmware may already have configured it. */
	int (*init)(void);
	/*
	 * Write bytes, waiting for the device as needed. Lines end in "\n";
	 * a driver whose terminal needs "\r\n" adds the "\r".
	 */
	void (*write)(const char *bytes, size_t len);
	/* Optional input: the next received byte or -1, and a receive interrupt. */
	int (*getc)(void);
	void (*enable_rx_irq)(void);
};

extern const struct serial_ops serial_console;

#endif /* BULWARK_SERIAL_H */
