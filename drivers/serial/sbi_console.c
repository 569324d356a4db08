/* SPDX-License-Identifier: Apache-2.0 */
/* Console output through the SBI firmware: DBCN when offered, else legacy putchar. */
#include <bulwark/serial.h>
#include <asm/sbi.h>

static bool have_dbcn;

static int sbi_console_init(void)
{
	have_dbcn = sbi_has_extension(SBI_EXT_DBCN);
	return 0;
}

static void sbi_console_write(const char *bytes, size_t len)
{
	/* DBCN may take fewer bytes than asked; continue from where it stopped. */
	while (have_dbcn && len) {
		long written = sbi_dbcn_write(bytes, len);

		if (written <= 0)
			break;
		bytes += written;
		len -= (size_t)written;
	}
	for (size_t i = 0; i < len; i++)
		sbi_legacy_putchar(bytes[i]);
}

const struct serial_ops serial_console = {
    .name = "sbi",
    .init = sbi_console_init,
    .write = sbi_console_write,
};
