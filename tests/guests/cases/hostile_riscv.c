/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RISC-V half of the hostile guest: QEMU virt map, vPLIC, vAPLIC or vAPLIC + IMSIC guest file,
 * SBI calls, H- and M-mode CSRs.
 */
#include <stdint.h>
#include "arch.h"
#include "csr.h"
#include "aplic.h"
#include "hostile.h"
#include "imsic.h"
#include "plic.h"
#include "printf.h"
#include "sbi.h"

#define PLIC_SIZE     0x600000UL
#define PLIC_CONTEXTS 0x200000UL
#define UART_BASE     0x10000000UL
#define PAGE	      0x1000UL
#define APLIC_SIZE    0x8000UL
/* Sv39x4: the G-stage translates 41-bit guest-physical addresses. */
#define IPA_BITS 41

unsigned int hostile_own_devices(struct hostile_range *out, unsigned int max)
{
	if (max < 3)
		return 0;
#ifdef GUEST_IMSIC
	/* Its vCPU's IMSIC guest file, where hart 0's IMSIC is: the rest of the IMSICs are not. */
	out[2] = (struct hostile_range){IMSIC_FILE(0), PAGE, "IMSIC guest file"};
#endif
#if defined(GUEST_APLIC) || defined(GUEST_IMSIC)
	out[0] = (struct hostile_range){APLIC_BASE, APLIC_SIZE, "vAPLIC"};
#else
	out[0] = (struct hostile_range){PLIC_BASE, PLIC_SIZE, "vPLIC"};
#endif
	/*
	 * The board's UART page: the hypervisor's console today, a VM's own
	 * virtual UART once one is modelled there; probed by neither.
	 */
	out[1] = (struct hostile_range){UART_BASE, PAGE, "console UART"};
#ifdef GUEST_IMSIC
	return 3;
#else
	return 2;
#endif
}

unsigned int hostile_targets(struct hostile_range *out, unsigned int max)
{
	static const struct hostile_range targets[] = {
		{0x00001000UL, PAGE, "boot ROM"},
		{0x00100000UL, PAGE, "sifive_test (machine power control)"},
		{0x00101000UL, PAGE, "goldfish RTC"},
		{0x02000000UL, 0x10000UL, "CLINT"},
#if defined(GUEST_APLIC) || defined(GUEST_IMSIC)
		{0x0c000000UL, 0x8000UL, "machine-level APLIC"},
#endif
#ifdef GUEST_IMSIC
		/*
		 * Every other page of the S-level IMSICs, each at its first and last
		 * word: the harts' guest files (the sentinel's vCPU's is hart 0's)
		 * and their S-level files (the hypervisor's); the M-level IMSICs.
		 */
		{IMSIC_FILE(0) + PAGE, PAGE, "hart 0's guest file (the sentinel's)"},
		{IMSIC_FILE(1), PAGE, "hart 1's S-level file (the hypervisor's)"},
		{IMSIC_FILE(1) + PAGE, PAGE, "hart 1's guest file"},
		{IMSIC_FILE(2), PAGE, "hart 2's S-level file"},
		{IMSIC_FILE(2) + PAGE, PAGE, "hart 2's guest file"},
		{IMSIC_FILE(3), PAGE, "hart 3's S-level file"},
		{IMSIC_FILE(3) + PAGE, PAGE, "hart 3's guest file"},
		{0x24000000UL, 0x4000UL, "machine-level IMSICs"},
#endif
		{0x03000000UL, 0x10000UL, "PCIe PIO"},
		{0x10001000UL, 0x8000UL, "virtio-mmio"},
		{0x10100000UL, PAGE, "fw_cfg"},
		{0x20000000UL, 0x4000000UL, "flash"},
		{0x30000000UL, 0x10000000UL, "PCIe ECAM"},
		{0x40000000UL, 0x40000000UL, "PCIe MMIO"},
		{0x80200000UL, 0xe00000UL, "the hypervisor's range"},
		{0x81000000UL, 0x3f000000UL, "host RAM of the hypervisor and other VMs"},
	};
	unsigned int n = 0;

	for (unsigned int i = 0; i < sizeof(targets) / sizeof(targets[0]) && n < max; i++)
		out[n++] = targets[i];
	return n;
}

uint64_t hostile_ipa_end(void)
{
	return 1ULL << IPA_BITS;
}

/*
 * Every register of the priority and pending arrays, and of the enable
 * arrays and the threshold/claim pages (their first 0x40 bytes) of the
 * first 16 contexts: the VM's own and those of harts it does not have.
 */
#if defined(GUEST_APLIC) || defined(GUEST_IMSIC)
/*
 * Every register of the domain's first 16 KiB (domaincfg, sourcecfg, the
 * bitmaps and *num registers, target) and of the first 16 IDC structures:
 * the VM's own and those of harts it does not have.
 */
unsigned int hostile_ic_windows(struct hostile_range *out, unsigned int max)
{
	if (max < 2)
		return 0;
	out[0] = (struct hostile_range){APLIC_BASE, 0x4000UL, "APLIC domain registers"};
	out[1] = (struct hostile_range){APLIC_BASE + 0x4000UL, 16 * 32UL, "APLIC IDCs"};
	return 2;
}

void hostile_ic_recover(void)
{
	/* Whatever the scribble enabled or forced is off again. */
	for (unsigned int w = 0; w < 32; w++)
		(void)probe_store(APLIC_BASE + 0x1f00UL + 4 * w, 4, 0xffffffffUL);
	for (unsigned long hart = 0; hart < 2; hart++)
		(void)probe_store(APLIC_IFORCE(hart), 4, 0);
	(void)probe_store(APLIC_DOMAINCFG, 4, 0);
#ifdef GUEST_IMSIC
	/* Whatever the scribble's MSIs left in its own file: nothing enabled, nothing pending. */
	for (unsigned int i = 0; i < 4; i++) {
		imsic_write(IMSIC_EIE0 + 2 * i, 0);
		imsic_write(IMSIC_EIP0 + 2 * i, 0);
	}
#endif
	csr_clear(sip, 1UL << IRQ_S_SOFT);
}
#else
unsigned int hostile_ic_windows(struct hostile_range *out, unsigned int max)
{
	unsigned int n = 0;

	if (max < 2 + 16 + 1)
		return 0;
	out[n++] = (struct hostile_range){PLIC_BASE, 0x2000UL, "PLIC priorities and pending"};
	out[n++] = (struct hostile_range){PLIC_BASE + 0x2000UL, 0x800UL, "PLIC enables"};
	for (unsigned long ctx = 0; ctx < 16; ctx++)
		out[n++] = (struct hostile_range){PLIC_BASE + PLIC_CONTEXTS + ctx * PAGE, 0x40UL,
						  "PLIC context"};
	return n;
}

void hostile_ic_recover(void)
{
	/* Whatever the scribble enabled is off again, and nothing claimed stays in flight. */
	for (unsigned int ctx = 0; ctx < 2; ctx++) {
		for (unsigned int w = 0; w < 32; w++)
			(void)probe_store(PLIC_BASE + 0x2000UL + 0x80UL * ctx + 4 * w, 4, 0);
		(void)probe_store(PLIC_BASE + PLIC_CONTEXTS + PAGE * ctx, 4, 0);
	}
	csr_clear(sip, 1UL << IRQ_S_SOFT);
}
#endif

/* SBI extensions the storm aims at, besides random ones. */
static const unsigned long extensions[] = {
    0x00, /* legacy set_timer */
    0x02, /* legacy getchar */
    0x03, /* legacy clear_ipi */
    0x04, /* legacy send_ipi (a pointer to a hart mask) */
    0x05, /* legacy remote_fence_i */
    0x06, /* legacy remote_sfence_vma */
    0x07, /* legacy remote_sfence_vma_asid */
    SBI_EXT_BASE, SBI_EXT_TIME, SBI_EXT_IPI, SBI_EXT_RFENCE,
    SBI_EXT_HSM,  SBI_EXT_SRST, 0x504d55, /* PMU */
    SBI_EXT_DBCN, 0x53555350,		  /* SUSP */
    0x43505043,				  /* CPPC */
    0x4e41434c,				  /* NACL */
    0x535441,				  /* STA */
    0x535345,				  /* SSE */
    0x46574654,				  /* FWFT */
    0x44425452,				  /* DBTR */
    0x4d505859,				  /* MPXY */
    0x08000ba0,				  /* Bulwark */
};

/*
 * Calls that would stop, suspend, reset or re-program the caller, or print
 * random bytes on its console, are never made at random; the rest may get
 * anything. Returns false for a call to skip; may tame an argument.
 */
static bool call_allowed(unsigned long ext, unsigned long fid, unsigned long *a0)
{
	switch (ext) {
	case 0x01: /* legacy putchar */
	case 0x08: /* legacy shutdown */
		return false;
	case SBI_EXT_HSM: /* hart_stop, hart_suspend */
		return fid != 1 && fid != 3;
	case SBI_EXT_SRST: /* a reset type in the reserved range 0x3-0xefffffff */
		*a0 = (*a0 & ~0xffffffffUL) | (0x10000000UL | (*a0 & 0x0fffffffUL));
		return true;
	case 0x53555350: /* SUSP: a sleep type in the reserved range */
		*a0 = (*a0 & ~0xffffffffUL) | (0x1UL + (*a0 & 0x3fffffffUL));
		return true;
	case SBI_EXT_DBCN: /* read only: write and write_byte print */
		return fid == SBI_DBCN_READ || fid > 2;
	case 0x46574654: /* FWFT get only: set could turn on landing pads or shadow stacks */
		return fid != 0;
	case 0x44425452: /* DBTR, SSE, NACL, MPXY, STA: queries only (no shared memory, no events)
			  */
	case 0x535345:
	case 0x4e41434c:
	case 0x4d505859:
	case 0x535441:
		return fid == 0 && ext != 0x535441 && ext != 0x535345;
	default:
		return true;
	}
}

void hostile_bad_call(void)
{
	uint64_t r = hostile_random();
	unsigned long ext, fid, a0 = hostile_random();

	if ((r & 3) == 0)
		ext = r & 4 ? (uint32_t)hostile_random() : (unsigned long)hostile_random();
	else
		ext = extensions[(r >> 8) % (sizeof(extensions) / sizeof(extensions[0]))];
	fid = r & 0x10000 ? (unsigned long)hostile_random() : (r >> 20 & 0xf);
	if (!call_allowed(ext, fid, &a0))
		return;
	(void)sbi_call(ext, fid, a0, r & 0x20000 ? hostile_random() & 0xff : hostile_random(),
		       hostile_random(), hostile_random(), hostile_random());
}

void hostile_calls_cleanup(void)
{
	/* Random set_timer calls may have left a deadline; random IPIs a pending bit. */
	timer_cancel();
	csr_clear(sip, 1UL << IRQ_S_SOFT);
}

unsigned long hostile_valid_calls(void)
{
	unsigned long wrong = 0;
	struct sbiret ret = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0);

	wrong += hostile_expect(ret.error, SBI_SUCCESS, "BASE get_spec_version");
	wrong += hostile_expect(sbi_probe(SBI_EXT_BASE) != 0, 1, "probe(BASE)");
	wrong += hostile_expect(sbi_probe(SBI_EXT_HSM) != 0, 1, "probe(HSM)");
	wrong += hostile_expect(sbi_probe(0x0a0b0c0d), 0, "probe(unknown)");
	ret = sbi_hart_status(0);
	wrong += hostile_expect(ret.error, SBI_SUCCESS, "hart_get_status(self) error");
	wrong += hostile_expect(ret.value, SBI_HSM_STARTED, "hart_get_status(self)");
	wrong +=
	    hostile_expect(sbi_hart_status(7).error, SBI_ERR_INVALID_PARAM, "hart_get_status(7)");
	wrong += hostile_expect(sbi_hart_start(0, (unsigned long)hostile_valid_calls, 0).error,
				SBI_ERR_ALREADY_AVAILABLE, "hart_start(self)");
	wrong +=
	    hostile_expect(sbi_send_ipi(1, 7).error, SBI_ERR_INVALID_PARAM, "send_ipi(hart 7)");
	wrong += hostile_expect(sbi_call(0x0a0b0c0d, 0, 0, 0, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED,
				"a call to an unknown extension");
	return wrong;
}

/*
 * Hypervisor- and machine-mode CSRs and instructions: from VS-mode each must
 * raise an illegal-instruction exception (a virtual-instruction exception
 * the hypervisor answers as one).
 */
#define PRIV_CSR(name, num)                                                                        \
	static void read_##name(void)                                                              \
	{                                                                                          \
		unsigned long v;                                                                   \
		__asm__ volatile("csrr %0, " #num : "=r"(v)::"memory");                            \
		(void)v;                                                                           \
	}                                                                                          \
	static void write_##name(void)                                                             \
	{                                                                                          \
		__asm__ volatile("csrw " #num ", zero" ::: "memory");                              \
	}

PRIV_CSR(hstatus, 0x600)
PRIV_CSR(hedeleg, 0x602)
PRIV_CSR(hideleg, 0x603)
PRIV_CSR(hie, 0x604)
PRIV_CSR(htimedelta, 0x605)
PRIV_CSR(hcounteren, 0x606)
PRIV_CSR(hgeie, 0x607)
PRIV_CSR(henvcfg, 0x60a)
PRIV_CSR(hvip, 0x645)
PRIV_CSR(hgatp, 0x680)
PRIV_CSR(vsstatus, 0x200)
PRIV_CSR(vstvec, 0x205)
PRIV_CSR(vsatp, 0x280)
PRIV_CSR(mstatus, 0x300)
PRIV_CSR(medeleg, 0x302)
PRIV_CSR(mtvec, 0x305)
PRIV_CSR(mepc, 0x341)
PRIV_CSR(pmpcfg0, 0x3a0)
PRIV_CSR(pmpaddr0, 0x3b0)
PRIV_CSR(mhartid, 0xf14)

static void hfence_gvma(void)
{
	__asm__ volatile(".4byte 0x62000073" ::: "memory");
}

static void hfence_vvma(void)
{
	__asm__ volatile(".4byte 0x22000073" ::: "memory");
}

static void hlv_w(void)
{
	/* hlv.w zero, (zero): a load through the guest's own translation, for HS-mode only. */
	__asm__ volatile(".4byte 0x68004073" ::: "memory");
}

static void mret(void)
{
	__asm__ volatile(".4byte 0x30200073" ::: "memory");
}

const struct priv_op hostile_priv_ops[] = {
    PRIV_REG_OPS(hstatus),
    PRIV_REG_OPS(hedeleg),
    PRIV_REG_OPS(hideleg),
    PRIV_REG_OPS(hie),
    PRIV_REG_OPS(htimedelta),
    PRIV_REG_OPS(hcounteren),
    PRIV_REG_OPS(hgeie),
    PRIV_REG_OPS(henvcfg),
    PRIV_REG_OPS(hvip),
    PRIV_REG_OPS(hgatp),
    PRIV_REG_OPS(vsstatus),
    PRIV_REG_OPS(vstvec),
    PRIV_REG_OPS(vsatp),
    PRIV_REG_OPS(mstatus),
    PRIV_REG_OPS(medeleg),
    PRIV_REG_OPS(mtvec),
    PRIV_REG_OPS(mepc),
    PRIV_REG_OPS(pmpcfg0),
    PRIV_REG_OPS(pmpaddr0),
    PRIV_REG_OPS(mhartid),
    {"hfence.gvma", hfence_gvma},
    {"hfence.vvma", hfence_vvma},
    {"hlv.w", hlv_w},
    {"mret", mret},
};

const unsigned int hostile_nr_priv_ops = sizeof(hostile_priv_ops) / sizeof(hostile_priv_ops[0]);
const unsigned long hostile_undef_cause = CAUSE_ILLEGAL_INSN;

void hostile_undef_insn(void)
{
	/* unimp: csrrw zero, cycle, zero, a write to a read-only CSR. */
	__asm__ volatile(".4byte 0xc0001073" ::: "memory");
}
