/* SPDX-License-Identifier: Apache-2.0 */
/* Calls into the Supervisor Binary Interface firmware (OpenSBI). */
#ifndef ASM_SBI_H
#define ASM_SBI_H

#include <bulwark/types.h>

/* Extension ids (a7). */
#define SBI_EXT_LEGACY_PUTCHAR	 0x01
#define SBI_EXT_LEGACY_SHUTDOWN	 0x08
#define SBI_EXT_BASE		 0x10
#define SBI_EXT_TIME		 0x54494d45
#define SBI_EXT_IPI		 0x735049
#define SBI_EXT_RFENCE		 0x52464e43
#define SBI_EXT_HSM		 0x48534d
#define SBI_EXT_SRST		 0x53525354
#define SBI_EXT_DBCN		 0x4442434e
#define SBI_EXT_SUSP		 0x53555350
#define SBI_EXT_FWFT		 0x46574654
#define SBI_EXT_DBTR		 0x44425452
#define SBI_EXT_LEGACY_SET_TIMER 0x00
#define SBI_EXT_LEGACY_GETCHAR	 0x02
/* Bao-compatible hypercalls: the id is in a6. */
#define SBI_EXT_BULWARK_HYPERCALL 0x08000ba0

/* Function ids (a6) per extension. */
#define SBI_BASE_GET_SPEC_VERSION  0
#define SBI_BASE_GET_IMPL_ID	   1
#define SBI_BASE_GET_IMPL_VERSION  2
#define SBI_BASE_PROBE_EXTENSION   3
#define SBI_BASE_GET_MVENDORID	   4
#define SBI_BASE_GET_MARCHID	   5
#define SBI_BASE_GET_MIMPID	   6
#define SBI_TIME_SET_TIMER	   0
#define SBI_IPI_SEND_IPI	   0
#define SBI_RFENCE_FENCE_I	   0
#define SBI_RFENCE_SFENCE_VMA	   1
#define SBI_RFENCE_SFENCE_VMA_ASID 2
#define SBI_HSM_HART_SUSPEND	   3
#define SBI_DBCN_READ		   1
#define SBI_HSM_HART_START	   0
#define SBI_HSM_HART_STOP	   1
#define SBI_HSM_HART_GET_STATUS	   2
#define SBI_SRST_SYSTEM_RESET	   0
#define SBI_DBCN_WRITE		   0
#define SBI_DBCN_WRITE_BYTE	   2
#define SBI_SUSP_SYSTEM_SUSPEND	   0
#define SBI_FWFT_SET		   0
#define SBI_FWFT_GET		   1
#define SBI_DBTR_NUM_TRIGGERS	   0
#define SBI_DBTR_SET_SHMEM	   1
#define SBI_DBTR_READ_TRIGGERS	   2
#define SBI_DBTR_INSTALL_TRIGGERS  3
#define SBI_DBTR_UPDATE_TRIGGERS   4
#define SBI_DBTR_UNINSTALL	   5
#define SBI_DBTR_ENABLE		   6
#define SBI_DBTR_DISABLE	   7

#define SBI_SRST_TYPE_SHUTDOWN	0
#define SBI_SRST_REASON_NONE	0
#define SBI_SRST_REASON_FAILURE 1

/* HSM hart states. */
#define SBI_HSM_STARTED		0
#define SBI_HSM_STOPPED		1
#define SBI_HSM_START_PENDING	2
#define SBI_HSM_STOP_PENDING	3
#define SBI_HSM_SUSPENDED	4
#define SBI_HSM_SUSPEND_PENDING 5
#define SBI_HSM_RESUME_PENDING	6

#define SBI_SRST_TYPE_COLD_REBOOT     1
#define SBI_SRST_TYPE_WARM_REBOOT     2
#define SBI_HSM_SUSPEND_RETENTIVE     0x00000000u
#define SBI_HSM_SUSPEND_NON_RETENTIVE 0x80000000u
#define SBI_SUSP_SUSPEND_TO_RAM	      0x00000000u

/* FWFT feature ids and the set flags. */
#define SBI_FWFT_MISALIGNED_EXC_DELEG  0x0
#define SBI_FWFT_LANDING_PAD	       0x1
#define SBI_FWFT_SHADOW_STACK	       0x2
#define SBI_FWFT_DOUBLE_TRAP	       0x3
#define SBI_FWFT_PTE_AD_HW_UPDATING    0x4
#define SBI_FWFT_POINTER_MASKING_PMLEN 0x5
#define SBI_FWFT_SET_FLAG_LOCK	       0x1UL

/* Error codes (returned in a0). */
#define SBI_SUCCESS		  0
#define SBI_ERR_FAILED		  (-1)
#define SBI_ERR_NOT_SUPPORTED	  (-2)
#define SBI_ERR_INVALID_PARAM	  (-3)
#define SBI_ERR_DENIED		  (-4)
#define SBI_ERR_INVALID_ADDRESS	  (-5)
#define SBI_ERR_ALREADY_AVAILABLE (-6)
#define SBI_ERR_ALREADY_STARTED	  (-7)
#define SBI_ERR_ALREADY_STOPPED	  (-8)
#define SBI_ERR_NO_SHMEM	  (-9)
#define SBI_ERR_INVALID_STATE	  (-10)
#define SBI_ERR_BAD_RANGE	  (-11)
#define SBI_ERR_TIMEOUT		  (-12)
#define SBI_ERR_IO		  (-13)
#define SBI_ERR_DENIED_LOCKED	  (-14)

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_call(unsigned long ext, unsigned long fid, unsigned long arg0, unsigned long arg1,
		       unsigned long arg2);

/* True when the firmware implements the extension. */
bool sbi_has_extension(unsigned long ext);

struct sbiret sbi_hart_start(unsigned long hartid, unsigned long start_addr, unsigned long opaque);
struct sbiret sbi_hart_get_status(unsigned long hartid);

/* Returns only if the firmware refused; the result says why. */
struct sbiret sbi_system_reset(unsigned long type, unsigned long reason);
/* SBI v0.1 shutdown, for firmware without SRST; returns only on failure. */
void sbi_legacy_shutdown(void);

/* Debug console: returns the number of bytes taken, or a negative SBI error. */
long sbi_dbcn_write(const char *bytes, size_t len);
void sbi_legacy_putchar(char c);

/* Interrupt the harts in hart_mask (relative to hart_mask_base). */
struct sbiret sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base);

/* Program the timer through the firmware (no Sstc). */
void sbi_set_timer(u64 deadline);

/* Name of an SBI error code, for messages. */
const char *sbi_strerror(long error);

#endif /* ASM_SBI_H */
