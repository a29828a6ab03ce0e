// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Scalar values of the configuration: integers, booleans, names, keywords,
 * MAC and IP addresses, prefixes and port ranges.  Each reader takes the
 * value node and the key it belongs to (NULL when the path already names
 * the node, as for list items); a NULL node is an absent key and leaves
 * the default the caller put in *out.  Integers and booleans must be plain
 * scalars: "1001" in quotes is a string in YAML, and we say so rather than
 * guess.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "config_priv.h"
#include "mcnic_priv.h"	/* the address parsers (addr.c) */

/* Printable ASCII only, cut with "..." to fit: values go into messages. */
const char *mcnic_cfg_print(const unsigned char *s, size_t len, char *buf,
			    size_t size)
{
	size_t n = len < size ? len : size - 4, i;

	for (i = 0; i < n; i++)
		buf[i] = s[i] < 0x20 || s[i] >= 0x7f ? '?' : s[i];
	if (n < len) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

const char *mcnic_cfg_show(const yaml_node_t *n, char *buf, size_t size)
{
	if (n->type != YAML_SCALAR_NODE)
		return n->type == YAML_MAPPING_NODE ? "a mapping" : "a list";
	return mcnic_cfg_print(n->data.scalar.value, n->data.scalar.length,
			       buf, size);
}

/* The scalar as a C string, when it is one that fits. */
static int mcnic_cfg_text(const yaml_node_t *n, char *buf, size_t size)
{
	size_t len;

	if (n->type != YAML_SCALAR_NODE)
		return -MCNIC_EINVAL;
	len = n->data.scalar.length;
	if (len >= size || memchr(n->data.scalar.value, 0, len))
		return -MCNIC_EINVAL;
	memcpy(buf, n->data.scalar.value, len);
	buf[len] = '\0';
	return 0;
}

static int mcnic_cfg_is_plain(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE &&
	       n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* Decimal digits, no sign, no leading zero; saturates above 32 bits. */
static int mcnic_cfg_digits(const char *s, size_t len, u64 *v)
{
	size_t i;

	if (!len || (s[0] == '0' && len > 1))
		return -MCNIC_EINVAL;
	*v = 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -MCNIC_EINVAL;
		if (*v <= 0xffffffffull)
			*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int mcnic_cfg_u32(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		  u32 min, u32 max, u32 *out)
{
	char show[MCNIC_CFG_SHOW_MAX];
	const char *s;
	size_t len;
	int neg;
	u64 v;

	if (!n)
		return 0;
	if (!mcnic_cfg_is_plain(n))
		return mcnic_cfg_err(ctx, n, key, n->type == YAML_SCALAR_NODE ?
				     "expected an integer, not a quoted string" :
				     "expected an integer");
	s = (const char *)n->data.scalar.value;
	len = n->data.scalar.length;
	mcnic_cfg_show(n, show, sizeof(show));
	neg = len && s[0] == '-';
	if (mcnic_cfg_digits(s + neg, len - neg, &v))
		return mcnic_cfg_err(ctx, n, key,
				     "expected an integer, not '%s'", show);
	if (neg || v < min || v > max)
		return mcnic_cfg_err(ctx, n, key,
				     "%s is out of range (%u..%u)", show,
				     min, max);
	*out = v;
	return 0;
}

int mcnic_cfg_u16(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		  u16 min, u16 max, u16 *out)
{
	u32 v = *out;

	if (mcnic_cfg_u32(ctx, n, key, min, max, &v))
		return -MCNIC_EINVAL;
	*out = v;
	return 0;
}

int mcnic_cfg_u8(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		 u8 min, u8 max, u8 *out)
{
	u32 v = *out;

	if (mcnic_cfg_u32(ctx, n, key, min, max, &v))
		return -MCNIC_EINVAL;
	*out = v;
	return 0;
}

int mcnic_cfg_bool(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		   u8 *out)
{
	static const char *const words[] = {
		"false", "False", "FALSE", "true", "True", "TRUE",
	};
	char buf[8];
	u32 i;

	if (!n)
		return 0;
	if (mcnic_cfg_is_plain(n) && !mcnic_cfg_text(n, buf, sizeof(buf)))
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (!strcmp(buf, words[i])) {
				*out = i >= 3;
				return 0;
			}
	return mcnic_cfg_err(ctx, n, key, "expected true or false");
}

/* A boolean that sets bit in *flags when true. */
int mcnic_cfg_flag(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		   u16 bit, u16 *flags)
{
	u8 on = 0;

	if (mcnic_cfg_bool(ctx, n, key, &on))
		return -MCNIC_EINVAL;
	if (on)
		*flags |= bit;
	return 0;
}

static int mcnic_cfg_name_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '_' || s[i] == '.' || s[i] == '-'))
			return 0;
	return i > 0;
}

/* out has MCNIC_CFG_NAME_MAX bytes. */
int mcnic_cfg_name(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		   char *out)
{
	char buf[MCNIC_CFG_NAME_MAX], show[MCNIC_CFG_SHOW_MAX];

	if (!n)
		return 0;
	if (n->type != YAML_SCALAR_NODE)
		return mcnic_cfg_err(ctx, n, key, "expected a name");
	if (mcnic_cfg_text(n, buf, sizeof(buf)) || !mcnic_cfg_name_ok(buf))
		return mcnic_cfg_err(ctx, n, key,
				     "'%s' is not a valid name (1 to %u of A-Z a-z 0-9 _ . -)",
				     mcnic_cfg_show(n, show, sizeof(show)),
				     MCNIC_CFG_NAME_MAX - 1);
	/* Zero-filled, so equal names are equal arrays. */
	memset(out, 0, MCNIC_CFG_NAME_MAX);
	memcpy(out, buf, strlen(buf));
	return 0;
}

/* One of names[] (NULL-terminated); *out is its index. */
int mcnic_cfg_enum(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		   const char *const *names, u8 *out)
{
	char list[128] = "", show[MCNIC_CFG_SHOW_MAX];
	size_t len, off = 0;
	u8 i;

	if (!n)
		return 0;
	for (i = 0; names[i]; i++) {
		len = strlen(names[i]);
		if (n->type == YAML_SCALAR_NODE &&
		    n->data.scalar.length == len &&
		    !memcmp(n->data.scalar.value, names[i], len)) {
			*out = i;
			return 0;
		}
		off += snprintf(list + off, sizeof(list) - off, "%s%s",
				i ? ", " : "", names[i]);
	}
	if (n->type != YAML_SCALAR_NODE)
		return mcnic_cfg_err(ctx, n, key, "expected one of: %s", list);
	return mcnic_cfg_err(ctx, n, key, "'%s' is not one of: %s",
			     mcnic_cfg_show(n, show, sizeof(show)), list);
}

/* A unicast MAC (an all-zero one is no address either). */
int mcnic_cfg_mac(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		  u8 *mac)
{
	char buf[24], show[MCNIC_CFG_SHOW_MAX];
	u8 m[6];
	int r;

	if (!n)
		return 0;
	r = mcnic_cfg_text(n, buf, sizeof(buf)) ?: mcnic_mac_parse(buf, m);
	if (r == -EADDRNOTAVAIL)
		return mcnic_cfg_err(ctx, n, key,
				     "%s is not a unicast MAC address", buf);
	if (r)
		return mcnic_cfg_err(ctx, n, key,
				     "'%s' is not a MAC address (like 02:00:00:00:00:01)",
				     mcnic_cfg_show(n, show, sizeof(show)));
	memcpy(mac, m, 6);
	return 0;
}

/* addr has 16 bytes; an IPv4 address takes the first four. */
int mcnic_cfg_addr(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		   u8 *family, u8 *addr)
{
	char buf[INET6_ADDRSTRLEN], show[MCNIC_CFG_SHOW_MAX];

	if (!n)
		return 0;
	if (mcnic_cfg_text(n, buf, sizeof(buf)) ||
	    mcnic_addr_parse(buf, family, addr))
		return mcnic_cfg_err(ctx, n, key,
				     "'%s' is not an IPv4 or IPv6 address",
				     mcnic_cfg_show(n, show, sizeof(show)));
	return 0;
}

/* Not unspecified, multicast, IPv4 class E or broadcast: a tunnel end. */
int mcnic_cfg_unicast(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
		      const char *key, u8 *family, u8 *addr)
{
	static const u8 zero[16];
	char show[MCNIC_CFG_SHOW_MAX];

	if (!n)
		return 0;
	if (mcnic_cfg_addr(ctx, n, key, family, addr))
		return -MCNIC_EINVAL;
	if (!memcmp(addr, zero, 16) ||
	    (*family == 4 ? addr[0] >= 0xe0 : addr[0] == 0xff))
		return mcnic_cfg_err(ctx, n, key,
				     "%s is not a unicast address",
				     mcnic_cfg_show(n, show, sizeof(show)));
	return 0;
}

int mcnic_cfg_prefix(struct mcnic_cfg_ctx *ctx, yaml_node_t *n,
		     const char *key, u8 *family, u8 *addr, u8 *len)
{
	char buf[INET6_ADDRSTRLEN + 4], show[MCNIC_CFG_SHOW_MAX];
	char net[INET6_ADDRSTRLEN];
	u32 l = 0;
	int r;

	if (!n)
		return 0;
	mcnic_cfg_show(n, show, sizeof(show));
	r = mcnic_cfg_text(n, buf, sizeof(buf)) ?:
	    mcnic_prefix_parse(buf, family, addr, &l);
	if (r == -ERANGE)
		return mcnic_cfg_err(ctx, n, key,
				     "%s: length %u is longer than the address",
				     show, l);
	if (r == -EADDRNOTAVAIL)
		return mcnic_cfg_err(ctx, n, key,
				     "%s has host bits set (did you mean %s/%u?)",
				     show, mcnic_addr_str(*family, addr, net,
							  sizeof(net)), l);
	if (r)
		return mcnic_cfg_err(ctx, n, key,
				     "'%s' is not a prefix (address/length)",
				     show);
	*len = l;
	return 0;
}

/* N or LO-HI, inside min..max. */
int mcnic_cfg_range(struct mcnic_cfg_ctx *ctx, yaml_node_t *n, const char *key,
		    u16 min, u16 max, u16 *lo, u16 *hi)
{
	char buf[16], show[MCNIC_CFG_SHOW_MAX];
	u64 a, b;
	char *dash;

	if (!n)
		return 0;
	mcnic_cfg_show(n, show, sizeof(show));
	if (mcnic_cfg_text(n, buf, sizeof(buf)))
		goto bad;
	dash = strchr(buf, '-');
	if (dash)
		*dash = '\0';
	if (mcnic_cfg_digits(buf, strlen(buf), &a))
		goto bad;
	b = a;
	if (dash && mcnic_cfg_digits(dash + 1, strlen(dash + 1), &b))
		goto bad;
	if (a < min || b > max)
		return mcnic_cfg_err(ctx, n, key,
				     "%s is out of range (%u..%u)", show,
				     min, max);
	if (a > b)
		return mcnic_cfg_err(ctx, n, key,
				     "%s is an empty range (low above high)",
				     show);
	*lo = a;
	*hi = b;
	return 0;
bad:
	return mcnic_cfg_err(ctx, n, key,
			     "expected a port or a range LO-HI, not '%s'",
			     show);
}
