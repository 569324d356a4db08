/* SPDX-License-Identifier: Apache-2.0 */
/* CPU-bound kernels the benchmark times: CRC32, SHA-256, quicksort, matrix multiply. */
#ifndef GUEST_BENCH_WORK_H
#define GUEST_BENCH_WORK_H

#include <stdint.h>

/*
 * The checksums, computed on the host from the same xorshift32 sequences
 * (Python: zlib.crc32, hashlib.sha256, sorted(), plain loops).
 */
#define BENCH_CRC32_EXPECTED  0x9f2ba2f0ULL
#define BENCH_SHA256_EXPECTED 0xef624f6b26ece9caULL
#define BENCH_QSORT_EXPECTED  0x557c849d0feafdULL
#define BENCH_MATMUL_EXPECTED 0x3f744814a9ULL

struct bench_work {
	const char *name;
	uint64_t (*run)(void); /* returns a checksum of its result (64-bit on every arch) */
	uint64_t expected;
};

extern const struct bench_work bench_works[];
extern const unsigned int bench_work_count;

/* Ascending, in place, without recursion (also used for the latency statistics). */
void sort_ulong(unsigned long *v, unsigned int n);

#endif
