// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * /dev/mcnicN: the offload tables for user space (include/mcnic/uapi.h).
 * An open file holds a reference on the device, so it outlives a removal;
 * the gate makes every ioctl either finish before the hardware goes or
 * see it gone (-ENODEV).  Requests are checked here before the NIC sees
 * them, and a refusal is answered like the firmware's: status and a
 * message naming the field.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <mcnic/uapi.h>

#include "mcnic.h"

struct mcnic_cdev_call {
	struct mcnic_ioc_cmd ioc;
	void *req;			/* padded to a word */
	void *resp;
};

static int mcnic_cdev_open(struct inode *inode, struct file *f)
{
	struct mcnic_dev *d = container_of(f->private_data, struct mcnic_dev,
					   misc);

	kref_get(&d->ref);
	f->private_data = d;
	return nonseekable_open(inode, f);
}

static int mcnic_cdev_release(struct inode *inode, struct file *f)
{
	mcnic_dev_put(f->private_data);
	return 0;
}

/* A refusal: -EINVAL, with an answer header saying why. */
static __printf(3, 4) int mcnic_cdev_refuse(struct mcnic_dev *d,
					    struct mcnic_cdev_call *c,
					    const char *fmt, ...)
{
	struct mcnic_cmd_hdr *a = c->resp;
	va_list ap;

	memset(a, 0, sizeof(*a));
	memcpy(a, c->req, min_t(u32, c->ioc.req_len, offsetof(typeof(*a), len)));
	a->status = -MCNIC_EINVAL;
	va_start(ap, fmt);
	vsnprintf(a->err_msg, sizeof(a->err_msg), fmt, ap);
	va_end(ap);
	dev_dbg(&d->pdev->dev, "ioctl refused: %s\n", a->err_msg);
	c->ioc.resp_len = sizeof(*a);
	return -EINVAL;
}

static int mcnic_cdev_check(struct mcnic_dev *d, struct mcnic_cdev_call *c)
{
	const struct mcnic_cmd_hdr *h = c->req;

	if (c->ioc.req_len < sizeof(*h))
		return mcnic_cdev_refuse(d, c, "req_len=%u: under a header",
					 c->ioc.req_len);
	if (h->version != MCNIC_CMD_VERSION)
		return mcnic_cdev_refuse(d, c, "version=%u: not %u", h->version,
					 MCNIC_CMD_VERSION);
	if (h->len != c->ioc.req_len - sizeof(*h))
		return mcnic_cdev_refuse(d, c, "len=%u: req_len says %zu", h->len,
					 c->ioc.req_len - sizeof(*h));
	if (h->flags)
		return mcnic_cdev_refuse(d, c, "flags=%#x: none defined",
					 h->flags);
	if (!strcmp(mcnic_cmd_op_name(h->opcode), "?"))
		return mcnic_cdev_refuse(d, c, "opcode=%#x: unknown", h->opcode);
	return 0;
}

static int mcnic_cdev_copy_in(struct mcnic_cdev_call *c, void __user *arg)
{
	if (copy_from_user(&c->ioc, arg, sizeof(c->ioc)))
		return -EFAULT;
	if (c->ioc.pad || c->ioc.resp_max < sizeof(struct mcnic_cmd_hdr) ||
	    c->ioc.req_len > MCNIC_CMD_MSG_MAX)
		return -EINVAL;
	c->req = kvmalloc(round_up(c->ioc.req_len, 4), GFP_KERNEL);
	c->resp = kvmalloc(MCNIC_CMD_MSG_MAX, GFP_KERNEL);
	if (!c->req || !c->resp)
		return -ENOMEM;
	/* Only the last word is zeroed, for the pad: the rest is copied. */
	if (c->ioc.req_len % 4)
		memset(c->req + round_down(c->ioc.req_len, 4), 0, 4);
	if (copy_from_user(c->req, u64_to_user_ptr(c->ioc.req), c->ioc.req_len))
		return -EFAULT;
	return 0;
}

static int mcnic_cdev_copy_out(struct mcnic_cdev_call *c, void __user *arg)
{
	if (!c->ioc.resp_len)
		return 0;
	if (copy_to_user(u64_to_user_ptr(c->ioc.resp), c->resp,
			 min(c->ioc.resp_len, c->ioc.resp_max)) ||
	    copy_to_user(arg, &c->ioc, sizeof(c->ioc)))
		return -EFAULT;
	return 0;
}

static long mcnic_cdev_ioctl_cmd(struct mcnic_dev *d, void __user *arg)
{
	struct mcnic_cdev_call c = { };
	u32 user_seq;
	int rc, out;

	rc = mcnic_cdev_copy_in(&c, arg);
	if (rc)
		goto out;
	rc = mcnic_cdev_check(d, &c);
	if (rc)
		goto copy;
	user_seq = ((struct mcnic_cmd_hdr *)c.req)->seq;
	rc = mcnic_shadow_call(d, c.req, c.ioc.req_len, c.resp, MCNIC_CMD_MSG_MAX);
	if (rc < 0)
		goto out;
	c.ioc.resp_len = rc;
	((struct mcnic_cmd_hdr *)c.resp)->seq = user_seq;
	rc = c.ioc.resp_len > c.ioc.resp_max ? -ENOSPC : 0;
copy:
	out = mcnic_cdev_copy_out(&c, arg);
	if (out)
		rc = out;
out:
	kvfree(c.req);
	kvfree(c.resp);
	return rc;
}

static long mcnic_cdev_ioctl(struct file *f, unsigned int cmd,
			     unsigned long arg)
{
	struct mcnic_dev *d = f->private_data;
	long rc;

	down_read(&d->gate);
	if (d->gone)
		rc = -ENODEV;
	else if (cmd == MCNIC_IOC_CMD)
		rc = mcnic_cdev_ioctl_cmd(d, (void __user *)arg);
	else
		rc = -ENOTTY;
	up_read(&d->gate);
	return rc;
}

static const struct file_operations mcnic_cdev_fops = {
	.owner = THIS_MODULE,
	.open = mcnic_cdev_open,
	.release = mcnic_cdev_release,
	.unlocked_ioctl = mcnic_cdev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = no_llseek,
};

int mcnic_cdev_init(struct mcnic_dev *d)
{
	int rc;

	d->misc.minor = MISC_DYNAMIC_MINOR;
	d->misc.name = d->name;
	d->misc.fops = &mcnic_cdev_fops;
	d->misc.parent = &d->pdev->dev;
	d->misc.mode = 0600;
	rc = misc_register(&d->misc);
	if (!rc)
		d->misc_registered = true;
	return rc;
}

void mcnic_cdev_fini(struct mcnic_dev *d)
{
	if (d->misc_registered)
		misc_deregister(&d->misc);
	d->misc_registered = false;
}
