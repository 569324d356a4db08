/* SPDX-License-Identifier: Apache-2.0 */
/* The message protocol of Linux's bwipc and the real-time VM rt over a 64 KiB IPC object. */
#ifndef BULWARK_RTLINK_H
#define BULWARK_RTLINK_H

#include <stdint.h>

/*
 * Layout. The object holds two channels, one per writer, matching the
 * read-channel/write-channel of the bao,ipcshmem node the build puts in
 * Linux's device tree (Linux is the first VM to map the object):
 *
 *   [0x0000, 0x8000)  Linux writes, rt reads
 *   [0x8000, 0x10000) rt writes, Linux reads
 *
 * A channel starts with RTLINK_HEADER_WORDS 32-bit words, then the payload:
 *
 *   word 0  seq   number of the message now in the channel (never 0 once
 *                 a message was written); written LAST
 *   word 1  type  RTLINK_TEXT, RTLINK_PING, ...
 *   word 2  len   payload length in bytes, at most RTLINK_PAYLOAD_MAX
 *   word 3  ack   in a reply: the seq of the message it answers; 0 otherwise
 *   word 4- payload, (len + 3) / 4 words; payload byte k is bits
 *           8 (k % 4) .. 8 (k % 4) + 7 of word k / 4, the bytes after len
 *           in the last word are padding
 *
 * Every access to the object is a naturally aligned 32-bit load or store
 * (Linux maps it as Device memory in user space, and rt runs with its MMU
 * off): nothing here uses memcpy or byte accesses on the object.
 *
 * Publishing a message (rtlink_publish): payload, barrier, type/len/ack,
 * barrier, seq, then a full barrier before the doorbell (Linux drives its
 * GPIO out line high, rt makes the IPC notify hypercall), so the peer that takes
 * the doorbell sees the whole message. Reading one: seq, barrier, the
 * header, barrier, the payload, barrier, seq again; if seq changed the
 * writer started a new message and the read is retried.
 *
 * Exchanges. Strictly one message in flight: Linux writes a request, rings,
 * and waits for the reply whose ack equals the request's seq before it
 * writes the next. rt never speaks first. Each side numbers its own
 * messages: seq is the previous seq of the same channel plus one, skipping
 * 0 on wrap (rtlink_next_seq).
 *
 *   request          reply
 *   TEXT "t"         TEXT "rt got: t" (rt also prints "linux says: t")
 *   PING (pattern)   PONG: same len, payload rtlink_pattern(RTLINK_PONG, seq
 *                    of the PING, len, i); a PING whose payload is wrong is
 *                    answered with TEXT naming the first bad word instead
 *   STATS (len 0)    TEXT "periods=N late_max=X ns missed=M pings=P errors=E
 *                    resyncs=R"
 *   anything else    TEXT naming the unknown type
 *
 * Sequence rules, so both sides survive the other restarting:
 * - Linux's next seq lives in the object itself: each bwipc run continues
 *   from the seq already in Linux's channel (rtlink_next_seq of it). As
 *   long as the hypervisor does not clear the object when a VM reboots,
 *   the numbering goes on through Linux reboots as well; it starts from
 *   whatever the object holds (not necessarily 0) the first time.
 * - Linux takes the reply to message S to be the message in rt's channel
 *   whose ack is S. Before sending, it skips a seq that rt's channel
 *   already acknowledges, so a reply left from before cannot pass for the
 *   new one. rt's own seq in the reply must be the one after the seq its
 *   channel held before the request; bwipc reports a reply that is not
 *   (rt restarted, or another writer).
 * - rt notes Linux's channel seq when it starts and handles a message when
 *   that word differs from the last seq it saw, so a message left from
 *   before rt (re)started is not taken for a new one. A new seq that is not
 *   last + 1 (Linux's numbering restarted, the object was cleared, a
 *   request was abandoned or skipped) is a resync: rt prints a note, counts
 *   it, and handles the message normally. Only a PING whose payload is
 *   wrong (or a malformed message) counts as an error. Consequence: a
 *   request whose seq happens to equal the last one rt saw is not seen; its
 *   sender times out, and the next request (a new seq) resyncs.
 * - rt clears its own channel's header when it starts (seq 0, ack 0).
 */

#define RTLINK_SHMEM_SIZE    0x10000u
#define RTLINK_CHANNEL_SIZE  0x8000u
#define RTLINK_LINUX_CHANNEL 0x0000u /* byte offset of the channel Linux writes */
#define RTLINK_RT_CHANNEL    0x8000u /* byte offset of the channel rt writes */
#define RTLINK_HEADER_WORDS  4u
#define RTLINK_PAYLOAD_MAX   4096u
#define RTLINK_PAYLOAD_WORDS (RTLINK_PAYLOAD_MAX / 4u)

/* Word indexes of the channel header. */
#define RTLINK_SEQ  0u
#define RTLINK_TYPE 1u
#define RTLINK_LEN  2u
#define RTLINK_ACK  3u

/* Message types. */
#define RTLINK_TEXT  1u
#define RTLINK_PING  2u
#define RTLINK_PONG  3u
#define RTLINK_STATS 4u

/* The event number a doorbell carries (the object has one event). */
#define RTLINK_EVENT 0u

/* A channel: the first word of its header. */
typedef volatile uint32_t rtlink_channel_t;

/* Orders the object's accesses as both CPUs observe them (inner shareable). */
static inline void rtlink_barrier(void)
{
#if defined(__aarch64__) || defined(__arm__)
	__asm__ volatile("dmb ish" ::: "memory");
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

/* Completes every access to the object before the doorbell that follows. */
static inline void rtlink_doorbell_barrier(void)
{
#if defined(__aarch64__) || defined(__arm__)
	__asm__ volatile("dsb ish" ::: "memory");
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

/* The channel at byte offset (RTLINK_LINUX_CHANNEL, RTLINK_RT_CHANNEL) of the mapped object. */
static inline rtlink_channel_t *rtlink_channel(volatile void *shmem, uint32_t offset)
{
	return (rtlink_channel_t *)((volatile uint8_t *)shmem + offset);
}

static inline uint32_t rtlink_get(const rtlink_channel_t *ch, uint32_t word)
{
	return ch[word];
}

static inline void rtlink_set(rtlink_channel_t *ch, uint32_t word, uint32_t value)
{
	ch[word] = value;
}

static inline uint32_t rtlink_next_seq(uint32_t seq)
{
	return seq + 1u ? seq + 1u : 1u;
}

static inline uint32_t rtlink_words(uint32_t len)
{
	return (len + 3u) / 4u;
}

/* Payload word i, read or written with one 32-bit access. */
static inline uint32_t rtlink_get_word(const rtlink_channel_t *ch, uint32_t i)
{
	return ch[RTLINK_HEADER_WORDS + i];
}

static inline void rtlink_set_word(rtlink_channel_t *ch, uint32_t i, uint32_t value)
{
	ch[RTLINK_HEADER_WORDS + i] = value;
}

/* Packs len bytes of src into the payload, word by word, zero padded. */
static inline void rtlink_put_bytes(rtlink_channel_t *ch, const void *src, uint32_t len)
{
	const uint8_t *s = (const uint8_t *)src;
	uint32_t i, k;

	for (i = 0; i < rtlink_words(len); i++) {
		uint32_t w = 0;

		for (k = 0; k < 4u && 4u * i + k < len; k++)
			w |= (uint32_t)s[4u * i + k] << (8u * k);
		rtlink_set_word(ch, i, w);
	}
}

/* Unpacks len bytes of the payload into dst. */
static inline void rtlink_get_bytes(const rtlink_channel_t *ch, void *dst, uint32_t len)
{
	uint8_t *d = (uint8_t *)dst;
	uint32_t i, k;

	for (i = 0; i < rtlink_words(len); i++) {
		uint32_t w = rtlink_get_word(ch, i);

		for (k = 0; k < 4u && 4u * i + k < len; k++)
			d[4u * i + k] = (uint8_t)(w >> (8u * k));
	}
}

/*
 * Makes the message whose payload is already written visible: header, then
 * seq last. The caller rings the doorbell after rtlink_doorbell_barrier().
 */
static inline void rtlink_publish(rtlink_channel_t *ch, uint32_t seq, uint32_t type, uint32_t len,
				  uint32_t ack)
{
	rtlink_barrier();
	rtlink_set(ch, RTLINK_TYPE, type);
	rtlink_set(ch, RTLINK_LEN, len);
	rtlink_set(ch, RTLINK_ACK, ack);
	rtlink_barrier();
	rtlink_set(ch, RTLINK_SEQ, seq);
	rtlink_doorbell_barrier();
}

/* The header of a message as read, seq first. */
struct rtlink_header {
	uint32_t seq, type, len, ack;
};

/* Reads seq, then (after a barrier) the rest of the header; payload reads may follow. */
static inline struct rtlink_header rtlink_read_header(const rtlink_channel_t *ch)
{
	struct rtlink_header h;

	h.seq = rtlink_get(ch, RTLINK_SEQ);
	rtlink_barrier();
	h.type = rtlink_get(ch, RTLINK_TYPE);
	h.len = rtlink_get(ch, RTLINK_LEN);
	h.ack = rtlink_get(ch, RTLINK_ACK);
	rtlink_barrier();
	return h;
}

/* After reading a message's payload: whether its seq is still the one read first. */
static inline int rtlink_unchanged(const rtlink_channel_t *ch, uint32_t seq)
{
	rtlink_barrier();
	return rtlink_get(ch, RTLINK_SEQ) == seq;
}

/*
 * The PING and PONG payloads: word i of message seq with len bytes of type
 * RTLINK_PING or RTLINK_PONG (whole words, padding included). A mix of the
 * four inputs, so a word from another message, another position or the
 * other direction does not pass.
 */
static inline uint32_t rtlink_pattern(uint32_t type, uint32_t seq, uint32_t len, uint32_t i)
{
	uint32_t x =
	    seq * 0x9e3779b9u ^ len * 0x85ebca6bu ^ (i + 1u) * 0xc2b2ae35u ^ type * 0x27d4eb2fu;

	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

/* The length of PING seq: 1 to RTLINK_PAYLOAD_MAX bytes, odd lengths included. */
static inline uint32_t rtlink_ping_len(uint32_t seq)
{
	return 1u + (seq * 2654435761u >> 12) % RTLINK_PAYLOAD_MAX;
}

#endif
