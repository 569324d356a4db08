/* SPDX-License-Identifier: Apache-2.0 */
/* SBI calls (extension ids, function ids, error codes) as the guests use them. */
#ifndef GUEST_RISCV_SBI_H
#define GUEST_RISCV_SBI_H

#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_BASE	       0x10
#define SBI_EXT_TIME	       0x54494d45
#define SBI_EXT_IPI	       0x735049
#define SBI_EXT_RFENCE	       0x52464e43
#define SBI_EXT_HSM	       0x48534d
#define SBI_EXT_SRST	       0x53525354
#define SBI_EXT_DBCN	       0x4442434e
#define SBI_EXT_PMU	       0x504d55
#define SBI_EXT_CPPC	       0x43505043
#define SBI_EXT_NACL	       0x4e41434c
#define SBI_EXT_STA	       0x535441
#define SBI_EXT_SUSP	       0x53555350
#define SBI_EXT_FWFT	       0x46574654
#define SBI_EXT_DBTR	       0x44425452
#define SBI_EXT_SSE	       0x535345
#define SBI_EXT_MPXY	       0x4d505859

#define SBI_BASE_GET_SPEC_VERSION 0
#define SBI_BASE_GET_IMPL_ID	  1
#define SBI_BASE_GET_IMPL_VERSION 2
#define SBI_BASE_PROBE_EXT	  3
#define SBI_BASE_GET_MVENDORID	  4
#define SBI_BASE_GET_MARCHID	  5
#define SBI_BASE_GET_MIMPID	  6

#define SBI_RFENCE_FENCE_I	   0
#define SBI_RFENCE_SFENCE_VMA	   1
#define SBI_RFENCE_SFENCE_VMA_ASID 2

#define SBI_HSM_HART_START	0
#define SBI_HSM_HART_STOP	1
#define SBI_HSM_HART_GET_STATUS 2
#define SBI_HSM_HART_SUSPEND	3

#define SBI_HSM_STARTED	      0
#define SBI_HSM_STOPPED	      1
#define SBI_HSM_START_PENDING 2
#define SBI_HSM_STOP_PENDING  3
#define SBI_HSM_SUSPENDED     4

#define SBI_HSM_SUSPEND_RETENTIVE     0x00000000UL
#define SBI_HSM_SUSPEND_NON_RETENTIVE 0x80000000UL

#define SBI_SRST_SHUTDOWN    0
#define SBI_SRST_COLD_REBOOT 1

#define SBI_SUSP_SYSTEM_SUSPEND 0
#define SBI_SUSP_TO_RAM		0

#define SBI_FWFT_SET	     0
#define SBI_FWFT_GET	     1
#define SBI_FWFT_FLAG_LOCK   1UL
#define SBI_FWFT_NR_FEATURES 6 /* MISALIGNED_EXC_DELEG .. POINTER_MASKING_PMLEN */

#define SBI_DBTR_NUM_TRIGGERS 0
#define SBI_DBTR_SET_SHMEM    1
#define SBI_DBTR_READ	      2
#define SBI_DBTR_INSTALL      3
#define SBI_DBTR_UPDATE	      4
#define SBI_DBTR_UNINSTALL    5
#define SBI_DBTR_ENABLE	      6
#define SBI_DBTR_DISABLE      7

#define SBI_DBCN_WRITE 0
#define SBI_DBCN_READ  1

#define SBI_SUCCESS		  0
#define SBI_ERR_FAILED		  -1
#define SBI_ERR_NOT_SUPPORTED	  -2
#define SBI_ERR_INVALID_PARAM	  -3
#define SBI_ERR_DENIED		  -4
#define SBI_ERR_INVALID_ADDRESS	  -5
#define SBI_ERR_ALREADY_AVAILABLE -6
#define SBI_ERR_NO_SHMEM	  -9
#define SBI_ERR_BAD_RANGE	  -11
#define SBI_ERR_DENIED_LOCKED	  -14

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
		       unsigned long a2, unsigned long a3, unsigned long a4);

/* Returns the probe value (0 when the extension is absent). */
long sbi_probe(unsigned long ext);
struct sbiret sbi_set_timer(unsigned long long deadline);
struct sbiret sbi_send_ipi(unsigned long mask, unsigned long mask_base);
struct sbiret sbi_hart_start(unsigned long hart, unsigned long entry, unsigned long opaque);
struct sbiret sbi_hart_stop(void);
struct sbiret sbi_hart_status(unsigned long hart);
struct sbiret sbi_system_reset(unsigned long type, unsigned long reason);
struct sbiret sbi_console_write(unsigned long len, unsigned long addr);
/*
 * Calls a suspend function (HSM hart_suspend, SUSP system_suspend) with
 * the given type, resume_addr pointing into the runtime and opaque a saved
 * context: returns 1 when the hart came back through resume_addr (with
 * sbi_resumed filled in), else the call's error (0 for a retentive return).
 */
long sbi_suspend_call(unsigned long ext, unsigned long fid, unsigned long type);

/* What a hart that resumed at resume_addr found in its registers. */
struct sbi_resume_state {
	unsigned long a0, a1, opaque, satp, sstatus;
};
extern volatile struct sbi_resume_state sbi_resumed[];

/* Upper register bits the final SRST shutdown adds to its 32-bit type and reason. */
extern unsigned long sbi_shutdown_upper_bits;

/* Chooses DBCN for the console when the SBI implementation has it. */
void sbi_console_init(void);

#endif
