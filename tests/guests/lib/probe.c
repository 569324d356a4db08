/* SPDX-License-Identifier: Apache-2.0 */
/* Loads and stores that may fault, under the arch's expected-fault mechanism. */
#include <stdint.h>
#include "arch.h"

struct fault_info probe_load(unsigned long addr, unsigned int width, unsigned long *value)
{
	unsigned long v = 0;

	fault_expect();
	if (width == 1)
		v = *(volatile uint8_t *)addr;
	else if (width == 2)
		v = *(volatile uint16_t *)addr;
	else if (width == 4)
		v = *(volatile uint32_t *)addr;
	else
		v = *(volatile uint64_t *)addr;
	if (value)
		*value = v;
	return fault_take();
}

struct fault_info probe_store(unsigned long addr, unsigned int width, unsigned long value)
{
	fault_expect();
	if (width == 1)
		*(volatile uint8_t *)addr = (uint8_t)value;
	else if (width == 2)
		*(volatile uint16_t *)addr = (uint16_t)value;
	else if (width == 4)
		*(volatile uint32_t *)addr = (uint32_t)value;
	else
		*(volatile uint64_t *)addr = value;
	return fault_take();
}
