/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The hypervisor's console: every source of output (each CPU's hypervisor
 * messages, each VM's console) fills its own queue of whole messages, and
 * each CPU writes out its own when it finds the serial device free. A CPU
 * that finds the device busy leaves its messages queued and goes on; it
 * is called back when the device is free. Only a source whose own queue
 * is full waits (bounded) for it to drain, as a writer waits on a full
 * UART FIFO. So a guest that prints, or faults, as fast as it can costs
 * the other VMs' CPUs nothing: no wait, and none of its writing.
 */
#ifndef BULWARK_CONSOLE_H
#define BULWARK_CONSOLE_H

#include <bulwark/types.h>

/* Bytes of queued output per source: a few dozen lines. */
#define CONSOLE_QUEUE_SIZE 4096u

/* What a queued message asks of the terminal. */
enum console_msg_kind {
	CONSOLE_MSG_LINES,	 /* whole lines, above any live line */
	CONSOLE_MSG_LIVE_SET,	 /* the live line now reads this */
	CONSOLE_MSG_LIVE_APPEND, /* the live line grew by this */
	CONSOLE_MSG_LIVE_END,	 /* the live line is complete */
	CONSOLE_MSG_RAW,	 /* bytes of the VM that owns the UART */
};

/*
 * One source's messages: a byte ring of records. Producers of one queue
 * serialise among themselves (a CPU's own queue has one producer; a VM's
 * is behind its console lock); the CPU that holds the device drains it.
 */
struct console_queue {
	volatile u32 head; /* bytes ever queued (producers) */
	volatile u32 tail; /* bytes ever written out (the draining CPU) */
	volatile u32 lost; /* messages dropped because the queue was full */
	u32 lost_told;	   /* of which the terminal has been told */
	const char *name;  /* for the "lost" note */
	u8 ring[CONSOLE_QUEUE_SIZE];
};

/* Brings up the Kconfig-selected serial driver; safe to call more than once. */
void console_init(void);

/* A queue of another subsystem (a VM's console) joins those drained. */
void console_queue_register(struct console_queue *queue, const char *name);

/*
 * The queue of the VM whose vCPU runs on cpu: its output goes out before
 * the CPU's own messages (which are mostly about what the VM just did).
 */
void console_cpu_companion(unsigned int cpu, struct console_queue *queue);

/*
 * Queues one message from owner (a VM id, or ~0u for the hypervisor) and
 * tries to write it out at once. Returns false if the queue stayed full
 * (the message is dropped and counted).
 */
bool console_queue_put(struct console_queue *queue, enum console_msg_kind kind, u32 owner,
		       const char *text, size_t len);

/* A hypervisor message from the calling CPU: whole lines. */
void console_write(const char *text, size_t len);

/*
 * Writes out what the calling CPU queued (its own queue, its VM's, and
 * mine, which may be NULL) if the device is free. If it is not, the CPU
 * holding it sends this one CPU_EVENT_CONSOLE when it is done, so each CPU
 * writes its own output on its own time and never another's; until then
 * the CPU's CPU_WORK_CONSOLE mark has its next trap or idle loop try again.
 */
void console_pump(struct console_queue *mine);

/* CPUs can now interrupt each other (cpu_event_post): callbacks may begin. */
void console_start_callbacks(void);

/* Writes out everything queued, waiting (bounded) for the device: power-off. */
void console_flush_all(void);

/* Last words (panic): everything queued, then text, whoever owns the device. */
void console_write_final(const char *text, size_t len);

/*
 * A VM takes the UART for itself (console = passthrough): what is queued
 * is written out first; from then on only the owner's raw bytes reach
 * the device and every other message is counted and dropped.
 */
void console_hand_over(u32 owner, const char *name);

/* The owning VM has stopped: the hypervisor has the device back. */
void console_take_back(u32 owner);

#define CONSOLE_OWNER_HYPERVISOR (~0u)

#endif /* BULWARK_CONSOLE_H */
