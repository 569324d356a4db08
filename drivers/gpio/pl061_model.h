/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The register model of an Arm PL061 used as a GPIO doorbell controller,
 * free of locks and hypervisor state so that it is unit-tested on the host.
 * Lines 0-3 are the object's events coming in (a pulse: an edge, never a
 * level); a rising edge the guest drives on output line 4-7 rings event 0-3.
 */
#ifndef BULWARK_PL061_MODEL_H
#define BULWARK_PL061_MODEL_H

#include <bulwark/types.h>

#define PL061_SIZE	0x1000u
#define PL061_EVENTS	4u
#define PL061_OUT_SHIFT 4u /* line 4 + e rings event e */

struct pl061_model {
	u32 data, dir, is, ibe, iev, ie, ris, afsel;
};

/* What an access or an event asks of the caller, once its lock is dropped. */
struct pl061_effects {
	u32 ring;   /* bit e: ring event e to the peers */
	bool raise; /* raise the controller's interrupt */
};

void pl061_model_reset(struct pl061_model *m);

/* A 32-bit register of the guest's view; offset is word aligned. */
u32 pl061_model_read(const struct pl061_model *m, u64 offset);
struct pl061_effects pl061_model_write(struct pl061_model *m, u64 offset, u32 value);

/* A peer rang event (0-3): the input line pulses. */
struct pl061_effects pl061_model_event(struct pl061_model *m, u32 event);

#endif /* BULWARK_PL061_MODEL_H */
