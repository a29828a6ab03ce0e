/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * A plan: the ordered batches that take a device from one state (have) to
 * another (want), make before break.  diff.c computes it, txn.c executes
 * batches and undoes them, apply.c ties both to a config file.
 */
#ifndef MCNIC_DIFF_H
#define MCNIC_DIFF_H

#include "mcnic_priv.h"

/* One entry of a batch. */
struct mcnic_dop {
	const u8 *old;		/* in have; NULL: added */
	const u8 *new;		/* in want; NULL: removed */
	const struct mcnic_cfg_loc *loc;	/* want's, or NULL */
	u8 change;		/* enum mcnic_change */
};

/* One mailbox message: ops[first .. first + n) with one opcode. */
struct mcnic_dbatch {
	const struct mcnic_objtype *t;
	u16 op;
	u8 del;			/* payload is the removal of old */
	u32 first;
	u32 n;
};

struct mcnic_plan {
	char file[256];
	struct mcnic_state want;
	struct mcnic_state have;
	struct mcnic_dop *ops;
	u32 n_ops, cap_ops;
	struct mcnic_dbatch *b;
	u32 n_b, cap_b;
};

/* Fill p->ops and p->b from p->want and p->have; -ENOMEM. */
int mcnic_diff(struct mcnic_plan *p);
void mcnic_diff_free(struct mcnic_plan *p);

/* txn.c: one batch's payload, the batch on the device, and its undo. */
struct mcnic_txn {
	struct mcnic *h;
	const struct mcnic_plan *p;
	u32 done;		/* batches applied, in order */
};

int mcnic_txn_exec(struct mcnic_txn *x, u32 bi, u16 *err_index);
int mcnic_txn_undo(struct mcnic_txn *x);

#endif /* MCNIC_DIFF_H */
