/* SPDX-License-Identifier: Apache-2.0 */
/* The fake arch's spin hint: nothing to wait for on one host thread. */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

static inline void cpu_relax(void)
{
}

#endif /* ASM_PROCESSOR_H */
