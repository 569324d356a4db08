// SPDX-License-Identifier: Apache-2.0
/*
 * The Linux guest's /init: notes the moment userspace is reached (the
 * virtual counter, which make bench turns into boot cost), mounts devtmpfs,
 * then becomes busybox init, which reads /etc/inittab.
 */
#include <stdio.h>
#include <sys/mount.h>
#include <unistd.h>

#if defined(__aarch64__)
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
#else
/* armhf: CNTVCT and CNTFRQ through cp15 (Linux lets user space read the virtual counter). */
static unsigned long long read_counter(void)
{
	unsigned long long value;

	__asm__ volatile("isb\n\tmrrc p15, 1, %Q0, %R0, c14" : "=r"(value));
	return value;
}

static unsigned long long read_frequency(void)
{
	unsigned int value;

	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(value));
	return value;
}
#endif

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
