/* SPDX-License-Identifier: Apache-2.0 */
/* SMCCC calls from guests: PSCI 1.1 for the VM's own vCPUs, and Bao-compatible hypercalls. */
#include <bulwark/bench_probe.h>
#include <bulwark/hypercall.h>
#include <asm/arm_guest.h>
#include <asm/mpidr.h>
#include <asm/processor.h>
#include <asm/psci.h>

static bool executable_guest_address(const struct vm *vm, gpa_t ipa)
{
	for (u32 i = 0; i < vm->desc->nr_regions; i++) {
		const struct vmconf_region *r = &vm->desc->regions[i];

		if (ipa >= r->guest_base && ipa - r->guest_base < r->size)
			return (r->access & VMCONF_ACCESS_EXEC) != 0;
	}
	return false;
}

/* The vCPU a guest names by its MPIDR (the virtual MPIDR of that vCPU), or NULL. */
static struct vcpu *vcpu_by_mpidr(struct vm *vm, u64 mpidr)
{
	long index = mpidr_to_index(mpidr);

	if (index < 0 || (unsigned long)index >= vm->nr_vcpus)
		return NULL;
	return vm->vcpus[index];
}

static long cpu_on(struct vcpu *v, u64 mpidr, u64 entry, u64 context)
{
	struct vcpu *target = vcpu_by_mpidr(v->vm, mpidr);

	if (!target)
		return PSCI_INVALID_PARAMETERS;
	if (!executable_guest_address(v->vm, entry))
		return PSCI_INVALID_ADDRESS;
	switch (target->state) {
	case VCPU_RUNNING:
	case VCPU_SUSPENDED:
		return PSCI_ALREADY_ON;
	case VCPU_START_PENDING:
		return PSCI_ON_PENDING;
	default:
		break;
	}
	/* The new vCPU's x0 is start_arg1 (vcpu.c): the context id. */
	if (vcpu_start_sibling(v, target->index, entry, 0, context))
		return PSCI_ALREADY_ON;
	return PSCI_SUCCESS;
}

static long affinity_info(struct vcpu *v, u64 mpidr, u64 lowest_level)
{
	struct vcpu *target = vcpu_by_mpidr(v->vm, mpidr);

	if (!target || lowest_level != 0)
		return PSCI_INVALID_PARAMETERS;
	switch (target->state) {
	case VCPU_RUNNING:
	case VCPU_SUSPENDED:
		return PSCI_AFFINITY_ON;
	case VCPU_START_PENDING:
		return PSCI_AFFINITY_ON_PENDING;
	default:
		return PSCI_AFFINITY_OFF;
	}
}

static bool psci_implemented(unsigned int fn)
{
	switch (fn) {
	case PSCI_FN_VERSION:
	case PSCI_FN_CPU_SUSPEND:
	case PSCI_FN_CPU_OFF:
	case PSCI_FN_CPU_ON:
	case PSCI_FN_AFFINITY_INFO:
	case PSCI_FN_MIGRATE_INFO_TYPE:
	case PSCI_FN_SYSTEM_OFF:
	case PSCI_FN_SYSTEM_RESET:
	case PSCI_FN_FEATURES:
		return true;
	default:
		return false;
	}
}

/*
 * PSCI 1.1 defines an SMC64 form only for the functions that take an
 * address or an MPIDR; the SMC64 ids of the others are not PSCI functions.
 */
static bool psci_has_smc64(unsigned int fn)
{
	return fn == PSCI_FN_CPU_SUSPEND || fn == PSCI_FN_CPU_ON || fn == PSCI_FN_AFFINITY_INFO;
}

/*
 * PSCI_FEATURES: 0 for what we implement (CPU_SUSPEND: original power_state
 * format); an AArch32 caller has no SMC64 functions.
 */
static long features(const struct vcpu *v, u64 queried)
{
	u32 id = (u32)queried;
	unsigned int owner = (id >> SMCCC_OWNER_SHIFT) & SMCCC_OWNER_MASK;
	unsigned int fn = id & SMCCC_FUNC_MASK;

	if (!(id & SMCCC_FAST_CALL) || owner != SMCCC_OWNER_STD || fn > PSCI_FN_LAST ||
	    !psci_implemented(fn) ||
	    ((id & SMCCC_64BIT) && (!psci_has_smc64(fn) || !arm_guest_smc64_allowed(v))))
		return PSCI_NOT_SUPPORTED;
	return PSCI_SUCCESS;
}

/* Returns the value for x0; may not return at all (CPU_OFF). */
static long psci_call(struct vcpu *v, unsigned int fn, const u64 *args)
{
	switch (fn) {
	case PSCI_FN_VERSION:
		return PSCI_VERSION_1_1;
	case PSCI_FN_CPU_SUSPEND:
		/*
		 * Every state is treated as standby: wait for an interrupt and
		 * return, which PSCI allows for power-down requests too.
		 */
		__asm__ __volatile__("dsb sy" ::: "memory");
		cpu_wait_for_interrupt();
		return PSCI_SUCCESS;
	case PSCI_FN_CPU_OFF:
		vcpu_stop_self(v);
	case PSCI_FN_CPU_ON:
		return cpu_on(v, args[0], args[1], args[2]);
	case PSCI_FN_AFFINITY_INFO:
		return affinity_info(v, args[0], args[1]);
	case PSCI_FN_MIGRATE_INFO_TYPE:
		return PSCI_MIGRATE_NOT_REQUIRED;
	case PSCI_FN_SYSTEM_OFF:
		vm_stop(v->vm, "shut down by its guest (PSCI SYSTEM_OFF)");
		return PSCI_SUCCESS;
	case PSCI_FN_SYSTEM_RESET:
		vm_reboot(v->vm);
		return PSCI_SUCCESS;
	case PSCI_FN_FEATURES:
		return features(v, args[0]);
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

void arm_smccc_call(struct vcpu *v)
{
	u32 id = (u32)arm_guest_reg(v, 0);
	unsigned int owner = (id >> SMCCC_OWNER_SHIFT) & SMCCC_OWNER_MASK;
	unsigned int fn = id & SMCCC_FUNC_MASK;
	u64 args[3] = {arm_guest_reg(v, 1), arm_guest_reg(v, 2), arm_guest_reg(v, 3)};
	long ret = SMCCC_UNKNOWN;

	/* The call guests make most (probing): answered before any other decoding. */
	if (id == PSCI_0_2_FN_BASE + PSCI_FN_VERSION) {
		arm_guest_set_reg(v, 0, PSCI_VERSION_1_1);
		return;
	}
	/* SMC32/HVC32 calls only look at the low 32 bits of their arguments. */
	if (!(id & SMCCC_64BIT))
		for (unsigned int i = 0; i < ARRAY_SIZE(args); i++)
			args[i] &= 0xffffffffULL;
	bench_mark(BENCH_PT_DECODE);
	if (!(id & SMCCC_FAST_CALL) || ((id & SMCCC_64BIT) && !arm_guest_smc64_allowed(v)))
		ret = SMCCC_UNKNOWN;
	else if (owner == SMCCC_OWNER_STD && fn <= PSCI_FN_LAST)
		ret = (id & SMCCC_64BIT) && !psci_has_smc64(fn) ? PSCI_NOT_SUPPORTED
								: psci_call(v, fn, args);
	else if (owner == SMCCC_OWNER_VENDOR_HYP)
		ret = hypercall(v, fn, (unsigned long)args[0], (unsigned long)args[1],
				(unsigned long)args[2]);
	/* SMCCC: results in x0 / r0 (the 32-bit convention sign-extends into w0 as well). */
	arm_guest_set_reg(v, 0, (register_t)ret);
}
