// SPDX-License-Identifier: Apache-2.0
/*
 * The Linux guest's /init: notes the moment userspace is reached (the
 * virtual counter, which make bench turns into boot cost), mounts devtmpfs,
 * then becomes busybox init, which reads /etc/inittab.
 */
#include <stdio.h>
#include <sys/mount.h>
#include <unistd.h>

static unsigned long long read_counter(void)
{
	unsigned long long value;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(value));
	return value;
}

static unsigned long long read_frequency(void)
{
	unsigned long long value;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(value));
	return value;
}

int main(void)
{
	unsigned long long now = read_counter();
	char *const argv[] = {"init", NULL};

	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) != 0)
		perror("bulwark-init: mount devtmpfs on /dev");
	printf("bulwark-init: userspace reached at counter %llu (%llu Hz)\n", now,
	       read_frequency());
	fflush(stdout);
	execv("/bin/busybox", argv);
	perror("bulwark-init: exec /bin/busybox init");
	return 1;
}
