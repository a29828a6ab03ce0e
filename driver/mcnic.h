/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * mcnic.ko: the driver's objects.  One struct mcnic_dev per PCI function;
 * every object lives in its own file with an init/fini pair, called in
 * order by pci.c.
 */
#ifndef MCNIC_DRV_H
#define MCNIC_DRV_H

#include <linux/completion.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <linux/pci.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>

#include <mcnic/cmd.h>
#include <mcnic/pci.h>
#include <mcnic/regs.h>

#define MCNIC_DRV_NAME		"mcnic"

/*
 * BAR 0 of regs.h, reached by MMIO on a real board or through the shm bus
 * of pci.h on mcnic-sim.  Nothing above this object knows which.
 */
struct mcnic_bus {
	void __iomem *regs;		/* real board: BAR 0 */
	void __iomem *ivshmem;		/* sim: ivshmem's registers */
	struct mcnic_shm_hdr *shm;	/* sim: BAR 2 */
	struct mcnic_shm_op *ring;
	u32 ring_mask;
	u32 prod;
	u32 doorbell;			/* value for ivshmem's Doorbell */
	bool dead;			/* stopped answering: reads give ~0 */
	spinlock_t lock;
	struct pci_dev *pdev;
};

/* Where each register block of the chain starts, if found. */
struct mcnic_blocks {
	u32 dev;
	u32 mbox;
	u32 qm;
	u32 irq;
	u32 ports;
	u32 found;			/* MCNIC_RB_HAS_*, in that order */
};

#define MCNIC_RB_HAS_DEV	BIT(0)
#define MCNIC_RB_HAS_MBOX	BIT(1)
#define MCNIC_RB_HAS_QM		BIT(2)
#define MCNIC_RB_HAS_IRQ	BIT(3)
#define MCNIC_RB_HAS_PORTS	BIT(4)
#define MCNIC_RB_NEEDED		(MCNIC_RB_HAS_DEV | MCNIC_RB_HAS_MBOX | \
				 MCNIC_RB_HAS_IRQ)

struct mcnic_mbox {
	struct mutex lock;		/* one request at a time */
	struct completion done;
	u32 req_off;
	u32 resp_off;
	u32 size;
	void *dma_buf;			/* DMA mode: request, then answer */
	dma_addr_t dma_addr;
	u32 vector;
	u32 seq;
	u64 timeouts;
	u64 bad_answers;
};

struct mcnic_priv;

/* A host vport as CAPS describes it; each gets a netdev. */
#define MCNIC_VPORTS_MAX	16
#define MCNIC_VPORT_QUEUES_MAX	8

struct mcnic_vport {
	u32 id;
	u32 queues;
	u8 mac[6];
};

/* One ring in host memory shared with the device (queue.h). */
struct mcnic_ring {
	void *ring;			/* descriptors or completions */
	dma_addr_t dma;
	u32 log_size;
	u32 mask;
	u32 win;			/* BAR 0 offset of its register window */
	u32 hw;				/* its number within its kind */
};

struct mcnic_cq {
	struct mcnic_ring r;
	u32 tail;			/* next entry to consume */
	u32 vec;
};

struct mcnic_txq {
	struct mcnic_ring r;
	struct sk_buff **skb;
	dma_addr_t *buf;
	u32 head;			/* next slot to fill */
	u32 clean;			/* next slot to complete */
};

struct mcnic_rxq {
	struct mcnic_ring r;
	struct page **page;
	dma_addr_t *buf;
	u32 head;			/* posted up to here */
	u32 clean;			/* next slot to complete */
	u32 buf_len;
};

struct mcnic_qstats {
	u64 packets, bytes, dropped, errors, bad_cpl;
	struct u64_stats_sync sync;
};

static inline void mcnic_qstats_add(struct mcnic_qstats *s, u64 pkts,
				    u64 bytes)
{
	u64_stats_update_begin(&s->sync);
	s->packets += pkts;
	s->bytes += bytes;
	u64_stats_update_end(&s->sync);
}

static inline void mcnic_qstats_inc(struct mcnic_qstats *s, u64 *ctr)
{
	u64_stats_update_begin(&s->sync);
	(*ctr)++;
	u64_stats_update_end(&s->sync);
}

/* A TX/RX queue pair, its two CQs and its NAPI context. */
struct mcnic_qp {
	struct mcnic_priv *np;
	struct napi_struct napi;
	struct mcnic_txq tx;
	struct mcnic_rxq rx;
	struct mcnic_cq txcq, rxcq;
	struct mcnic_qstats txs, rxs;
	struct mcnic_qp *vec_next;	/* others on the same vector */
	u32 idx;
};

/* netdev_priv() of a vport's netdev. */
struct mcnic_priv {
	struct mcnic_dev *d;
	struct net_device *ndev;
	const struct mcnic_vport *vp;
	struct mcnic_qp *qp;
	u32 nqp;
	u32 qbase;			/* device queue number of qp[0] */
	u32 log_ring;
	bool registered;
};

/* The QM block's geometry. */
struct mcnic_qm {
	u32 nq;				/* TX queues (= RX; CQs 2 nq) */
	u32 base;
	u32 stride;
};

/* The table writes to replay after a reset (shadow.c). */
struct mcnic_shadow_log {
	struct list_head msgs;
	u64 bytes;
	u64 entries;
};

struct mcnic_shadow {
	struct mutex lock;		/* also orders writes with the NIC */
	struct mcnic_shadow_log log;
	u64 compact_at;			/* log bytes that start a compaction */
	u64 compactions;
	u64 replayed;			/* entries sent by the last replay */
	bool overflow;
};

struct mcnic_devlink_res {
	struct mcnic_dev *d;
	u32 idx;			/* MCNIC_CMD_TBL_* */
};

struct mcnic_health {
	struct devlink_health_reporter *rep;
	struct delayed_work work;
	u32 beat;			/* last heartbeat seen */
	u32 still;			/* polls since it moved */
	u64 recoveries;
};

struct mcnic_dev {
	struct kref ref;		/* probe's, and one per open file */
	struct rw_semaphore gate;	/* users read; removal writes */
	bool gone;			/* removed: no hardware behind */
	struct pci_dev *pdev;
	struct mcnic_bus bus;
	struct mcnic_blocks rb;
	struct mcnic_mbox mbox;
	int id;				/* N of /dev/mcnicN */
	char name[16];
	struct miscdevice misc;
	bool misc_registered;
	u32 fw_ver;
	u32 nvec;
	struct mcnic_qm qm;
	struct mcnic_vport vports[MCNIC_VPORTS_MAX];
	u32 nvports;
	struct net_device *ndev[MCNIC_VPORTS_MAX];
	struct mcnic_qp *vec_qp[32];	/* qps served by each vector */
	u32 vec_on;			/* vectors with a handler */
	struct devlink *devlink;
	struct mcnic_shadow shadow;
	struct mcnic_health health;
	struct mcnic_devlink_res res[MCNIC_CMD_TBL_COUNT];
};

/* pci.c */
void mcnic_dev_put(struct mcnic_dev *d);

/* bus.c */
int mcnic_bus_init(struct mcnic_bus *b, struct pci_dev *pdev);
void mcnic_bus_fini(struct mcnic_bus *b);
u32 mcnic_bus_read(struct mcnic_bus *b, u32 off);
void mcnic_bus_write(struct mcnic_bus *b, u32 off, u32 val);
/* n 32-bit words from (to) off, off + 4, ... */
int mcnic_bus_read_block(struct mcnic_bus *b, u32 off, u32 *buf, u32 n);
void mcnic_bus_write_block(struct mcnic_bus *b, u32 off, const u32 *buf,
			   u32 n);

/* rb.c */
int mcnic_rb_init(struct mcnic_dev *d);

/* mbox.c */
int mcnic_mbox_init(struct mcnic_dev *d);
void mcnic_mbox_fini(struct mcnic_dev *d);
/*
 * One request (req_len bytes, header first, in a buffer padded to a word)
 * and its answer into resp (at most resp_max bytes).  Returns the
 * answer's length or -errno.
 */
int mcnic_mbox_call(struct mcnic_dev *d, void *req, u32 req_len,
		    void *resp, u32 resp_max);
void mcnic_mbox_irq(struct mcnic_dev *d);
int mcnic_mbox_cmd(struct mcnic_dev *d, u16 op, const void *data, u32 len,
		   void *ans, u32 ans_max, char *msg);

/* dump.c */
/* One page: count entries of the dump's size; 0 or -errno to stop. */
typedef int (*mcnic_dump_page_fn)(void *ctx, u16 count, const void *entries);
/*
 * DUMP or STATS (op) of object obj, whose entries are size bytes, every
 * page handed to page.  0, -EIO for a refusal or a malformed page
 * (logged), or page's or the mailbox's -errno.
 */
int mcnic_dump(struct mcnic_dev *d, u16 op, u16 obj, u32 size,
	       mcnic_dump_page_fn page, void *ctx);

/* irq.c */
int mcnic_irq_init(struct mcnic_dev *d);
void mcnic_irq_fini(struct mcnic_dev *d);
/* The vectors d->vec_qp names, unmasked. */
int mcnic_irq_queues_init(struct mcnic_dev *d);
void mcnic_irq_queues_fini(struct mcnic_dev *d);

/* caps.c */
int mcnic_caps_init(struct mcnic_dev *d);

/* queue.c: rings, CQs and the QM block */
int mcnic_queue_qm_init(struct mcnic_dev *d);
int mcnic_ring_alloc(struct mcnic_dev *d, struct mcnic_ring *r, u32 log_size,
		     size_t entry);
void mcnic_ring_free(struct mcnic_dev *d, struct mcnic_ring *r, size_t entry);
/* Program and enable; -EIO if the device refuses (ENABLE reads 0). */
int mcnic_ring_enable(struct mcnic_dev *d, struct mcnic_ring *r, u32 cq,
		      u32 vport, u32 ctrl);
void mcnic_ring_disable(struct mcnic_dev *d, struct mcnic_ring *r);
void mcnic_ring_reg(struct mcnic_dev *d, struct mcnic_ring *r, u32 reg,
		    u32 val);
/* The next new completion, or NULL. */
struct mcnic_cpl *mcnic_cq_next(struct mcnic_cq *cq);
void mcnic_cq_arm(struct mcnic_dev *d, struct mcnic_cq *cq);

/* txq.c, rxq.c */
int mcnic_txq_open(struct mcnic_qp *qp);
void mcnic_txq_close(struct mcnic_qp *qp);
netdev_tx_t mcnic_txq_xmit(struct sk_buff *skb, struct net_device *ndev);
void mcnic_txq_complete(struct mcnic_qp *qp, int budget);
int mcnic_rxq_open(struct mcnic_qp *qp);
void mcnic_rxq_close(struct mcnic_qp *qp);
int mcnic_rxq_poll(struct mcnic_qp *qp, int budget);

/* netdev.c */
int mcnic_netdev_init(struct mcnic_dev *d);
int mcnic_netdev_register(struct mcnic_dev *d);
void mcnic_netdev_unregister(struct mcnic_dev *d);
void mcnic_netdev_fini(struct mcnic_dev *d);

/* ethtool.c */
extern const struct ethtool_ops mcnic_ethtool_ops;

/* shadow.c */
void mcnic_shadow_init(struct mcnic_dev *d);
void mcnic_shadow_fini(struct mcnic_dev *d);
/* mcnic_mbox_call(), keeping what it changed in the tables. */
int mcnic_shadow_call(struct mcnic_dev *d, void *req, u32 req_len, void *resp,
		      u32 resp_max);
int mcnic_shadow_replay(struct mcnic_dev *d);

/* health.c */
int mcnic_health_init(struct mcnic_dev *d);
void mcnic_health_fini(struct mcnic_dev *d);
void mcnic_health_start(struct mcnic_dev *d);
void mcnic_health_stop(struct mcnic_dev *d);

/* devlink.c */
int mcnic_devlink_alloc(struct mcnic_dev *d);
void mcnic_devlink_register(struct mcnic_dev *d);
void mcnic_devlink_free(struct mcnic_dev *d);

/* pci.c: the netdevs and their vectors, down and up again (reload) */
int mcnic_pci_net_up(struct mcnic_dev *d);
void mcnic_pci_net_down(struct mcnic_dev *d);
int mcnic_pci_ident(struct mcnic_dev *d);

/* cdev.c */
int mcnic_cdev_init(struct mcnic_dev *d);
void mcnic_cdev_fini(struct mcnic_dev *d);

#endif /* MCNIC_DRV_H */
