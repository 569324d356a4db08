/* SPDX-License-Identifier: Apache-2.0 */
/* The guest's APLIC domain window, the same in direct mode (vaplic.c) and MSI mode (vimsic.c). */
#include <generated/board.h>

#include "vaplic_model.h"
#include "virq_window.h"

const struct virq_window_model vaplic_window = {
    .name = "virtual APLIC",
    .window_name = "aplic",
    .base = BOARD_DEV_APLIC_BASE,
    .size = BOARD_DEV_APLIC_SIZE,
    .max_vcpus = VAPLIC_MAX_VCPUS,
    .nr_sources = VAPLIC_NR_SOURCES,
};
