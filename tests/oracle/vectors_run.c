// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Runs the independent-oracle vectors ($(BUILD)/gen/vectors.c) through the
 * data-plane API and reports every disagreement precisely: vector name,
 * field or first differing byte, expected and actual values.  Portable:
 * printf and static buffers only, so the same runner checks the native
 * library and the RISC-V build under QEMU.  Ends with "N passed, N failed".
 */
#include <stdio.h>
#include <string.h>

#include <mcnic/byteorder.h>
#include "vectors.h"

/* Room for the encap headroom in front of the largest frame. */
static u8 oracle_buf[MCNIC_HEADROOM + ORACLE_FRAME_MAX];

/* A parse config that finds no tunnels: encap parses inner frames only. */
static const struct mcnic_parse_cfg oracle_no_tunnels;

__attribute__((weak)) int oracle_sink_open(int argc, char **argv)
{
	return 0;
}

__attribute__((weak)) void oracle_sink_frame(const struct oracle_encap_vec *v,
					     const u8 *frame, u16 len)
{
}

__attribute__((weak)) int oracle_sink_close(void)
{
	return 0;
}

static int oracle_cmp(const char *name, const char *what, const char *field,
		      u32 exp, u32 got)
{
	if (exp == got)
		return 0;
	printf("FAIL %s: %s%s expected 0x%lx (%lu), got 0x%lx (%lu)\n", name,
	       what, field, (unsigned long)exp, (unsigned long)exp,
	       (unsigned long)got, (unsigned long)got);
	return 1;
}

static void oracle_hex(const char *label, const u8 *p, u16 len, u16 off)
{
	u16 i;

	printf("    %s", label);
	for (i = off; i < len && i < off + 16; i++)
		printf(" %02x", p[i]);
	printf("%s\n", i < len ? " ..." : "");
}

/* Length and bytes; on a difference shows 16 bytes from the first one. */
static int oracle_bytes(const char *name, const char *what, const u8 *exp,
			u16 elen, const u8 *got, u16 glen)
{
	u16 i, n = elen < glen ? elen : glen;

	for (i = 0; i < n && exp[i] == got[i]; i++)
		;
	if (i == n && elen == glen)
		return 0;
	printf("FAIL %s: %s differs at byte %u (expected length %u, got %u)\n",
	       name, what, i, elen, glen);
	oracle_hex("expected:", exp, elen, i);
	oracle_hex("got:     ", got, glen, i);
	return 1;
}

static int oracle_result(const char *name, const char *what, u8 exp,
			 enum mcnic_drop got)
{
	if (exp == got)
		return 0;
	printf("FAIL %s: %s expected %s, got %s\n", name, what,
	       mcnic_drop_name(exp), mcnic_drop_name(got));
	return 1;
}

/* Only what meta.h defines for the layer at hand is compared. */
static int oracle_layer(const char *name, const char *w,
			const struct mcnic_layer *e,
			const struct mcnic_layer *g)
{
	int bad = 0, i;

	bad |= oracle_cmp(name, w, "l2_off", e->l2_off, g->l2_off);
	bad |= oracle_cmp(name, w, "l3_off", e->l3_off, g->l3_off);
	bad |= oracle_cmp(name, w, "ethertype", e->ethertype, g->ethertype);
	bad |= oracle_cmp(name, w, "n_vlan", e->n_vlan, g->n_vlan);
	for (i = 0; i < e->n_vlan && i < MCNIC_VLAN_MAX; i++)
		bad |= oracle_cmp(name, w, "vlan_tci[]", e->vlan_tci[i],
				  g->vlan_tci[i]);
	bad |= oracle_cmp(name, w, "flags", e->flags, g->flags);
	bad |= oracle_cmp(name, w, "l3", e->l3, g->l3);
	if (e->l3 == MCNIC_L3_NONE)
		return bad;
	bad |= oracle_cmp(name, w, "end", e->end, g->end);
	bad |= oracle_cmp(name, w, "proto", e->proto, g->proto);
	bad |= oracle_cmp(name, w, "tos", e->tos, g->tos);
	bad |= oracle_cmp(name, w, "ttl", e->ttl, g->ttl);
	if (memcmp(e->saddr, g->saddr, 16) || memcmp(e->daddr, g->daddr, 16)) {
		printf("FAIL %s: %saddresses differ\n", name, w);
		oracle_hex("expected saddr:", e->saddr, 16, 0);
		oracle_hex("got saddr:     ", g->saddr, 16, 0);
		oracle_hex("expected daddr:", e->daddr, 16, 0);
		oracle_hex("got daddr:     ", g->daddr, 16, 0);
		bad = 1;
	}
	/* meta.h: no L4 in a non-first fragment. */
	if (e->flags & MCNIC_LF_FRAG_LATER)
		bad |= oracle_cmp(name, w, "l4_off", MCNIC_OFF_NONE, g->l4_off);
	if (!(e->flags & MCNIC_LF_L4))
		return bad;
	bad |= oracle_cmp(name, w, "l4_off", e->l4_off, g->l4_off);
	bad |= oracle_cmp(name, w, "sport", e->sport, g->sport);
	bad |= oracle_cmp(name, w, "dport", e->dport, g->dport);
	if (e->proto == 6)
		bad |= oracle_cmp(name, w, "tcp_flags", e->tcp_flags,
				  g->tcp_flags);
	return bad;
}

static int oracle_tun(const char *name, const struct mcnic_pkt_meta *e,
		      const struct mcnic_pkt_meta *g)
{
	int bad = 0;

	bad |= oracle_cmp(name, "", "tun", e->tun, g->tun);
	bad |= oracle_cmp(name, "", "tflags", e->tflags, g->tflags);
	if (e->tun == MCNIC_TUN_NONE)
		return bad;
	bad |= oracle_cmp(name, "", "tun_off", e->tun_off, g->tun_off);
	bad |= oracle_cmp(name, "", "inner_off", e->inner_off, g->inner_off);
	bad |= oracle_cmp(name, "", "vni", e->vni, g->vni);
	bad |= oracle_cmp(name, "", "ident", e->ident, g->ident);
	bad |= oracle_cmp(name, "", "seq", e->seq, g->seq);
	bad |= oracle_cmp(name, "", "spi", e->spi, g->spi);
	if (e->tun == MCNIC_TUN_GENEVE) {
		bad |= oracle_cmp(name, "", "gnv_opt_off", e->gnv_opt_off,
				  g->gnv_opt_off);
		bad |= oracle_cmp(name, "", "gnv_opt_len", e->gnv_opt_len,
				  g->gnv_opt_len);
	}
	return bad;
}

static int oracle_meta(const char *name, u8 check,
		       const struct mcnic_pkt_meta *e,
		       const struct mcnic_pkt_meta *g)
{
	int bad = oracle_cmp(name, "", "len", e->len, g->len);

	if (check & ORACLE_CHK_OUTER)
		bad |= oracle_layer(name, "outer.", &e->outer, &g->outer);
	if (check & ORACLE_CHK_TUN)
		bad |= oracle_tun(name, e, g);
	if (check & ORACLE_CHK_TUN_PROTO)
		bad |= oracle_cmp(name, "", "tun_proto", e->tun_proto,
				  g->tun_proto);
	if (check & ORACLE_CHK_INNER)
		bad |= oracle_layer(name, "inner.", &e->inner, &g->inner);
	return bad;
}

/* A frame copied behind MCNIC_HEADROOM bytes of headroom. */
static int oracle_load(const char *name, struct mcnic_pkt *p, const u8 *data,
		       u16 len)
{
	if (len > ORACLE_FRAME_MAX) {
		printf("FAIL %s: vector of %u bytes exceeds the buffer\n", name,
		       len);
		return 1;
	}
	memset(oracle_buf, 0xa5, sizeof(oracle_buf));
	memcpy(oracle_buf + MCNIC_HEADROOM, data, len);
	p->buf = oracle_buf;
	p->size = sizeof(oracle_buf);
	p->head = MCNIC_HEADROOM;
	p->len = len;
	return 0;
}

/* A dropped frame must be left as it was: same place, same bytes. */
static int oracle_untouched(const char *name, const struct mcnic_pkt *p,
			    const u8 *data, u16 len)
{
	int bad = oracle_cmp(name, "dropped frame ", "head", MCNIC_HEADROOM,
			     p->head);

	bad |= oracle_cmp(name, "dropped frame ", "len", len, p->len);
	if (!bad)
		bad = oracle_bytes(name, "dropped frame", data, len,
				   mcnic_pkt_data(p), p->len);
	return bad;
}

static int oracle_encap_one(const struct oracle_encap_vec *v)
{
	struct mcnic_encap_tmpl t;
	struct mcnic_pkt_meta m;
	struct mcnic_pkt p;
	enum mcnic_drop r;
	const char *why = "";
	u16 mtu = 0xffff;
	u32 hash;
	int bad;

	if (mcnic_tmpl_build(&v->cfg, &t, &why)) {
		printf("FAIL %s: template rejected: %s\n", v->name, why);
		return 1;
	}
	if (oracle_load(v->name, &p, v->in, v->in_len))
		return 1;
	r = mcnic_parse(mcnic_pkt_data(&p), p.len, &oracle_no_tunnels, &m);
	if (r) {
		printf("FAIL %s: inner frame does not parse: %s\n", v->name,
		       mcnic_drop_name(r));
		return 1;
	}
	hash = mcnic_flow_hash(mcnic_pkt_data(&p), &m.outer);
	bad = oracle_cmp(v->name, "", "flow hash", v->hash, hash);
	r = mcnic_encap(&t, &p, &m.outer, hash, v->ip_id, &mtu);
	bad |= oracle_result(v->name, "encap", v->result, r);
	if (r != MCNIC_DROP_NONE) {
		bad |= oracle_untouched(v->name, &p, v->in, v->in_len);
		if (v->result == MCNIC_DROP_TOO_BIG && v->check_mtu)
			bad |= oracle_cmp(v->name, "", "inner mtu",
					  v->inner_mtu, mtu);
		return bad;
	}
	oracle_sink_frame(v, mcnic_pkt_data(&p), p.len);
	if (v->result == MCNIC_DROP_NONE)
		bad |= oracle_bytes(v->name, "output", v->out, v->out_len,
				    mcnic_pkt_data(&p), p.len);
	return bad;
}

static int oracle_parse_one(const struct oracle_parse_vec *v)
{
	struct mcnic_pkt_meta m;
	enum mcnic_drop r;
	int bad;

	r = mcnic_parse(v->pkt, v->len, &v->pcfg, &m);
	bad = oracle_result(v->name, "parse", v->result, r);
	if (bad)
		return bad;
	if (r != MCNIC_DROP_NONE)
		return oracle_cmp(v->name, "", "err_inner", v->err_inner,
				  m.err_inner);
	return oracle_meta(v->name, v->check, &v->meta, &m);
}

static int oracle_decap_one(const struct oracle_decap_vec *v)
{
	struct mcnic_pkt_meta m;
	struct mcnic_pkt p;
	enum mcnic_drop r;
	int bad;

	if (oracle_load(v->name, &p, v->pkt, v->len))
		return 1;
	r = mcnic_parse(mcnic_pkt_data(&p), p.len, &v->pcfg, &m);
	/* Some packets a decapsulator must drop are refused by the parser. */
	if (v->result != MCNIC_DROP_NONE && r == v->result)
		return 0;
	if (r != MCNIC_DROP_NONE) {
		printf("FAIL %s: parse expected none, got %s\n", v->name,
		       mcnic_drop_name(r));
		return 1;
	}
	bad = oracle_meta(v->name, v->check, &v->meta, &m);
	r = mcnic_decap(&p, &m, &v->dcfg);
	bad |= oracle_result(v->name, "decap", v->result, r);
	if (r == MCNIC_DROP_NONE && v->result == MCNIC_DROP_NONE)
		bad |= oracle_bytes(v->name, "inner frame", v->out, v->out_len,
				    mcnic_pkt_data(&p), p.len);
	return bad;
}

int main(int argc, char **argv)
{
	unsigned int i, passed = 0, failed = 0;
	int bad;

	if (oracle_sink_open(argc, argv))
		return 2;
	for (i = 0; i < oracle_encap_count; i++) {
		bad = oracle_encap_one(&oracle_encap_vecs[i]);
		passed += !bad;
		failed += !!bad;
	}
	for (i = 0; i < oracle_parse_count; i++) {
		bad = oracle_parse_one(&oracle_parse_vecs[i]);
		passed += !bad;
		failed += !!bad;
	}
	for (i = 0; i < oracle_decap_count; i++) {
		bad = oracle_decap_one(&oracle_decap_vecs[i]);
		passed += !bad;
		failed += !!bad;
	}
	if (oracle_sink_close())
		failed++;
	printf("oracle vectors: %u encap, %u parse, %u decap\n",
	       oracle_encap_count, oracle_parse_count, oracle_decap_count);
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
