// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * IP addresses and prefixes as text, the way the mailbox carries them:
 * 16 bytes with an IPv4 address in the first four.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcnic_priv.h"

const char *mcnic_addr_str(u8 family, const u8 *addr, char *buf, size_t len)
{
	if (family != 4 && family != 6) {
		snprintf(buf, len, "-");
		return buf;
	}
	if (!inet_ntop(family == 4 ? AF_INET : AF_INET6, addr, buf, len))
		snprintf(buf, len, "?");
	return buf;
}

int mcnic_addr_parse(const char *s, u8 *family, u8 *addr)
{
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, s, addr) == 1) {
		*family = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, s, addr) == 1) {
		*family = 6;
		return 0;
	}
	return -EINVAL;
}

/* ADDR/LEN with no host bits set (the device refuses those). */
int mcnic_prefix_parse(const char *s, u8 *family, u8 *addr, u8 *len)
{
	char a[INET6_ADDRSTRLEN];
	const char *slash = strchr(s, '/');
	unsigned long l;
	char *end;
	unsigned int i, bits;

	if (!slash || (size_t)(slash - s) >= sizeof(a))
		return -EINVAL;
	memcpy(a, s, slash - s);
	a[slash - s] = '\0';
	if (mcnic_addr_parse(a, family, addr))
		return -EINVAL;
	l = strtoul(slash + 1, &end, 10);
	bits = *family == 4 ? 32 : 128;
	if (!slash[1] || *end || l > bits)
		return -EINVAL;
	for (i = l; i < bits; i++)
		if (addr[i / 8] & (0x80 >> (i % 8)))
			return -EINVAL;
	*len = l;
	return 0;
}
