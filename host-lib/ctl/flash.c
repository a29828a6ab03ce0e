// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * mcnicctl flash: a signed image into the slot that is not running, then
 * boot it.  A progress bar on a terminal, plain lines otherwise.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"

void ctl_flash_help(FILE *f, const char *name)
{
	fprintf(f,
"NAME\n"
"    mcnicctl flash - write a firmware image and boot it\n\n"
"SYNOPSIS\n"
"    mcnicctl [-d DEV] flash IMAGE [--no-activate]\n"
"    mcnicctl [-d DEV] flash --status\n\n"
"DESCRIPTION\n"
"    Reads IMAGE once and checks its header first (magic, format, sizes:\n"
"    a wrong file fails at once), then writes it to the flash slot that\n"
"    is not running (FLASH_BEGIN, FLASH_WRITE in 32 KiB chunks), has the\n"
"    device verify its digest and signature (FLASH_COMMIT: the slot boots\n"
"    next) and boots it now (FLASH_ACTIVATE: every table is cleared).\n"
"    --status prints both slots; \"none\" is no slot (built-in firmware).\n\n"
"OPTIONS\n"
"    --no-activate   write and verify, but keep running the current image\n"
"                    until the device restarts: the new image is the one\n"
"                    it boots next\n"
"    --status        show the slots and which one runs\n"
"    -h, --help      this text\n\n"
"EXIT STATUS\n"
"    0 written (and activated); 1 a bad image, or the device refused it\n"
"    (the running firmware is untouched); 2 usage error.\n\n"
"EXAMPLES\n"
"    mcnicctl flash build/firmware/mcnic-fw.bin\n"
"    mcnicctl flash build/firmware/mcnic-fw.bin --no-activate\n"
"    mcnicctl flash --status\n");
}

struct ctl_progress {
	int tty;
	int last;	/* percent printed last (plain lines: every 10%) */
};

static void ctl_flash_progress(const char *stage, size_t done, size_t total,
			       void *arg)
{
	struct ctl_progress *p = arg;
	int pct = total ? (int)(done * 100 / total) : 100, i;

	if (strcmp(stage, "write")) {
		printf("%s%s\n", p->tty ? "\n" : "", stage);
		p->tty = 0;	/* the bar is finished */
		return;
	}
	if (p->tty) {
		printf("\rwrite [");
		for (i = 0; i < 40; i++)
			putchar(i < pct * 40 / 100 ? '#' : '.');
		printf("] %3d%% %zu/%zu KiB", pct, done >> 10, total >> 10);
		fflush(stdout);
	} else if (pct / 10 != p->last / 10 || done == total) {
		printf("write %d%% (%zu of %zu bytes)\n", pct, done, total);
		p->last = pct;
	}
}

static int ctl_flash_status(struct ctl *c)
{
	struct mcnic_cmd_flash_status st;
	char ver[16];
	int i;

	if (mcnic_flash_status(c->h, &st))
		return ctl_fail(c, "flash status");
	for (i = 0; i < 2; i++) {
		const struct mcnic_cmd_slot *s = &st.slot[i];

		mcnic_fwimage_version_str(s->fw_version_code, ver, sizeof(ver));
		printf("slot %d: %-7s version %s size %u seq %u%s%s\n", i,
		       mcnic_slot_state_name(s->state), ver,
		       s->size, s->seq, st.active == i ? " (running)" : "",
		       st.next == i ? " (boots next)" : "");
	}
	if (st.active == MCNIC_SLOT_NONE)
		printf("running: none (built-in firmware)\n");
	if (st.next == MCNIC_SLOT_NONE)
		printf("boots next: none (no valid slot)\n");
	return CTL_OK;
}

/* IMAGE is read once: what is checked and shown is what is written. */
static int ctl_flash_image(struct ctl *c, const char *image,
			   unsigned int flags)
{
	struct ctl_progress p = { .tty = isatty(STDOUT_FILENO), .last = -10 };
	struct mcnic_fw_hdr hdr;
	char err[512], ver[16];
	size_t len;
	void *img;
	int r;

	if (mcnic_fw_image_load(image, &img, &len, &hdr, err, sizeof(err))) {
		fprintf(stderr, "mcnicctl flash: %s\n", err);
		return CTL_ERR;
	}
	if (ctl_open(c)) {
		free(img);
		return CTL_ERR;
	}
	mcnic_fwimage_version_str(hdr.fw_version, ver, sizeof(ver));
	printf("%s: firmware %s, %zu bytes\n", image, ver, len);
	r = mcnic_flash(c->h, img, len, flags, ctl_flash_progress, &p);
	free(img);
	if (r)
		return ctl_fail(c, "flash");
	printf(flags ? "written and verified; not activated\n" :
		       "written, verified and activated\n");
	return CTL_OK;
}

int ctl_flash_run(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = ctl_find("flash");
	const char *image = NULL;
	unsigned int flags = 0;
	int i, status = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--no-activate"))
			flags |= MCNIC_FLASH_NO_ACTIVATE;
		else if (!strcmp(argv[i], "--status"))
			status = 1;
		else if (argv[i][0] == '-' || image)
			return ctl_usage(cmd, "unexpected '%s'", argv[i]);
		else
			image = argv[i];
	}
	if (!image && !status)
		return ctl_usage(cmd, "which image?");
	if (image)
		return ctl_flash_image(c, image, flags);
	if (ctl_open(c))
		return CTL_ERR;
	return ctl_flash_status(c);
}
