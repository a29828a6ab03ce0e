// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The simulated NIC's flash (docs/firmware-image.md).  The file holds a
 * superblock, one state record per slot (each in its own 4 KiB block) and
 * the two slots.  Crash safety comes from ordering, not from rewriting
 * anything in place that a boot relies on:
 *
 *  - only the slot that is not running is ever written, record or data;
 *  - BEGIN makes its record WRITING (durably) before any data lands, and a
 *    WRITING slot is never booted;
 *  - COMMIT syncs the data, reads it back from the file and verifies it,
 *    and only then writes VALID with a higher sequence than the other;
 *  - a record whose checksum fails is taken as EMPTY.
 *
 * So a process killed anywhere leaves the running slot's record and data
 * as they were, and the next boot picks it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <sodium.h>

#include "fwimage.h"
#include "flash.h"

#define FLASH_MAGIC	"MCNICFL1"
#define FLASH_LAYOUT	1u
#define FLASH_REC_MAGIC	0x5253464du	/* "MFSR" */
#define FLASH_SUM_LEN	8
#define FLASH_NOTES	1024
#define FLASH_MSG	MCNIC_CMD_ERR_MSG

struct flash_super {
	char magic[8];		/* FLASH_MAGIC */
	u32 layout;		/* FLASH_LAYOUT */
	u32 slot_size;		/* MCNIC_FW_MAX */
	u32 data_off;		/* MCNIC_FLASH_DATA_OFF */
	u32 pad;
	u8 sum[FLASH_SUM_LEN];	/* of the bytes before */
};

struct flash_rec {
	u32 magic;		/* FLASH_REC_MAGIC */
	u8 state;		/* enum mcnic_slot_state */
	u8 pad[3];
	u32 seq;		/* VALID only; 0 otherwise */
	u32 size;		/* image bytes (BEGIN's size) */
	u32 fw_version;
	u8 build_id[20];
	u8 sum[FLASH_SUM_LEN];	/* of the bytes before */
};

struct mcnic_flash {
	int fd;
	char *path;
	unsigned char pk[MCNIC_FWIMAGE_PK_LEN];
	struct flash_rec rec[2];
	int active;		/* slot running, -1: none */
	int writing;		/* slot begun and not committed, -1: none */
	u32 written;		/* bytes of it written since BEGIN */
	void *img;		/* the booted image (the FDT points in) */
	char notes[FLASH_NOTES];
	int notes_read;
};

static void flash_sum(const void *p, size_t n, u8 *sum)
{
	u8 d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, p, n);
	memcpy(sum, d, FLASH_SUM_LEN);
}

static void flash_note(struct mcnic_flash *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void flash_note(struct mcnic_flash *f, const char *fmt, ...)
{
	size_t n;
	va_list ap;

	if (f->notes_read) {
		f->notes[0] = '\0';
		f->notes_read = 0;
	}
	n = strlen(f->notes);
	if (n + 2 >= sizeof(f->notes))
		return;
	va_start(ap, fmt);
	vsnprintf(f->notes + n, sizeof(f->notes) - n - 1, fmt, ap);
	va_end(ap);
	strcat(f->notes, "\n");
}

const char *mcnic_flash_notes(struct mcnic_flash *f)
{
	if (f->notes_read)
		f->notes[0] = '\0';
	f->notes_read = 1;
	return f->notes;
}

static int flash_pwrite(int fd, const void *p, size_t n, off_t off)
{
	ssize_t w = pwrite(fd, p, n, off);

	if (w < 0)
		return -errno;
	return (size_t)w == n ? 0 : -EIO;
}

static int flash_pread(int fd, void *p, size_t n, off_t off)
{
	ssize_t r = pread(fd, p, n, off);

	if (r < 0)
		return -errno;
	return (size_t)r == n ? 0 : -EIO;
}

/* Durable before it returns: the callers' ordering relies on it. */
static int flash_rec_store(struct mcnic_flash *f, int slot,
			   const struct flash_rec *rec)
{
	struct flash_rec r = *rec;
	int ret;

	r.magic = FLASH_REC_MAGIC;
	flash_sum(&r, offsetof(struct flash_rec, sum), r.sum);
	ret = flash_pwrite(f->fd, &r, sizeof(r), MCNIC_FLASH_REC_OFF(slot));
	if (!ret && fdatasync(f->fd))
		ret = -errno;
	if (!ret)
		f->rec[slot] = r;
	return ret;
}

static void flash_rec_empty(struct flash_rec *r)
{
	memset(r, 0, sizeof(*r));
	r->state = MCNIC_SLOT_EMPTY;
}

static const char *flash_rec_problem(const struct flash_rec *r)
{
	u8 sum[FLASH_SUM_LEN];

	if (r->magic != FLASH_REC_MAGIC)
		return "no record magic";
	flash_sum(r, offsetof(struct flash_rec, sum), sum);
	if (memcmp(sum, r->sum, sizeof(sum)))
		return "checksum mismatch";
	if (r->state > MCNIC_SLOT_BAD)
		return "unknown state";
	if (r->size > MCNIC_FW_MAX)
		return "size past the slot";
	return NULL;
}

static void flash_rec_load(struct mcnic_flash *f, int slot)
{
	struct flash_rec *r = &f->rec[slot];
	const char *why;
	int ret;

	ret = flash_pread(f->fd, r, sizeof(*r), MCNIC_FLASH_REC_OFF(slot));
	why = ret ? "unreadable" : flash_rec_problem(r);
	if (why) {
		flash_note(f, "flash.slot%d.record: %s, taken as empty",
			   slot, why);
		flash_rec_empty(r);
	} else if (r->state == MCNIC_SLOT_WRITING) {
		flash_note(f, "flash.slot%d: an interrupted flash (writing)",
			   slot);
	}
}

static int flash_create(const char *path, char *err, size_t errlen)
{
	struct flash_super sb = { FLASH_MAGIC, FLASH_LAYOUT, MCNIC_FW_MAX,
				  MCNIC_FLASH_DATA_OFF, 0, { 0 } };
	struct mcnic_flash tmp = { .fd = -1 };
	size_t n = strlen(path) + 5;
	char *t = malloc(n);
	int r = -ENOMEM;

	if (!t)
		goto out;
	snprintf(t, n, "%s.tmp", path);
	tmp.fd = open(t, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (tmp.fd < 0) {
		r = -errno;
		goto out;
	}
	flash_sum(&sb, offsetof(struct flash_super, sum), sb.sum);
	r = flash_pwrite(tmp.fd, &sb, sizeof(sb), 0);
	if (!r && ftruncate(tmp.fd, MCNIC_FLASH_SLOT_OFF(2)))
		r = -errno;
	for (int i = 0; i < 2 && !r; i++) {
		flash_rec_empty(&tmp.rec[i]);
		r = flash_rec_store(&tmp, i, &tmp.rec[i]);
	}
	if (close(tmp.fd) && !r)
		r = -errno;
	/* Appears complete or not at all. */
	if (!r && rename(t, path))
		r = -errno;
	if (r)
		unlink(t);
out:
	if (r)
		snprintf(err, errlen, "flash %s: cannot create: %s", path,
			 strerror(-r));
	free(t);
	return r;
}

static int flash_check_super(struct mcnic_flash *f, char *err,
			     size_t errlen)
{
	struct flash_super sb;
	u8 sum[FLASH_SUM_LEN];

	if (flash_pread(f->fd, &sb, sizeof(sb), 0) ||
	    memcmp(sb.magic, FLASH_MAGIC, sizeof(sb.magic))) {
		snprintf(err, errlen, "flash %s: not an mcnic flash file",
			 f->path);
		return -EINVAL;
	}
	flash_sum(&sb, offsetof(struct flash_super, sum), sum);
	if (memcmp(sum, sb.sum, sizeof(sum))) {
		snprintf(err, errlen, "flash %s: superblock checksum mismatch",
			 f->path);
		return -EINVAL;
	}
	if (sb.layout != FLASH_LAYOUT || sb.slot_size != MCNIC_FW_MAX ||
	    sb.data_off != MCNIC_FLASH_DATA_OFF) {
		snprintf(err, errlen,
			 "flash %s: layout=%u slot_size=%u data_off=%u: not %u %u %u",
			 f->path, sb.layout, sb.slot_size, sb.data_off,
			 FLASH_LAYOUT, MCNIC_FW_MAX, MCNIC_FLASH_DATA_OFF);
		return -EINVAL;
	}
	return 0;
}

static int flash_attach(struct mcnic_flash *f, char *err, size_t errlen)
{
	int r;

	f->fd = open(f->path, O_RDWR | O_CLOEXEC);
	if (f->fd < 0 && errno == ENOENT) {
		r = flash_create(f->path, err, errlen);
		if (r)
			return r;
		f->fd = open(f->path, O_RDWR | O_CLOEXEC);
	}
	if (f->fd < 0) {
		r = -errno;
		snprintf(err, errlen, "flash %s: %s", f->path, strerror(errno));
		return r;
	}
	/* Two simulators on one flash would each think they own a slot. */
	if (flock(f->fd, LOCK_EX | LOCK_NB)) {
		snprintf(err, errlen, "flash %s: in use by another process",
			 f->path);
		return -EBUSY;
	}
	return flash_check_super(f, err, errlen);
}

/* The valid slot the next boot tries first, or -1. */
static int flash_next(const struct mcnic_flash *f)
{
	int best = -1;

	for (int i = 0; i < 2; i++)
		if (f->rec[i].state == MCNIC_SLOT_VALID &&
		    (best < 0 || f->rec[i].seq > f->rec[best].seq))
			best = i;
	return best;
}

/* The slot BEGIN writes: never the running one, nor the next boot's. */
static int flash_target(const struct mcnic_flash *f)
{
	int next = flash_next(f);

	if (f->active >= 0)
		return !f->active;
	return next >= 0 ? !next : 0;
}

/* The slot ACTIVATE boots: the one not running (in recovery, the next). */
static int flash_activate_slot(const struct mcnic_flash *f)
{
	int next = flash_next(f);

	if (f->active >= 0)
		return !f->active;
	return next >= 0 ? next : 0;
}

static u32 flash_seq_above(const struct mcnic_flash *f, int slot)
{
	const struct flash_rec *o = &f->rec[!slot];

	return (o->state == MCNIC_SLOT_VALID ? o->seq : 0) + 1;
}

static int flash_begin(struct mcnic_flash *f, int slot, u32 size)
{
	struct flash_rec r;
	int ret;

	flash_rec_empty(&r);
	r.state = MCNIC_SLOT_WRITING;
	r.size = size;
	f->writing = -1;
	ret = flash_rec_store(f, slot, &r);
	if (ret)
		return ret;
	f->writing = slot;
	f->written = 0;
	return 0;
}

static int flash_write(struct mcnic_flash *f, const void *p, u32 len)
{
	int r;

	r = flash_pwrite(f->fd, p, len,
			 MCNIC_FLASH_SLOT_OFF(f->writing) + f->written);
	if (!r)
		f->written += len;
	return r;
}

/* A slot's image as the file holds it, verified; *img to free. */
static int flash_slot_verify(struct mcnic_flash *f, int slot, u32 size,
			     void **img, struct mcnic_fw_hdr *hdr,
			     char *err, size_t errlen)
{
	int r;

	*img = malloc(size ? size : 1);
	if (!*img) {
		snprintf(err, errlen, "flash.slot%d: out of memory", slot);
		return -ENOMEM;
	}
	r = flash_pread(f->fd, *img, size, MCNIC_FLASH_SLOT_OFF(slot));
	if (r)
		snprintf(err, errlen, "flash.slot%d: read: %s", slot,
			 strerror(-r));
	else
		r = mcnic_fwimage_verify(*img, size, f->pk, hdr, err, errlen);
	if (r) {
		free(*img);
		*img = NULL;
	}
	return r;
}

/* Verify what BEGIN and WRITE left in the slot; VALID or BAD. */
static int flash_commit(struct mcnic_flash *f, char *err, size_t errlen)
{
	int slot = f->writing;
	struct mcnic_fw_hdr hdr;
	struct flash_rec r = f->rec[slot];
	void *img;
	int ret, st;

	f->writing = -1;
	if (fdatasync(f->fd)) {
		ret = -errno;
		snprintf(err, errlen, "flash.slot%d: sync: %s", slot,
			 strerror(errno));
		return ret;
	}
	ret = flash_slot_verify(f, slot, r.size, &img, &hdr, err, errlen);
	free(img);
	r.state = ret ? MCNIC_SLOT_BAD : MCNIC_SLOT_VALID;
	r.seq = ret ? 0 : flash_seq_above(f, slot);
	if (!ret) {
		r.fw_version = hdr.fw_version;
		memcpy(r.build_id, hdr.build_id, sizeof(r.build_id));
	}
	st = flash_rec_store(f, slot, &r);
	if (st && !ret)
		snprintf(err, errlen, "flash.slot%d: record: %s", slot,
			 strerror(-st));
	return ret ? ret : st;
}

/* The factory image into slot 0, through the same steps as the host's. */
static int flash_factory(struct mcnic_flash *f, const char *path,
			 char *err, size_t errlen)
{
	char why[128];
	struct mcnic_fw_hdr hdr;
	void *img;
	size_t len;
	int r;

	r = mcnic_fwimage_load(path, &img, &len, err, errlen);
	if (r)
		return r;
	r = mcnic_fwimage_verify(img, len, f->pk, &hdr, why, sizeof(why));
	if (r) {
		snprintf(err, errlen, "factory %s: %s", path, why);
		goto out;
	}
	r = flash_begin(f, 0, len);
	if (!r)
		r = flash_write(f, img, len);
	if (r) {
		snprintf(err, errlen, "flash %s: factory image: %s", f->path,
			 strerror(-r));
		goto out;
	}
	r = flash_commit(f, err, errlen);
	if (!r)
		flash_note(f, "flash.slot0: factory image %s written", path);
out:
	free(img);
	return r;
}

int mcnic_flash_open(struct mcnic_flash **fp, const char *path,
		     const unsigned char *pubkey, const char *factory,
		     char *err, size_t errlen)
{
	struct mcnic_flash *f;
	int r;

	*fp = NULL;
	if (mcnic_fwimage_init()) {
		snprintf(err, errlen, "flash: libsodium failed to start");
		return -EIO;
	}
	f = calloc(1, sizeof(*f));
	if (!f || !(f->path = strdup(path))) {
		free(f);
		snprintf(err, errlen, "flash: out of memory");
		return -ENOMEM;
	}
	f->fd = -1;
	memcpy(f->pk, pubkey, sizeof(f->pk));
	f->active = -1;
	f->writing = -1;
	r = flash_attach(f, err, errlen);
	for (int i = 0; i < 2 && !r; i++)
		flash_rec_load(f, i);
	if (!r && factory && flash_next(f) < 0)
		r = flash_factory(f, factory, err, errlen);
	if (r) {
		mcnic_flash_close(f);
		return r;
	}
	*fp = f;
	return 0;
}

void mcnic_flash_close(struct mcnic_flash *f)
{
	if (!f)
		return;
	if (f->fd >= 0)
		close(f->fd);
	free(f->img);
	free(f->path);
	free(f);
}

/* Cross-check what the record promised with the image it describes. */
static int flash_boot_try(struct mcnic_flash *f, int slot, void **img,
			  struct mcnic_fw_hdr *hdr, char *why, size_t len)
{
	const struct flash_rec *r = &f->rec[slot];
	int ret;

	ret = flash_slot_verify(f, slot, r->size, img, hdr, why, len);
	if (ret)
		return ret;
	if (hdr->fw_version != r->fw_version ||
	    memcmp(hdr->build_id, r->build_id, sizeof(r->build_id))) {
		snprintf(why, len, "record: not this image's version/build_id");
		free(*img);
		*img = NULL;
		return -EBADMSG;
	}
	return 0;
}

static void flash_boot_fail(struct mcnic_flash *f, int slot, const char *why)
{
	struct flash_rec r = f->rec[slot];

	flash_note(f, "flash.slot%d: %s: not booted", slot, why);
	r.state = MCNIC_SLOT_BAD;
	r.seq = 0;
	if (flash_rec_store(f, slot, &r)) {
		/* Still never tried again in this process. */
		f->rec[slot].state = MCNIC_SLOT_BAD;
		flash_note(f, "flash.slot%d: could not be marked bad", slot);
	}
}

int mcnic_flash_boot(struct mcnic_flash *f, struct mcnic_flash_boot *b)
{
	char why[FLASH_MSG];
	struct mcnic_fw_hdr hdr;
	void *img;
	int slot;

	memset(b, 0, sizeof(*b));
	while ((slot = flash_next(f)) >= 0) {
		if (!flash_boot_try(f, slot, &img, &hdr, why, sizeof(why)))
			break;
		flash_boot_fail(f, slot, why);
	}
	b->slot = slot;
	f->active = slot;
	if (slot < 0) {
		flash_note(f, "flash: no slot holds a valid image (recovery)");
		return -ENOENT;
	}
	free(f->img);
	f->img = img;
	b->hdr = hdr;
	b->fdt = (const u8 *)img + hdr.fdt_off;
	b->fdt_len = hdr.fdt_len;
	return 0;
}

/*
 * The mailbox side: one function per opcode, each returning the status
 * (0 or -MCNIC_E*) with the message in msg.  The device checked the
 * header; what is checked here is each opcode's own.
 */

static int flash_refuse(char *msg, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int flash_refuse(char *msg, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, FLASH_MSG, fmt, ap);
	va_end(ap);
	return status;
}

/* COMMIT's verdict (fwimage.h, file I/O) as a mailbox status. */
static int flash_status(int r)
{
	switch (r) {
	case 0:
		return 0;
	case -EBADMSG:
		return -MCNIC_EBADMSG;
	case -EKEYREJECTED:
		return -MCNIC_EKEYREJECTED;
	case -EFBIG:
		return -MCNIC_EFBIG;
	case -EINVAL:
		return -MCNIC_EINVAL;
	case -ENOMEM:
		return -MCNIC_ENOMEM;
	default:
		return -MCNIC_EIO;
	}
}

static int flash_op_begin(struct mcnic_flash *f, const u8 *p, u32 len,
			  char *msg)
{
	struct mcnic_cmd_flash_begin b;
	int slot = flash_target(f), r;

	if (len != sizeof(b))
		return flash_refuse(msg, -MCNIC_EINVAL,
				    "hdr.len=%u: flash_begin is %zu", len,
				    sizeof(b));
	memcpy(&b, p, sizeof(b));
	if (b.pad)
		return flash_refuse(msg, -MCNIC_EINVAL,
				    "flash_begin.pad=%u: not 0", b.pad);
	if (b.size < sizeof(struct mcnic_fw_hdr))
		return flash_refuse(msg, -MCNIC_EINVAL,
				    "flash_begin.size=%u: less than a header",
				    b.size);
	if (b.size > MCNIC_FW_MAX)
		return flash_refuse(msg, -MCNIC_EFBIG,
				    "flash_begin.size=%u: more than a slot",
				    b.size);
	r = flash_begin(f, slot, b.size);
	if (r)
		return flash_refuse(msg, -MCNIC_EIO, "flash.slot%d: record: %s",
				    slot, strerror(-r));
	return 0;
}

static int flash_op_write(struct mcnic_flash *f, const u8 *p, u32 len,
			  char *msg)
{
	struct mcnic_cmd_flash_write w;
	u32 size;
	int r;

	if (len < sizeof(w))
		return flash_refuse(msg, -MCNIC_EINVAL,
				    "hdr.len=%u: less than flash_write", len);
	memcpy(&w, p, sizeof(w));
	if (f->writing < 0)
		return flash_refuse(msg, -MCNIC_EPROTO,
				    "flash_write: no FLASH_BEGIN before");
	size = f->rec[f->writing].size;
	if (w.len != len - sizeof(w))
		return flash_refuse(msg, -MCNIC_EINVAL,
				    "flash_write.len=%u: %zu bytes follow",
				    w.len, len - sizeof(w));
	if (w.offset != f->written)
		return flash_refuse(msg, -MCNIC_EINVAL,
				    "flash_write.offset=%u: next is %u",
				    w.offset, f->written);
	if (!w.len)
		return flash_refuse(msg, -MCNIC_EINVAL,
				    "flash_write.len=0: no data");
	if ((u64)w.offset + w.len > size)
		return flash_refuse(msg, -MCNIC_EINVAL,
				    "flash_write.len=%u: past size %u",
				    w.len, size);
	r = flash_write(f, p + sizeof(w), w.len);
	if (r)
		return flash_refuse(msg, -MCNIC_EIO, "flash.slot%d: write: %s",
				    f->writing, strerror(-r));
	return 0;
}

static int flash_op_commit(struct mcnic_flash *f, char *msg)
{
	if (f->writing < 0)
		return flash_refuse(msg, -MCNIC_EPROTO,
				    "flash_commit: no FLASH_BEGIN before");
	if (f->written != f->rec[f->writing].size)
		return flash_refuse(msg, -MCNIC_EPROTO,
				    "flash.written=%u: begun size is %u",
				    f->written, f->rec[f->writing].size);
	return flash_status(flash_commit(f, msg, FLASH_MSG));
}

static int flash_op_activate(struct mcnic_flash *f, char *msg, int *reboot)
{
	int slot = flash_activate_slot(f);
	struct flash_rec r = f->rec[slot];
	int ret;

	if (r.state != MCNIC_SLOT_VALID)
		return flash_refuse(msg, -MCNIC_EPROTO,
				    "flash.slot%d.state=%s: not valid", slot,
				    mcnic_slot_state_name(r.state));
	/* Going back to an older image: it must win the next boot. */
	if (flash_next(f) != slot) {
		r.seq = flash_seq_above(f, slot);
		ret = flash_rec_store(f, slot, &r);
		if (ret)
			return flash_refuse(msg, -MCNIC_EIO,
					    "flash.slot%d: record: %s", slot,
					    strerror(-ret));
	}
	*reboot = 1;
	return 0;
}

static int flash_op_status(const struct mcnic_flash *f,
			   struct mcnic_cmd_hdr *a, void *out, u32 room)
{
	struct mcnic_cmd_flash_status st;
	int next = flash_next(f);

	if (room < sizeof(st))
		return flash_refuse(a->err_msg, -MCNIC_E2BIG,
				    "answer: no room for flash_status");
	memset(&st, 0, sizeof(st));
	st.active = f->active < 0 ? MCNIC_SLOT_NONE : f->active;
	st.next = next < 0 ? MCNIC_SLOT_NONE : next;
	st.written = f->writing >= 0 ? f->written : 0;
	for (int i = 0; i < 2; i++) {
		st.slot[i].state = f->rec[i].state;
		st.slot[i].fw_version_code = f->rec[i].fw_version;
		st.slot[i].size = f->rec[i].size;
		st.slot[i].seq = f->rec[i].seq;
		memcpy(st.slot[i].build_id, f->rec[i].build_id,
		       sizeof(st.slot[i].build_id));
	}
	memcpy(out, &st, sizeof(st));
	a->len = sizeof(st);
	a->count = 1;
	return 0;
}

static int flash_op(struct mcnic_flash *f, const struct mcnic_cmd_hdr *h,
		    const u8 *p, struct mcnic_cmd_hdr *a, void *out, u32 room,
		    int *reboot)
{
	int none = h->opcode != MCNIC_CMD_FLASH_BEGIN &&
		   h->opcode != MCNIC_CMD_FLASH_WRITE;

	if (none && h->len)
		return flash_refuse(a->err_msg, -MCNIC_EINVAL,
				    "hdr.len=%u: opcode 0x%x takes none",
				    h->len, h->opcode);
	switch (h->opcode) {
	case MCNIC_CMD_FLASH_BEGIN:
		return flash_op_begin(f, p, h->len, a->err_msg);
	case MCNIC_CMD_FLASH_WRITE:
		return flash_op_write(f, p, h->len, a->err_msg);
	case MCNIC_CMD_FLASH_COMMIT:
		return flash_op_commit(f, a->err_msg);
	case MCNIC_CMD_FLASH_ACTIVATE:
		return flash_op_activate(f, a->err_msg, reboot);
	case MCNIC_CMD_FLASH_STATUS:
		return flash_op_status(f, a, out, room);
	}
	return flash_refuse(a->err_msg, -MCNIC_EOPNOTSUPP,
			    "hdr.opcode=0x%x: not a flash command",
			    h->opcode);
}

void mcnic_flash_cmd(struct mcnic_flash *f, const struct mcnic_cmd_hdr *h,
		     const void *p, struct mcnic_cmd_hdr *a, void *out,
		     u32 room, int *reboot)
{
	*reboot = 0;
	a->len = 0;
	a->count = 0;
	a->status = flash_op(f, h, p, a, out, room, reboot);
}
