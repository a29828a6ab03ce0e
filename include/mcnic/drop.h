/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Drop reasons: the result code of every packet-path function and the index
 * of the per-reason drop counters.  One X-macro list so the C enum, the names
 * printed by tools and the HDL's localparams cannot drift apart.  Values are
 * part of the contract: append, never renumber.
 */
#ifndef MCNIC_DROP_H
#define MCNIC_DROP_H

#define MCNIC_DROP_LIST(X)						\
	X(NONE,			0,  "none")				\
	X(ETH_TRUNC,		1,  "truncated ethernet header")	\
	X(VLAN_TRUNC,		2,  "truncated vlan tag")		\
	X(VLAN_DEPTH,		3,  "more than two vlan tags")		\
	X(IPV4_TRUNC,		4,  "truncated ipv4 header")		\
	X(IPV4_VERSION,		5,  "ipv4 version is not 4")		\
	X(IPV4_IHL,		6,  "ipv4 header length below 20")	\
	X(IPV4_LEN,		7,  "ipv4 total length inconsistent")	\
	X(IPV6_TRUNC,		8,  "truncated ipv6 header")		\
	X(IPV6_VERSION,		9,  "ipv6 version is not 6")		\
	X(IPV6_LEN,		10, "ipv6 payload length beyond frame")	\
	X(IPV6_EXT_TRUNC,	11, "truncated ipv6 extension header")	\
	X(IPV6_EXT_DEPTH,	12, "too many ipv6 extension headers")	\
	X(IPV6_HBH_POS,		13, "hop-by-hop header not first")	\
	X(UDP_TRUNC,		14, "truncated udp header")		\
	X(UDP_LEN,		15, "udp length inconsistent")		\
	X(TCP_TRUNC,		16, "truncated tcp header")		\
	X(TCP_DOFF,		17, "tcp data offset invalid")		\
	X(ICMP_TRUNC,		18, "truncated icmp header")		\
	X(VXLAN_TRUNC,		19, "truncated vxlan header")		\
	X(VXLAN_FLAGS,		20, "vxlan I flag clear")		\
	X(GENEVE_TRUNC,		21, "truncated geneve header")		\
	X(GENEVE_VERSION,	22, "geneve version is not 0")		\
	X(GENEVE_OPT,		23, "geneve option overruns header")	\
	X(GENEVE_PROTO,		24, "geneve protocol not supported")	\
	X(GENEVE_CRIT,		25, "unknown critical geneve option")	\
	X(GRE_TRUNC,		26, "truncated gre header")		\
	X(GRE_VERSION,		27, "gre version is not 0")		\
	X(GRE_ROUTING,		28, "gre routing or recursion bits set")		\
	X(GRE_PROTO,		29, "gre protocol not supported")	\
	X(ESP_TRUNC,		30, "truncated esp header")		\
	X(NOT_TUNNEL,		31, "not a tunnel packet")		\
	X(OUTER_IPV4_CSUM,	32, "outer ipv4 checksum bad")		\
	X(OUTER_UDP_CSUM,	33, "outer udp checksum bad")		\
	X(OUTER_UDP6_ZERO,	34, "outer ipv6 udp checksum zero")	\
	X(GRE_CSUM,		35, "gre checksum bad")			\
	X(OUTER_FRAG,		36, "outer ip fragment")		\
	X(ECN_CE_NOT_ECT,	37, "outer ce on not-ect inner")	\
	X(DECAP_UNSUPPORTED,	38, "tunnel type has no decap here")	\
	X(ENCAP_NOT_IP,		39, "inner frame not ip for l3 tunnel")	\
	X(ENCAP_HEADROOM,	40, "no headroom for encap")		\
	X(TOO_BIG,		41, "frame exceeds path mtu")		\
	X(TMPL_INVALID,		42, "encap template invalid")		\
	X(GENEVE_OAM,		43, "geneve control packet: not for hosts") \
	X(OUTER_ROUTING,	44, "outer routing header has segments left") \
	X(NOT_LOCAL_VTEP,	45, "outer destination is not a local vtep") \
	X(PEER_UNKNOWN,		46, "tunnel source is not a peer of the vni") \
	X(VNI_UNKNOWN,		47, "vni is not mapped to a vrf")	\
	X(NO_ROUTE,		48, "no route to the destination")	\
	X(POLICY_DENY,		49, "denied by policy")			\
	X(NEXTHOP_DOWN,		50, "every next hop of the route is down") \
	X(PORT_INVALID,		51, "no such port, or port down")	\
	X(VPORT_MTU,		52, "frame exceeds the vport mtu")	\
	X(NOT_IP,		53, "not ip: host vports carry ip only") \
	X(BLACKHOLE,		54, "route is a blackhole")

enum mcnic_drop {
#define MCNIC_DROP_ENUM(name, val, str) MCNIC_DROP_##name = val,
	MCNIC_DROP_LIST(MCNIC_DROP_ENUM)
#undef MCNIC_DROP_ENUM
	MCNIC_DROP_COUNT
};

#endif /* MCNIC_DROP_H */
