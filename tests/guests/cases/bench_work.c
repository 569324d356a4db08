/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MiBench-like kernels written for the benchmark guest. Each one works on
 * data from a fixed pseudo-random sequence and returns a checksum that the
 * host computed the same way, so a wrong result is caught, not timed.
 */
#include <stdint.h>
#include "bench_work.h"

#define CRC_BYTES    (64 * 1024)
#define SHA_BYTES    (16 * 1024)
#define SORT_COUNT   4096
#define MATRIX_ORDER 32

static uint8_t buffer[CRC_BYTES];
static unsigned long sort_data[SORT_COUNT];
static uint32_t matrix_a[MATRIX_ORDER][MATRIX_ORDER], matrix_b[MATRIX_ORDER][MATRIX_ORDER],
    matrix_c[MATRIX_ORDER][MATRIX_ORDER];

/* xorshift32: the host's checksums use the same sequence. */
static uint32_t random_next(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

static void fill_buffer(uint32_t seed, unsigned int len)
{
	for (unsigned int i = 0; i < len; i++)
		buffer[i] = (uint8_t)random_next(&seed);
}

static uint64_t run_crc32(void)
{
	uint32_t crc = 0xffffffffu;

	fill_buffer(1, CRC_BYTES);
	for (unsigned int i = 0; i < CRC_BYTES; i++) {
		crc ^= buffer[i];
		for (unsigned int bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
	}
	return ~crc;
}

static const uint32_t sha_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t rotr(uint32_t x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static void sha256_block(uint32_t h[8], const uint8_t *p)
{
	uint32_t w[64], v[8];

	for (unsigned int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (unsigned int i = 16; i < 64; i++) {
		uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	for (unsigned int i = 0; i < 8; i++)
		v[i] = h[i];
	for (unsigned int i = 0; i < 64; i++) {
		uint32_t s1 = rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25);
		uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
		uint32_t t1 = v[7] + s1 + ch + sha_k[i] + w[i];
		uint32_t s0 = rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22);
		uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);

		for (unsigned int j = 7; j > 0; j--)
			v[j] = v[j - 1];
		v[4] += t1;
		v[0] = t1 + s0 + maj;
	}
	for (unsigned int i = 0; i < 8; i++)
		h[i] += v[i];
}

static uint64_t run_sha256(void)
{
	uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
			 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	uint8_t last[64] = {0};
	uint64_t bits = (uint64_t)SHA_BYTES * 8;

	fill_buffer(2, SHA_BYTES);
	for (unsigned int off = 0; off < SHA_BYTES; off += 64)
		sha256_block(h, buffer + off);
	/* The message is whole blocks: one padding block follows. */
	last[0] = 0x80;
	for (unsigned int i = 0; i < 8; i++)
		last[63 - i] = (uint8_t)(bits >> (8 * i));
	sha256_block(h, last);
	return (uint64_t)h[0] << 32 | h[1];
}

void sort_ulong(unsigned long *v, unsigned int n)
{
	/* Quicksort with an explicit stack; the smaller side first keeps it shallow. */
	unsigned int stack[64][2];
	unsigned int top = 0;

	if (n < 2)
		return;
	stack[top][0] = 0;
	stack[top++][1] = n - 1;
	while (top) {
		unsigned int lo = stack[--top][0], hi = stack[top][1];

		while (lo < hi) {
			unsigned long pivot = v[lo + (hi - lo) / 2];
			unsigned int i = lo, j = hi;

			while (i <= j) {
				while (v[i] < pivot)
					i++;
				while (v[j] > pivot)
					j--;
				if (i <= j) {
					unsigned long t = v[i];

					v[i++] = v[j];
					v[j] = t;
					if (j == 0)
						break;
					j--;
				}
			}
			if (j - lo < hi - i) {
				if (i < hi) {
					stack[top][0] = i;
					stack[top++][1] = hi;
				}
				hi = j;
			} else {
				if (lo < j) {
					stack[top][0] = lo;
					stack[top++][1] = j;
				}
				lo = i;
			}
		}
	}
}

static uint64_t run_qsort(void)
{
	uint32_t seed = 3;
	uint64_t check = 0;

	for (unsigned int i = 0; i < SORT_COUNT; i++)
		sort_data[i] = random_next(&seed);
	sort_ulong(sort_data, SORT_COUNT);
	for (unsigned int i = 0; i < SORT_COUNT; i++)
		check += (uint64_t)sort_data[i] * (i + 1);
	return check;
}

static uint64_t run_matmul(void)
{
	uint32_t seed = 4;
	uint64_t check = 0;

	for (unsigned int i = 0; i < MATRIX_ORDER; i++)
		for (unsigned int j = 0; j < MATRIX_ORDER; j++) {
			matrix_a[i][j] = random_next(&seed) & 0xff;
			matrix_b[i][j] = random_next(&seed) & 0xff;
		}
	for (unsigned int i = 0; i < MATRIX_ORDER; i++)
		for (unsigned int j = 0; j < MATRIX_ORDER; j++) {
			uint32_t sum = 0;

			for (unsigned int k = 0; k < MATRIX_ORDER; k++)
				sum += matrix_a[i][k] * matrix_b[k][j];
			matrix_c[i][j] = sum;
			check += (uint64_t)sum * (i * MATRIX_ORDER + j + 1);
		}
	return check;
}

const struct bench_work bench_works[] = {
    {"crc32", run_crc32, BENCH_CRC32_EXPECTED},
    {"sha256", run_sha256, BENCH_SHA256_EXPECTED},
    {"qsort", run_qsort, BENCH_QSORT_EXPECTED},
    {"matmul", run_matmul, BENCH_MATMUL_EXPECTED},
};
const unsigned int bench_work_count = sizeof(bench_works) / sizeof(bench_works[0]);
