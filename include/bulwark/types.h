/* SPDX-License-Identifier: Apache-2.0 */
/* Fixed-width integer types used throughout the hypervisor. */
#ifndef BULWARK_TYPES_H
#define BULWARK_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
/*
 * int, not int32_t: bare-metal toolchains for 32-bit targets (riscv64-
 * unknown-elf for RV32) make int32_t a long, and %u would no longer print
 * a u32. Every ABI Bulwark runs on (ILP32, LP64) has a 32-bit int.
 */
typedef unsigned int u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int s32;
typedef int64_t s64;

_Static_assert(sizeof(u32) == 4 && sizeof(s32) == 4, "int is 32 bits");

#endif /* BULWARK_TYPES_H */
