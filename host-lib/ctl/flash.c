// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * mcnicctl flash: a signed image into the slot that is not running, then
 * boot it.  A progress bar on a terminal, plain lines otherwise.
 */
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
"    Checks IMAGE's header first (magic, format, sizes: a wrong file fails\n"
"    at once), then writes it to the flash slot that is not running\n"
"    (FLASH_BEGIN, FLASH_WRITE in 32 KiB chunks), has the device verify\n"
"    its digest and signature (FLASH_COMMIT) and boots it\n"
"    (FLASH_ACTIVATE: every table is cleared).  --status prints both\n"
"    slots.\n\n"
"OPTIONS\n"
"    --no-activate   write and verify, but keep running the current image\n"
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

static const char *const ctl_slot_states[] = {
	"empty", "writing", "valid", "bad",
};

static int ctl_flash_status(struct ctl *c)
{
	struct mcnic_cmd_flash_status st;
	int i;

	if (mcnic_flash_status(c->h, &st))
		return ctl_fail(c, "flash status");
	for (i = 0; i < 2; i++) {
		const struct mcnic_cmd_slot *s = &st.slot[i];

		printf("slot %d: %-7s version %u.%u.%u size %u seq %u%s%s\n", i,
		       s->state < 4 ? ctl_slot_states[s->state] : "?",
		       s->fw_version_code >> 16,
		       (s->fw_version_code >> 8) & 0xff,
		       s->fw_version_code & 0xff, s->size, s->seq,
		       st.active == i ? " (running)" : "",
		       st.next == i ? " (boots next)" : "");
	}
	return CTL_OK;
}

int ctl_flash_run(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = ctl_find("flash");
	struct ctl_progress p = { .tty = isatty(STDOUT_FILENO), .last = -10 };
	struct mcnic_fw_hdr hdr;
	const char *image = NULL;
	unsigned int flags = 0;
	int i, status = 0;
	char err[512];

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
	if (image && mcnic_fw_image_check(image, &hdr, err, sizeof(err))) {
		fprintf(stderr, "mcnicctl flash: %s\n", err);
		return CTL_ERR;
	}
	if (ctl_open(c))
		return CTL_ERR;
	if (!image)
		return ctl_flash_status(c);
	printf("%s: firmware %u.%u.%u, %u bytes\n", image, hdr.fw_version >> 16,
	       (hdr.fw_version >> 8) & 0xff, hdr.fw_version & 0xff,
	       hdr.total_len);
	if (mcnic_flash(c->h, image, flags, ctl_flash_progress, &p))
		return ctl_fail(c, "flash");
	printf(flags ? "written and verified; not activated\n" :
		       "written, verified and activated\n");
	return CTL_OK;
}
