/* SPDX-License-Identifier: Apache-2.0 */
/* Compiler attributes and small helper macros shared by every file. */
#ifndef BULWARK_COMPILER_H
#define BULWARK_COMPILER_H

/*
 * IS_ENABLED(CONFIG_X) is 1 when CONFIG_X is defined to 1 (bool y) and 0 when
 * it is undefined, so both branches of an `if` are always compiled. The
 * trick: "__ARG_PLACEHOLDER_1" exists only when the option expands to 1, and
 * then it inserts an extra argument that shifts 1 into the second slot.
 */
#define __ARG_PLACEHOLDER_1		     0,
#define __take_second_arg(ignored, val, ...) val
#define __is_defined(x)			     ___is_defined(x)
#define ___is_defined(val)		     ____is_defined(__ARG_PLACEHOLDER_##val)
/* Variadic so preprocessors that split "0," early (cppcheck's) still agree. */
#define ____is_defined(...) __take_second_arg(__VA_ARGS__ 1, 0)
#define IS_ENABLED(option)  __is_defined(option)

#define __stringify_1(x) #x
#define __stringify(x)	 __stringify_1(x)

#ifndef __ASSEMBLY__

#define __section(name)		    __attribute__((__section__(name)))
#define __aligned(n)		    __attribute__((__aligned__(n)))
#define __used			    __attribute__((__used__))
#define __unused		    __attribute__((__unused__))
#define __noreturn		    __attribute__((__noreturn__))
#define __noinline		    __attribute__((__noinline__))
#define __packed		    __attribute__((__packed__))
#define __printf(fmt_idx, args_idx) __attribute__((__format__(__printf__, fmt_idx, args_idx)))
#define __fallthrough		    __attribute__((__fallthrough__))

/*
 * GCC turns byte loops into calls to memset/memcpy. Inside those very
 * functions that would be infinite recursion, so they opt out.
 */
#define __no_loop_to_libcall __attribute__((__optimize__("no-tree-loop-distribute-patterns")))

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The structure that holds member at ptr. */
#define container_of(ptr, type, member) ((type *)(void *)((char *)(ptr)-offsetof(type, member)))

/* Stop the compiler from caching or reordering a single access. */
#define barrier()	 __asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x)	 (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#endif /* !__ASSEMBLY__ */

#endif /* BULWARK_COMPILER_H */
