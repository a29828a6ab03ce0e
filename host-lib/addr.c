// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Addresses as text, one parser each for the CLI and the config file:
 * IP addresses and prefixes the way the mailbox carries them (16 bytes
 * with an IPv4 address in the first four), and MAC addresses.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
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

/* Decimal digits only, no sign or leading zero; saturates past 32 bits. */
static int mcnic_prefix_len(const char *s, u32 *len)
{
	unsigned long long v = 0;

	if (!*s || (s[0] == '0' && s[1]))
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		if (v <= 0xffffffffull)
			v = v * 10 + (*s - '0');
	}
	*len = v > 0xffffffffull ? 0xffffffffu : (u32)v;
	return 0;
}

/* Clears the bits past len; returns whether any was set. */
static int mcnic_prefix_mask(u8 *addr, u32 len)
{
	int host = 0;
	u32 i;

	for (i = len; i < 128; i++) {
		host |= addr[i / 8] & (0x80 >> (i % 8));
		addr[i / 8] &= ~(0x80 >> (i % 8));
	}
	return host != 0;
}

int mcnic_prefix_parse(const char *s, u8 *family, u8 *addr, u32 *len)
{
	char a[INET6_ADDRSTRLEN];
	const char *slash = strchr(s, '/');

	if (!slash || (size_t)(slash - s) >= sizeof(a))
		return -EINVAL;
	memcpy(a, s, slash - s);
	a[slash - s] = '\0';
	if (mcnic_addr_parse(a, family, addr) ||
	    mcnic_prefix_len(slash + 1, len))
		return -EINVAL;
	if (*len > (*family == 4 ? 32u : 128u))
		return -ERANGE;
	return mcnic_prefix_mask(addr, *len) ? -EADDRNOTAVAIL : 0;
}

static int mcnic_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int mcnic_mac_parse(const char *s, u8 *mac)
{
	static const u8 zero[6];
	int i, hi, lo;

	if (strlen(s) != 17)
		return -EINVAL;
	for (i = 0; i < 6; i++) {
		hi = mcnic_hex_digit(s[3 * i]);
		lo = mcnic_hex_digit(s[3 * i + 1]);
		if (hi < 0 || lo < 0 || (i < 5 && s[3 * i + 2] != ':'))
			return -EINVAL;
		mac[i] = hi << 4 | lo;
	}
	/* A port's or a next hop's own address: no group, not "none". */
	return (mac[0] & 1) || !memcmp(mac, zero, 6) ? -EADDRNOTAVAIL : 0;
}
