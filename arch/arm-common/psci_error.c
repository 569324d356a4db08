/* SPDX-License-Identifier: Apache-2.0 */
/* Names of PSCI return codes, for the messages about the firmware's answers. */
#include <asm/psci.h>

const char *psci_strerror(long code)
{
	switch (code) {
	case PSCI_SUCCESS:
		return "success";
	case PSCI_NOT_SUPPORTED:
		return "not supported";
	case PSCI_INVALID_PARAMETERS:
		return "invalid parameters";
	case PSCI_DENIED:
		return "denied";
	case PSCI_ALREADY_ON:
		return "already on";
	case PSCI_ON_PENDING:
		return "on pending";
	case PSCI_INTERNAL_FAILURE:
		return "internal failure";
	case PSCI_NOT_PRESENT:
		return "not present";
	case PSCI_DISABLED:
		return "disabled";
	case PSCI_INVALID_ADDRESS:
		return "invalid address";
	default:
		return "unknown error";
	}
}
