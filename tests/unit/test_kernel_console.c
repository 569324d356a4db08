/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host tests of kernel/vconsole.c and kernel/console.c on the fake arch:
 * per-VM prefixes, the input VM's live line (erased and redrawn, never
 * replaying escape sequences), Ctrl-] escapes (also amid a terminal's
 * answers, and to a stopped VM), the input ring (a 4 KiB paste), a full
 * queue dropping and counting what it could not hold, and a VM that owns
 * the UART.
 */
#include <string.h>

#include <bulwark/console.h>
#include <bulwark/cpu_event.h>
#include <bulwark/printk.h>
#include <bulwark/vconsole.h>
#include <bulwark/vm.h>

#include "fake_arch.h"
#include "test.h"

#define ALPHA 0
#define BETA  1
#define ESC   "\x1d"

struct output {
	unsigned int vm;
	const char *text;
};

static void do_puts(void *arg)
{
	const struct output *o = arg;

	for (const char *c = o->text; *c; c++)
		vconsole_putc(vm_by_id(o->vm), *c);
}

/* VM vm writes text to its console, from its own CPU. */
static void vm_puts(unsigned int vm, const char *text)
{
	struct output o = {vm, text};

	EXPECT_EQ_INT(fake_run(vm_by_id(vm)->vcpus[0]->cpu, do_puts, &o), FAKE_EXIT_RETURNED);
}

static void do_type(void *arg)
{
	for (const char *c = arg; *c; c++)
		vconsole_input(*c);
}

/* Bytes typed on the physical console (received on CPU 0). */
static void type(const char *text)
{
	EXPECT_EQ_INT(fake_run(0, do_type, (void *)text), FAKE_EXIT_RETURNED);
}

static bool shown(const char *text)
{
	return strstr(fake_serial_text(), text) != NULL;
}

TEST(vconsole, boot_says_where_input_goes)
{
	fake_boot();
	EXPECT_TRUE(shown("console input goes to vm 'alpha'; Ctrl-] then a VM number switches\n"));
}

TEST(vconsole, each_line_carries_its_vm_prefix)
{
	fake_serial_clear();
	vm_puts(BETA, "hello\r\n");
	EXPECT_EQ_STR(fake_serial_text(), "[beta] hello\n");
}

TEST(vconsole, a_long_line_is_cut_and_marked_continued)
{
	char line[252], expected[300];

	memset(line, 'x', 250);
	line[250] = '\n';
	line[251] = '\0';
	fake_serial_clear();
	vm_puts(BETA, line);
	strcpy(expected, "[beta] ");
	memset(expected + 7, 'x', 200);
	strcpy(expected + 207, "\\\n[beta] ");
	memset(expected + 216, 'x', 50);
	strcpy(expected + 266, "\n");
	EXPECT_EQ_STR(fake_serial_text(), expected);
}

TEST(vconsole, the_input_vms_unfinished_line_is_live)
{
	fake_serial_clear();
	vm_puts(ALPHA, "login: ");
	EXPECT_EQ_STR(fake_serial_text(), "[alpha] login: ");
	/*
	 * Another VM's line takes its place (carriage return, erase line: no
	 * copy stays in the scrollback) and the prompt is drawn again below.
	 */
	vm_puts(BETA, "x\n");
	vm_puts(ALPHA, "root\n");
	EXPECT_EQ_STR(fake_serial_text(), "[alpha] login: \r\x1b[K[beta] x\n[alpha] login: root\n");
}

TEST(vconsole, typed_bytes_go_to_the_input_vm)
{
	type("ab");
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(ALPHA)), 'a');
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(ALPHA)), 'b');
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(ALPHA)), -1);
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(BETA)), -1);
	EXPECT_EQ_UINT(fake_vms[ALPHA].input_ready, 2);
	EXPECT_EQ_UINT(fake_vms[BETA].input_ready, 0);
}

TEST(vconsole, escape_then_a_number_switches_input)
{
	fake_serial_clear();
	type(ESC "1q");
	EXPECT_TRUE(shown("console input goes to vm 'beta'\n"));
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(BETA)), 'q');
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(ALPHA)), -1);
	EXPECT_EQ_UINT(fake_vms[BETA].input_ready, 1);
	EXPECT_EQ_UINT(fake_vms[ALPHA].input_ready, 2);
}

TEST(vconsole, escape_twice_sends_one_and_unknown_sequences_are_dropped)
{
	fake_serial_clear();
	type(ESC ESC);
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(BETA)), 0x1d);
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(BETA)), -1);
	type(ESC "x");
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(BETA)), -1);
	type(ESC "9z");
	EXPECT_TRUE(shown("console: no VM 9 with a virtual console\n"));
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(BETA)), 'z');
}

TEST(vconsole, switching_shows_the_new_input_vms_unfinished_line)
{
	fake_serial_clear();
	/* Alpha has no input now: its unfinished line waits, unseen. */
	vm_puts(ALPHA, "prompt> ");
	EXPECT_EQ_STR(fake_serial_text(), "");
	type(ESC "0");
	EXPECT_EQ_STR(fake_serial_text(), "console input goes to vm 'alpha'\n[alpha] prompt> ");
	vm_puts(ALPHA, "ok\n");
	EXPECT_TRUE(shown("[alpha] prompt> ok\n"));
}

/* A paste of 4 KiB and its Enter arrives whole; what comes after a full ring is dropped. */
TEST(vconsole, a_4k_paste_arrives_whole_and_more_is_dropped)
{
	static char many[VCONSOLE_INPUT_SIZE + 101];
	int got = 0;

	for (unsigned int i = 0; i < 4096; i++)
		many[i] = (char)('a' + i % 26);
	strcpy(many + 4096, "\r");
	type(many);
	for (int c; (c = vconsole_getc(vm_by_id(ALPHA))) >= 0; got++)
		if (c != (got < 4096 ? 'a' + got % 26 : '\r'))
			break;
	EXPECT_EQ_INT(got, 4097);
	/* More than it holds, wrapped around the ring's end: the excess is lost. */
	memset(many, 'k', VCONSOLE_INPUT_SIZE + 100);
	many[VCONSOLE_INPUT_SIZE + 100] = '\0';
	type(many);
	for (got = 0; vconsole_getc(vm_by_id(ALPHA)) >= 0;)
		got++;
	EXPECT_EQ_INT(got, (int)VCONSOLE_INPUT_SIZE);
}

TEST(vconsole, flush_prints_an_unfinished_line)
{
	fake_serial_clear();
	vm_puts(BETA, "partial");
	EXPECT_EQ_STR(fake_serial_text(), "");
	EXPECT_EQ_INT(fake_run(1, (void (*)(void *))vconsole_flush, vm_by_id(BETA)),
		      FAKE_EXIT_RETURNED);
	EXPECT_EQ_STR(fake_serial_text(), "[beta] partial\n");
}

static int count_of(const char *text, const char *what)
{
	int n = 0;

	for (const char *at = strstr(text, what); at; at = strstr(at + 1, what))
		n++;
	return n;
}

TEST(vconsole, redraws_never_replay_escape_sequences)
{
	fake_serial_clear();
	/* Busybox asks where the cursor is before its prompt: that reaches the terminal once. */
	vm_puts(ALPHA, "\x1b[6n\x1b]0;title\x07\x1b[1;32m/ #\x1b[0m ");
	EXPECT_EQ_STR(fake_serial_text(), "[alpha] \x1b[6n\x1b]0;title\x07\x1b[1;32m/ #\x1b[0m ");
	fake_serial_clear();
	vm_puts(BETA, "one\n");
	vm_puts(BETA, "two\n");
	/* Each redraw is the prompt's text only. */
	EXPECT_EQ_STR(fake_serial_text(),
		      "\r\x1b[K[beta] one\n[alpha] / # \r\x1b[K[beta] two\n[alpha] / # ");
	/* Typing, a mistake rubbed out with backspaces: the redraw shows what is on screen. */
	vm_puts(ALPHA, "lx\b \bs");
	fake_serial_clear();
	vm_puts(BETA, "three\n");
	EXPECT_EQ_STR(fake_serial_text(), "\r\x1b[K[beta] three\n[alpha] / # ls");
	vm_puts(ALPHA, "\n");
	EXPECT_EQ_INT(count_of(fake_serial_text(), "\x1b"), 1);
}

TEST(vconsole, a_terminals_answer_between_escape_and_digit_still_switches)
{
	fake_serial_clear();
	/* The answer to ESC[6n arrives after Ctrl-]: it goes to alpha, and 1 still switches. */
	type(ESC "\x1b[24;1R"
		 "1");
	EXPECT_TRUE(shown("console input goes to vm 'beta'\n"));
	for (const char *c = "\x1b[24;1R"; *c; c++)
		EXPECT_EQ_INT(vconsole_getc(vm_by_id(ALPHA)), (u8)*c);
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(ALPHA)), -1);
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(BETA)), -1);
	type(ESC "0");
	EXPECT_TRUE(shown("console input goes to vm 'alpha'\n"));
}

TEST(vconsole, switching_to_a_stopped_vm_says_so_within_a_budget)
{
	struct vm *beta = vm_by_id(BETA);
	char keys[2 * 20 + 1];

	fake_serial_clear();
	beta->state = VM_STOPPED;
	type(ESC "1z");
	EXPECT_TRUE(shown("console: vm 'beta' is stopped; input stays with vm 'alpha'\n"));
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(ALPHA)), 'z');
	/* A key held down: a few notes, not one per press. */
	for (unsigned int i = 0; i < 20; i++) {
		keys[2 * i] = 0x1d;
		keys[2 * i + 1] = '1';
	}
	keys[40] = '\0';
	type(keys);
	EXPECT_TRUE(count_of(fake_serial_text(), "is stopped") <= 5);
	EXPECT_EQ_INT(vconsole_getc(vm_by_id(BETA)), -1);
	beta->state = VM_RUNNING;
}

/* Each line queues a record of a 4-byte header, "[beta] " and the line: this many fit. */
#define FLOOD_LINE "...........................................................\n"
#define FLOOD_FIT  (4096 / (4 + 7 + sizeof(FLOOD_LINE) - 1))

/* While CPU 0 holds the serial device, beta's CPU writes one line more than its queue holds. */
static void flood_from_beta(void)
{
	fake_serial_hook = NULL;
	for (unsigned int i = 0; i < FLOOD_FIT + 1; i++)
		vm_puts(BETA, FLOOD_LINE);
}

static void say_something(void *arg)
{
	(void)arg;
	pr_info("the device is busy now");
}

static void handle_events(void *arg)
{
	cpu_handle_events(*(unsigned int *)arg);
}

TEST(console, a_full_queue_drops_and_counts_and_says_so)
{
	unsigned int ipis = fake_cpus[1].ipis;
	const char *note = "[bulwark] console: 1 messages of beta lost (queue full)\n";
	const char *text;

	fake_serial_clear();
	fake_serial_hook = flood_from_beta;
	EXPECT_EQ_INT(fake_run(0, say_something, NULL), FAKE_EXIT_RETURNED);
	/* CPU 0 wrote only its own line, then told beta's CPU the device is free. */
	EXPECT_EQ_STR(fake_serial_text(), "the device is busy now\n");
	EXPECT_TRUE(cpu_event_pending(1) & (1UL << CPU_EVENT_CONSOLE));
	EXPECT_EQ_UINT(fake_cpus[1].ipis, ipis + 1);

	/* Beta's CPU writes out its backlog, with the count of what was lost first. */
	EXPECT_EQ_INT(fake_run(1, handle_events, &(unsigned int){1}), FAKE_EXIT_RETURNED);
	text = fake_serial_text();
	EXPECT_TRUE(strncmp(text + strlen("the device is busy now\n"), note, strlen(note)) == 0);
	EXPECT_EQ_UINT(strlen(text), strlen("the device is busy now\n") + strlen(note) +
					 FLOOD_FIT * (strlen("[beta] ") + strlen(FLOOD_LINE)));
}

static void beta_says_one_line(void)
{
	fake_serial_hook = NULL;
	vm_puts(BETA, "queued\n");
}

TEST(console, output_left_for_a_busy_device_marks_its_cpu_for_the_next_trap)
{
	/* Whatever the last test left for CPU 1 goes out first. */
	EXPECT_EQ_INT(fake_run(1, handle_events, &(unsigned int){1}), FAKE_EXIT_RETURNED);
	EXPECT_EQ_UINT(cpu_work_pending(1), 0);

	fake_serial_clear();
	fake_serial_hook = beta_says_one_line;
	EXPECT_EQ_INT(fake_run(0, say_something, NULL), FAKE_EXIT_RETURNED);
	EXPECT_EQ_STR(fake_serial_text(), "the device is busy now\n");
	/* Beta's CPU found the device busy: its word says so, besides CPU 0's callback. */
	EXPECT_TRUE(cpu_work_pending(1) & CPU_WORK_CONSOLE);
	EXPECT_EQ_INT(fake_run(1, handle_events, &(unsigned int){1}), FAKE_EXIT_RETURNED);
	EXPECT_EQ_STR(fake_serial_text(), "the device is busy now\n[beta] queued\n");
	EXPECT_EQ_UINT(cpu_work_pending(1), 0);
}

static struct console_queue owner_queue;

static void owner_writes(void *arg)
{
	(void)console_queue_put(&owner_queue, CONSOLE_MSG_RAW, BETA, arg, strlen(arg));
}

static void hand_over(void *arg)
{
	(void)arg;
	console_hand_over(BETA, "beta");
	pr_info("the hypervisor speaks");
	vm_puts(2, "gamma speaks\n");
	vm_puts(BETA, "a prefixed line, not raw bytes\n");
}

static void take_back(void *arg)
{
	(void)arg;
	console_take_back(BETA);
}

TEST(console, a_vm_owning_the_uart_is_the_only_one_heard_until_it_stops)
{
	console_queue_register(&owner_queue, "owner");
	fake_serial_clear();
	EXPECT_EQ_INT(fake_run(1, hand_over, NULL), FAKE_EXIT_RETURNED);
	EXPECT_EQ_INT(fake_run(1, owner_writes, "raw bytes\n"), FAKE_EXIT_RETURNED);
	/* The hypervisor's and the VMs' lines were held back: only the owner's raw bytes went out.
	 */
	EXPECT_EQ_STR(fake_serial_text(), "raw bytes\n");
	fake_serial_clear();
	EXPECT_EQ_INT(fake_run(1, take_back, NULL), FAKE_EXIT_RETURNED);
	EXPECT_EQ_STR(fake_serial_text(),
		      "[bulwark] console: vm 'beta' stopped; the UART is the hypervisor's again "
		      "(3 messages were not shown while the VM owned it)\n");
	vm_puts(BETA, "heard again\n");
	EXPECT_TRUE(shown("[beta] heard again\n"));
}
