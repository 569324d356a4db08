/* SPDX-License-Identifier: Apache-2.0 */
/* Leveled console messages; CONFIG_LOG_LEVEL picks which are compiled in. */
#ifndef BULWARK_PRINTK_H
#define BULWARK_PRINTK_H

#include <bulwark/compiler.h>

#define LOG_ERR	  0
#define LOG_WARN  1
#define LOG_INFO  2
#define LOG_DEBUG 3

#ifndef CONFIG_LOG_LEVEL
#define CONFIG_LOG_LEVEL LOG_INFO
#endif

/*
 * Formats one message and writes it to the console as a unit, so lines from
 * different CPUs never mix. Errors and warnings get a prefix; info does not,
 * so the banner line starts with the project name.
 */
void printk(int level, const char *fmt, ...) __printf(2, 3);

/* Put prefix (a static string) before every message from now on. */
void printk_set_prefix(const char *prefix);

/* Messages above the configured level are compiled out by the if. */
#define printk_level(level, ...)                                                                   \
	do {                                                                                       \
		if ((level) <= CONFIG_LOG_LEVEL)                                                   \
			printk(level, __VA_ARGS__);                                                \
	} while (0)

#define pr_err(...)   printk_level(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)  printk_level(LOG_WARN, __VA_ARGS__)
#define pr_info(...)  printk_level(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) printk_level(LOG_DEBUG, __VA_ARGS__)

#endif /* BULWARK_PRINTK_H */
