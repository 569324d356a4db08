/* SPDX-License-Identifier: Apache-2.0 */
/* Printing the static VM layout the build compiled in. */
#ifndef BULWARK_LAYOUT_H
#define BULWARK_LAYOUT_H

/* One line per VM, then one per region, device and shared-memory mapping. */
void layout_print(void);

#endif /* BULWARK_LAYOUT_H */
