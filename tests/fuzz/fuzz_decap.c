// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * fuzz_decap: mcnic_parse, then mcnic_decap of whatever parsed.
 *
 * Input: FUZZ_PREFIX_LEN bytes of configuration (fuzz_common.h), then the
 * frame, which is copied into an exactly sized heap buffer behind
 * MCNIC_HEADROOM bytes of headroom.  With FUZZ_PF_FIXUP the outer
 * checksums are repaired first so mutated frames reach the later checks.
 *
 * Each decap is checked against an independent reading of RFC 7348/8926/
 * 2784 and RFC 6040: the drop reason it must give, and on success the
 * exact bytes it must leave (the inner frame, or a new Ethernet header and
 * the inner datagram), with the ECN change and a still valid IPv4 header
 * checksum.  The result is parsed again: its outer stack must be the inner
 * stack seen before; a nested tunnel is decapsulated in turn (four levels).
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include <mcnic/wire.h>

#define FUZZ_ECN_NOT_ECT	0
#define FUZZ_ECN_ECT1		1
#define FUZZ_ECN_ECT0		2
#define FUZZ_ECN_CE		3
#define FUZZ_DECAP_LEVELS	4

/* What a decap promised about the next frame's outer stack. */
struct fuzz_expect {
	struct mcnic_layer inner;	/* tos already with the new ECN */
	u16 delta;			/* its offsets minus this */
	int l3;				/* the inner had no Ethernet header */
};

static const struct mcnic_decap_cfg fuzz_dc_base = {
	.l3_dmac = { 0x02, 0x00, 0x00, 0x00, 0xdd, 0x01 },
	.l3_smac = { 0x02, 0x00, 0x00, 0x00, 0x55, 0x02 },
};

static int fuzz_csum_ok(u64 sum, const u8 *p, size_t len)
{
	return fuzz_fold(fuzz_sum(sum, p, len)) == 0xffff;
}

static enum mcnic_drop fuzz_expect_udp(const u8 *pkt, const struct mcnic_layer *o,
				       const struct mcnic_decap_cfg *dc)
{
	const u8 *udp = pkt + o->l4_off;
	u16 ulen = fuzz_be16(udp + 4);
	int v6 = o->l3 == MCNIC_L3_IPV6;

	if (!fuzz_be16(udp + 6))
		return v6 && !dc->udp6_zero_ok ? MCNIC_DROP_OUTER_UDP6_ZERO :
						 MCNIC_DROP_NONE;
	if (!fuzz_csum_ok(fuzz_pseudo_sum(pkt + o->l3_off, v6, MCNIC_IPPROTO_UDP,
					  ulen), udp, ulen))
		return MCNIC_DROP_OUTER_UDP_CSUM;
	return MCNIC_DROP_NONE;
}

/* RFC 6040 §4.2: the inner ECN field after decap. */
static u8 fuzz_ecn_out(u8 outer, u8 inner)
{
	if (outer == FUZZ_ECN_CE)
		return FUZZ_ECN_CE;
	if (outer == FUZZ_ECN_ECT1 && inner == FUZZ_ECN_ECT0)
		return FUZZ_ECN_ECT1;
	return inner;
}

static enum mcnic_drop fuzz_expect_decap(const u8 *pkt,
					 const struct mcnic_pkt_meta *m,
					 const struct mcnic_decap_cfg *dc)
{
	const struct mcnic_layer *o = &m->outer, *in = &m->inner;
	enum mcnic_drop r = MCNIC_DROP_NONE;

	if (o->flags & MCNIC_LF_FRAG)
		return MCNIC_DROP_OUTER_FRAG;
	/* RFC 8200 §4.4: segments left means we are not the destination. */
	if (o->flags & MCNIC_LF_IPV6_RH_LEFT)
		return MCNIC_DROP_OUTER_ROUTING;
	if (m->tun == MCNIC_TUN_NONE)
		return MCNIC_DROP_NOT_TUNNEL;
	if (m->tun == MCNIC_TUN_ESP)
		return MCNIC_DROP_DECAP_UNSUPPORTED;
	if (in->l2_off == MCNIC_OFF_NONE && in->l3_off == MCNIC_OFF_NONE)
		return m->tun == MCNIC_TUN_GRE ? MCNIC_DROP_GRE_PROTO :
						 MCNIC_DROP_GENEVE_PROTO;
	if (o->l3 == MCNIC_L3_IPV4 &&
	    !fuzz_csum_ok(0, pkt + o->l3_off, (pkt[o->l3_off] & 0xf) * 4))
		return MCNIC_DROP_OUTER_IPV4_CSUM;
	/* Checksums first: option bits are acted on only in verified bytes. */
	if (m->tun == MCNIC_TUN_GENEVE) {
		r = fuzz_expect_udp(pkt, o, dc);
		if (r)
			return r;
	}
	if (m->tun == MCNIC_TUN_GENEVE && (m->tflags & MCNIC_TF_GNV_CRIT_UNK))
		return MCNIC_DROP_GENEVE_CRIT;
	/* RFC 8926 §3.4: a control packet's payload is not forwarded. */
	if (m->tun == MCNIC_TUN_GENEVE && (m->tflags & MCNIC_TF_GNV_OAM))
		return MCNIC_DROP_GENEVE_OAM;
	if (m->tun == MCNIC_TUN_GRE) {
		if ((pkt[o->l4_off] & 0x80) &&
		    !fuzz_csum_ok(0, pkt + o->l4_off, o->end - o->l4_off))
			return MCNIC_DROP_GRE_CSUM;
	} else {
		r = fuzz_expect_udp(pkt, o, dc);
		if (r)
			return r;
	}
	if (o->l3 != MCNIC_L3_NONE && in->l3 != MCNIC_L3_NONE &&
	    (o->tos & 3) == FUZZ_ECN_CE && (in->tos & 3) == FUZZ_ECN_NOT_ECT)
		return MCNIC_DROP_ECN_CE_NOT_ECT;
	return MCNIC_DROP_NONE;
}

/*
 * Checks a successful decap: orig holds the frame's bytes from before it,
 * out[0, out_len) is the result, out_off bytes into the frame.  Fills *x
 * for the next parse.
 */
static void fuzz_check_output(const u8 *orig, const struct mcnic_pkt_meta *m,
			      const struct mcnic_decap_cfg *dc, const u8 *out,
			      u16 out_off, u16 out_len, struct fuzz_expect *x)
{
	const struct mcnic_layer *o = &m->outer, *in = &m->inner;
	u16 start, end, l3, ihl;
	u8 *exp, ecn = in->tos & 3;
	int ecn_changed = 0;

	if (m->tflags & MCNIC_TF_INNER_L2) {
		start = m->inner_off;
		end = m->tun == MCNIC_TUN_GRE ? o->end :
		      o->l4_off + fuzz_be16(orig + o->l4_off + 4);
	} else {
		FUZZ_CHECK(m->inner_off >= 14);
		start = m->inner_off - 14;
		end = in->end;
	}
	FUZZ_CHECK(out_off == start && out_len == end - start);
	exp = malloc(out_len ? out_len : 1);
	FUZZ_CHECK(exp);
	memcpy(exp, orig + start, out_len);
	if (!(m->tflags & MCNIC_TF_INNER_L2)) {
		memcpy(exp, dc->l3_dmac, 6);
		memcpy(exp + 6, dc->l3_smac, 6);
		fuzz_put16(exp + 12, in->l3 == MCNIC_L3_IPV4 ? MCNIC_ETH_P_IPV4 :
							       MCNIC_ETH_P_IPV6);
	}
	x->inner = *in;
	x->delta = start;
	x->l3 = !(m->tflags & MCNIC_TF_INNER_L2);
	if (o->l3 != MCNIC_L3_NONE && in->l3 != MCNIC_L3_NONE) {
		ecn = fuzz_ecn_out(o->tos & 3, in->tos & 3);
		ecn_changed = ecn != (in->tos & 3);
		x->inner.tos = (in->tos & 0xfc) | ecn;
	}
	l3 = in->l3_off - start;
	if (ecn_changed && in->l3 == MCNIC_L3_IPV4) {
		exp[l3 + 1] = (exp[l3 + 1] & 0xfc) | ecn;
		ihl = (exp[l3] & 0xf) * 4;
		/* RFC 1624: the header sum is unchanged by the update. */
		FUZZ_CHECK(fuzz_fold(fuzz_sum(0, out + l3, ihl)) ==
			   fuzz_fold(fuzz_sum(0, orig + in->l3_off, ihl)));
		memcpy(exp + l3 + 10, out + l3 + 10, 2);
	} else if (ecn_changed) {
		exp[l3 + 1] = (exp[l3 + 1] & ~0x30) | ecn << 4;
	}
	FUZZ_CHECK(!memcmp(out, exp, out_len));
	free(exp);
}

/* The frame after a decap, parsed again: the inner stack seen before. */
static void fuzz_check_reparse(enum mcnic_drop r, const struct mcnic_pkt_meta *m,
			       const struct fuzz_expect *x)
{
	const struct mcnic_layer *a = &m->outer;

	/* The stack parsed once already; only a nested tunnel can fail. */
	FUZZ_CHECK(r == MCNIC_DROP_NONE || m->err_inner ||
		   (r >= MCNIC_DROP_VXLAN_TRUNC && r <= MCNIC_DROP_ESP_TRUNC));
	FUZZ_CHECK(a->l2_off == 0);
	if (x->l3) {
		FUZZ_CHECK(a->n_vlan == 0);
	} else {
		FUZZ_CHECK(x->inner.l2_off == x->delta);
		FUZZ_CHECK(a->n_vlan == x->inner.n_vlan);
		FUZZ_CHECK(!memcmp(a->vlan_tci, x->inner.vlan_tci, sizeof(a->vlan_tci)));
	}
	fuzz_check_same_layer(a, &x->inner, x->delta);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mcnic_decap_cfg dc = fuzz_dc_base;
	struct mcnic_pkt_meta m, m2;
	struct mcnic_parse_cfg cfg;
	struct fuzz_expect x;
	enum mcnic_drop r, rd;
	struct mcnic_pkt p;
	u16 head, len;
	u8 *buf, *orig, *pkt;
	int level;

	if (size < FUZZ_PREFIX_LEN)
		return 0;
	if (size - FUZZ_PREFIX_LEN > FUZZ_FRAME_MAX)
		return -1;
	fuzz_parse_cfg_from(data, &cfg);
	dc.udp6_zero_ok = !!(data[0] & FUZZ_PF_UDP6_ZERO_OK);
	p.len = size - FUZZ_PREFIX_LEN;
	p.size = MCNIC_HEADROOM + p.len;
	p.head = MCNIC_HEADROOM;
	buf = malloc(p.size);
	orig = malloc(p.size);
	FUZZ_CHECK(buf && orig);
	p.buf = buf;
	memset(buf, 0, MCNIC_HEADROOM);
	memcpy(buf + MCNIC_HEADROOM, data + FUZZ_PREFIX_LEN, p.len);

	for (level = 0; level < FUZZ_DECAP_LEVELS; level++) {
		pkt = mcnic_pkt_data(&p);
		r = mcnic_parse(pkt, p.len, &cfg, &m);
		fuzz_check_parse(pkt, p.len, &cfg, r, &m);
		if (level)
			fuzz_check_reparse(r, &m, &x);
		if (r)
			break;
		if (data[0] & FUZZ_PF_FIXUP) {
			fuzz_fix_csums(pkt, &m);
			/* The parser reads no checksum field. */
			FUZZ_CHECK(mcnic_parse(pkt, p.len, &cfg, &m2) == r);
			FUZZ_CHECK(!memcmp(&m, &m2, sizeof(m)));
		}
		memcpy(orig, pkt, p.len);
		head = p.head;
		len = p.len;
		rd = mcnic_decap(&p, &m, &dc);
		FUZZ_CHECK((unsigned int)rd < MCNIC_DROP_COUNT);
		FUZZ_CHECK(rd == fuzz_expect_decap(orig, &m, &dc));
		FUZZ_CHECK(p.buf == buf && p.size == MCNIC_HEADROOM + size - FUZZ_PREFIX_LEN);
		if (rd) {
			/* A refused decap changes nothing. */
			FUZZ_CHECK(p.head == head && p.len == len);
			FUZZ_CHECK(!memcmp(pkt, orig, len));
			break;
		}
		FUZZ_CHECK(p.head >= head && (u32)p.head + p.len <= p.size);
		FUZZ_CHECK((u32)p.head + p.len <= (u32)head + len);
		fuzz_check_output(orig, &m, &dc, mcnic_pkt_data(&p), p.head - head,
				  p.len, &x);
	}
	free(orig);
	free(buf);
	return 0;
}
