// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * mcnic-fwimage: make signing keys, build and sign firmware images, show
 * and verify them (docs/firmware-image.md).  The checks are sim/fwimage.c's
 * and host-lib/fwimage_hdr.c's, the same the simulated NIC's flash runs.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>

#include "host-lib/mcnic.h"
#include "sim/fwimage.h"
#include "sim/fwkey.h"

#define TOOL		"mcnic-fwimage"
#define ERR_LEN		512
#define EXIT_USAGE	2

static const char fwtool_exit_text[] =
"EXIT STATUS\n"
"    0 on success; 1 when a file is missing, malformed or fails its checks\n"
"    (the message names the file and the field); 2 on usage errors.\n\n";

static void fwtool_keygen_usage(FILE *f)
{
	fprintf(f,
"NAME\n"
"    mcnic-fwimage keygen - make an Ed25519 firmware signing key\n\n"
"SYNOPSIS\n"
"    mcnic-fwimage keygen --out KEYFILE [--pub PUBFILE] [--force]\n\n"
"DESCRIPTION\n"
"    Writes a new secret key to KEYFILE (mode 0600) and its public key to\n"
"    PUBFILE, both small text files (docs/firmware-image.md).  The device\n"
"    trusts the public key; keep the secret key secret.\n\n"
"OPTIONS\n"
"    --out KEYFILE   the secret key (required)\n"
"    --pub PUBFILE   the public key (default: KEYFILE with .key replaced\n"
"                    by .pub, or .pub appended)\n"
"    --force         replace existing files (default: refuse)\n"
"    -h, --help      this text\n\n"
"%s"
"EXAMPLES\n"
"    mcnic-fwimage keygen --out release.key --pub release.pub\n",
		fwtool_exit_text);
}

static void fwtool_build_usage(FILE *f)
{
	fprintf(f,
"NAME\n"
"    mcnic-fwimage build - build and sign a flashable firmware image\n\n"
"SYNOPSIS\n"
"    mcnic-fwimage build --payload BIN --fdt DTB --key KEYFILE\n"
"                        --version X.Y.Z -o IMAGE\n\n"
"DESCRIPTION\n"
"    Lays out header, payload (at a 64-byte boundary) and capability FDT\n"
"    (8-byte aligned), records the SHA-256 of everything after the header,\n"
"    the payload's build id and the signer's key id, and signs the header\n"
"    with Ed25519.  IMAGE appears complete or not at all.\n\n"
"OPTIONS\n"
"    --payload BIN     the firmware's raw binary (objcopy -O binary)\n"
"    --fdt DTB         the capability FDT (dtc -O dtb)\n"
"    --key KEYFILE     secret key from keygen\n"
"    --version X.Y.Z   MAJOR 0..65535, MINOR and PATCH 0..255\n"
"    -o, --out IMAGE   the image to write\n"
"    -h, --help        this text\n\n"
"%s"
"EXAMPLES\n"
"    mcnic-fwimage build --payload fw.raw --fdt caps.dtb \\\n"
"        --key release.key --version 0.4.0 -o mcnic-fw.bin\n",
		fwtool_exit_text);
}

static void fwtool_info_usage(FILE *f)
{
	fprintf(f,
"NAME\n"
"    mcnic-fwimage info - show a firmware image's header\n\n"
"SYNOPSIS\n"
"    mcnic-fwimage info IMAGE [--json]\n\n"
"DESCRIPTION\n"
"    Checks the layout and the SHA-256 digest and prints every header\n"
"    field.  The signature needs a key: see verify.\n\n"
"OPTIONS\n"
"    --json       one JSON object instead of text\n"
"    -h, --help   this text\n\n"
"%s"
"EXAMPLES\n"
"    mcnic-fwimage info build/firmware/mcnic-fw.bin --json\n",
		fwtool_exit_text);
}

static void fwtool_verify_usage(FILE *f)
{
	fprintf(f,
"NAME\n"
"    mcnic-fwimage verify - check an image as the NIC does\n\n"
"SYNOPSIS\n"
"    mcnic-fwimage verify IMAGE --pubkey PUBFILE\n\n"
"DESCRIPTION\n"
"    Runs every check the flash runs at FLASH_COMMIT and at boot: layout,\n"
"    the Ed25519 signature against PUBFILE, the key id, the SHA-256 digest\n"
"    and the build id.\n\n"
"OPTIONS\n"
"    --pubkey PUBFILE   the trusted public key (required)\n"
"    -h, --help         this text\n\n"
"%s"
"EXAMPLES\n"
"    mcnic-fwimage verify build/firmware/mcnic-fw.bin \\\n"
"        --pubkey build/keys/mcnic-dev.pub\n",
		fwtool_exit_text);
}

static void fwtool_usage(FILE *f)
{
	fprintf(f,
"NAME\n"
"    mcnic-fwimage - signed firmware images for the mcnic SmartNIC\n\n"
"SYNOPSIS\n"
"    mcnic-fwimage keygen --out KEYFILE [--pub PUBFILE] [--force]\n"
"    mcnic-fwimage build --payload BIN --fdt DTB --key KEYFILE\n"
"                        --version X.Y.Z -o IMAGE\n"
"    mcnic-fwimage info IMAGE [--json]\n"
"    mcnic-fwimage verify IMAGE --pubkey PUBFILE\n"
"    mcnic-fwimage COMMAND --help\n\n"
"DESCRIPTION\n"
"    An image is a header, the firmware payload and its capability FDT;\n"
"    the header carries the SHA-256 of the rest and an Ed25519 signature\n"
"    (docs/firmware-image.md).\n\n"
"COMMANDS\n"
"    keygen    make a signing key pair\n"
"    build     build and sign an image\n"
"    info      print an image's header (text or JSON)\n"
"    verify    check an image against a public key\n\n"
"OPTIONS\n"
"    -h, --help   this text (COMMAND --help: that command's)\n\n"
"%s"
"EXAMPLES\n"
"    mcnic-fwimage verify mcnic-fw.bin --pubkey mcnic-dev.pub\n",
		fwtool_exit_text);
}

static int fwtool_fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static int fwtool_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs(TOOL ": ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 1;
}

/* getopt_long over one subcommand; help handled here. */
static int fwtool_getopt(int argc, char **argv, const char *so,
			 const struct option *lo, void (*usage)(FILE *),
			 int *help)
{
	int c = getopt_long(argc, argv, so, lo, NULL);

	if (c == 'h') {
		usage(stdout);
		*help = 1;
	} else if (c == '?') {
		usage(stderr);
	}
	return c;
}

static char *fwtool_pub_path(const char *key)
{
	size_t n = strlen(key);
	char *p = malloc(n + 5);

	if (!p)
		return NULL;
	if (n > 4 && !strcmp(key + n - 4, ".key"))
		n -= 4;
	memcpy(p, key, n);
	strcpy(p + n, ".pub");
	return p;
}

static int fwtool_keygen(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "pub", required_argument, NULL, 'p' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned char pk[MCNIC_FWIMAGE_PK_LEN], sk[MCNIC_FWIMAGE_SK_LEN];
	const char *out = NULL, *pub = NULL;
	char err[ERR_LEN], id[17], *def = NULL;
	int c, force = 0, help = 0, r;

	while ((c = fwtool_getopt(argc, argv, "ho:", lo, fwtool_keygen_usage,
				  &help)) != -1) {
		if (c == 'o')
			out = optarg;
		else if (c == 'p')
			pub = optarg;
		else if (c == 'f')
			force = 1;
		else
			return help ? 0 : EXIT_USAGE;
	}
	if (!out || optind != argc) {
		fwtool_keygen_usage(stderr);
		return EXIT_USAGE;
	}
	if (!pub && !(pub = def = fwtool_pub_path(out)))
		return fwtool_fail("%s", "out of memory");
	crypto_sign_keypair(pk, sk);
	r = mcnic_fwkey_write(out, pub, sk, force, err, sizeof(err));
	sodium_memzero(sk, sizeof(sk));
	if (!r) {
		sodium_bin2hex(id, sizeof(id), pk, 8);
		printf("%s: secret key, %s: public key, key id %s\n", out, pub,
		       id);
	}
	free(def);
	return r ? fwtool_fail("%s", err) : 0;
}

struct fwtool_build_args {
	const char *payload, *fdt, *key, *version, *out;
};

static int fwtool_build_args(int argc, char **argv,
			     struct fwtool_build_args *a)
{
	static const struct option lo[] = {
		{ "payload", required_argument, NULL, 'p' },
		{ "fdt", required_argument, NULL, 'd' },
		{ "key", required_argument, NULL, 'k' },
		{ "version", required_argument, NULL, 'v' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, help = 0;

	while ((c = fwtool_getopt(argc, argv, "ho:", lo, fwtool_build_usage,
				  &help)) != -1) {
		switch (c) {
		case 'p': a->payload = optarg; break;
		case 'd': a->fdt = optarg; break;
		case 'k': a->key = optarg; break;
		case 'v': a->version = optarg; break;
		case 'o': a->out = optarg; break;
		default: return help ? 0 : EXIT_USAGE;
		}
	}
	if (!a->payload || !a->fdt || !a->key || !a->version || !a->out ||
	    optind != argc) {
		fwtool_build_usage(stderr);
		return EXIT_USAGE;
	}
	return -1;
}

static int fwtool_write_file(const char *path, const void *p, size_t n,
			     char *err, size_t errlen)
{
	size_t len = strlen(path) + 5;
	char *tmp = malloc(len);
	FILE *fp = NULL;
	int r = -EIO;

	if (tmp) {
		snprintf(tmp, len, "%s.tmp", path);
		fp = fopen(tmp, "wb");
	}
	if (fp) {
		r = fwrite(p, 1, n, fp) != n || fflush(fp) ||
		    fsync(fileno(fp)) ? -EIO : 0;
		if (fclose(fp))
			r = -EIO;
		if (!r && rename(tmp, path))
			r = -errno;
		if (r)
			unlink(tmp);
	}
	if (r)
		snprintf(err, errlen, "%s: cannot write", path);
	free(tmp);
	return r;
}

static int fwtool_check_parts(const struct fwtool_build_args *a,
			      size_t plen, const u8 *fdt, size_t flen,
			      char *err, size_t errlen)
{
	static const u8 fdt_magic[4] = { 0xd0, 0x0d, 0xfe, 0xed };

	if (!plen) {
		snprintf(err, errlen, "--payload %s: empty", a->payload);
		return -EINVAL;
	}
	if (flen < sizeof(fdt_magic) || memcmp(fdt, fdt_magic, 4)) {
		snprintf(err, errlen,
			 "--fdt %s: not a flattened device tree (dtc -O dtb)",
			 a->fdt);
		return -EINVAL;
	}
	return 0;
}

static int fwtool_make(const struct fwtool_build_args *a, u32 ver,
		       const unsigned char *sk, char *err, size_t errlen)
{
	struct mcnic_fwimage_layout lo;
	struct mcnic_fw_hdr hdr;
	void *payload = NULL, *fdt = NULL, *img = NULL;
	size_t plen = 0, flen = 0;
	int r;

	r = mcnic_fwimage_load(a->payload, &payload, &plen, err, errlen);
	if (!r)
		r = mcnic_fwimage_load(a->fdt, &fdt, &flen, err, errlen);
	if (!r)
		r = fwtool_check_parts(a, plen, fdt, flen, err, errlen);
	if (!r && mcnic_fwimage_layout(plen, flen, &lo)) {
		snprintf(err, errlen, "payload %zu + fdt %zu bytes: more than "
			 "a flash slot (%u)", plen, flen, MCNIC_FW_MAX);
		r = -EFBIG;
	}
	if (!r && !(img = malloc(lo.total_len))) {
		snprintf(err, errlen, "out of memory");
		r = -ENOMEM;
	}
	if (!r) {
		mcnic_fwimage_build(img, &lo, payload, plen, fdt, flen, ver,
				    sk);
		/* What we sign must pass the device's own checks. */
		r = mcnic_fwimage_verify(img, lo.total_len,
					 MCNIC_FWIMAGE_SK_PK(sk), &hdr, err,
					 errlen);
	}
	if (!r)
		r = fwtool_write_file(a->out, img, lo.total_len, err, errlen);
	free(img);
	free(fdt);
	free(payload);
	return r;
}

static int fwtool_build(int argc, char **argv)
{
	struct fwtool_build_args a = { NULL };
	unsigned char sk[MCNIC_FWIMAGE_SK_LEN];
	char err[ERR_LEN];
	u32 ver;
	int r;

	r = fwtool_build_args(argc, argv, &a);
	if (r >= 0)
		return r;
	if (mcnic_fwimage_version_parse(a.version, &ver)) {
		return fwtool_fail("--version %s: not MAJOR.MINOR.PATCH "
				   "(0..65535.0..255.0..255)", a.version);
	}
	r = mcnic_fwkey_read_secret(a.key, sk, err, sizeof(err));
	if (!r)
		r = fwtool_make(&a, ver, sk, err, sizeof(err));
	sodium_memzero(sk, sizeof(sk));
	if (r)
		return fwtool_fail("%s", err);
	printf("%s: version %s, signed with %s\n", a.out, a.version, a.key);
	return 0;
}

struct fwtool_hex {
	char build_id[41], key_id[17], sha256[65], sig[129], ver[16];
};

static void fwtool_hexify(const struct mcnic_fw_hdr *h, struct fwtool_hex *x)
{
	sodium_bin2hex(x->build_id, sizeof(x->build_id), h->build_id,
		       sizeof(h->build_id));
	sodium_bin2hex(x->key_id, sizeof(x->key_id), h->key_id,
		       sizeof(h->key_id));
	sodium_bin2hex(x->sha256, sizeof(x->sha256), h->sha256,
		       sizeof(h->sha256));
	sodium_bin2hex(x->sig, sizeof(x->sig), h->sig, sizeof(h->sig));
	mcnic_fwimage_version_str(h->fw_version, x->ver, sizeof(x->ver));
}

static void fwtool_print_json(const char *path, const struct mcnic_fw_hdr *h,
			      int digest_ok)
{
	struct fwtool_hex x;

	fwtool_hexify(h, &x);
	printf("{\"image\": ");
	mcnic_json_str(stdout, path);
	printf(", \"magic\": \"0x%08x\", \"format\": %u, \"hdr_len\": %u, "
	       "\"version\": \"%s\", \"fw_version\": %u, "
	       "\"payload_off\": %u, \"payload_len\": %u, "
	       "\"fdt_off\": %u, \"fdt_len\": %u, \"total_len\": %u, "
	       "\"build_id\": \"%s\", \"flags\": %u, \"key_id\": \"%s\", "
	       "\"sha256\": \"%s\", \"sha256_ok\": %s, \"sig\": \"%s\"}\n",
	       h->magic, h->format, h->hdr_len, x.ver, h->fw_version,
	       h->payload_off, h->payload_len, h->fdt_off, h->fdt_len,
	       h->total_len, x.build_id, h->flags, x.key_id, x.sha256,
	       digest_ok ? "true" : "false", x.sig);
}

static void fwtool_print_text(const char *path, const struct mcnic_fw_hdr *h,
			      int digest_ok)
{
	struct fwtool_hex x;

	fwtool_hexify(h, &x);
	printf("image        %s\n"
	       "magic        0x%08x (MNFW), format %u, header %u bytes\n"
	       "version      %s (0x%06x)\n"
	       "payload      %u bytes at %u\n"
	       "fdt          %u bytes at %u\n"
	       "total_len    %u\n"
	       "build_id     %s\n"
	       "flags        0x%x\n"
	       "key_id       %s\n"
	       "sha256       %s (%s)\n"
	       "sig          %s (check with verify --pubkey)\n",
	       path, h->magic, h->format, h->hdr_len, x.ver, h->fw_version,
	       h->payload_len, h->payload_off, h->fdt_len, h->fdt_off,
	       h->total_len, x.build_id, h->flags, x.key_id, x.sha256,
	       digest_ok ? "matches" : "MISMATCH", x.sig);
}

static int fwtool_info(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[ERR_LEN], why[ERR_LEN];
	struct mcnic_fw_hdr hdr;
	int c, json = 0, help = 0, r;
	size_t len;
	void *img;

	while ((c = fwtool_getopt(argc, argv, "h", lo, fwtool_info_usage,
				  &help)) != -1) {
		if (c != 'j')
			return help ? 0 : EXIT_USAGE;
		json = 1;
	}
	if (optind != argc - 1) {
		fwtool_info_usage(stderr);
		return EXIT_USAGE;
	}
	r = mcnic_fwimage_load(argv[optind], &img, &len, err, sizeof(err));
	if (r)
		return fwtool_fail("%s", err);
	r = mcnic_fwimage_parse(img, len, &hdr, why, sizeof(why));
	if (!r) {
		r = mcnic_fwimage_check_digest(img, &hdr, why, sizeof(why));
		(json ? fwtool_print_json : fwtool_print_text)(argv[optind],
							       &hdr, !r);
	}
	free(img);
	if (r)
		return fwtool_fail("%s: %s", argv[optind], why);
	return 0;
}

static int fwtool_verify(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "pubkey", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned char pk[MCNIC_FWIMAGE_PK_LEN];
	char err[ERR_LEN], why[ERR_LEN], ver[16];
	const char *pub = NULL, *path;
	struct mcnic_fw_hdr hdr;
	int c, help = 0, r;
	size_t len;
	void *img;

	while ((c = fwtool_getopt(argc, argv, "h", lo, fwtool_verify_usage,
				  &help)) != -1) {
		if (c != 'p')
			return help ? 0 : EXIT_USAGE;
		pub = optarg;
	}
	if (!pub || optind != argc - 1) {
		fwtool_verify_usage(stderr);
		return EXIT_USAGE;
	}
	path = argv[optind];
	r = mcnic_fwkey_read_public(pub, pk, err, sizeof(err));
	if (!r)
		r = mcnic_fwimage_load(path, &img, &len, err, sizeof(err));
	if (r)
		return fwtool_fail("%s", err);
	r = mcnic_fwimage_verify(img, len, pk, &hdr, why, sizeof(why));
	free(img);
	if (r)
		return fwtool_fail("%s: %s", path, why);
	mcnic_fwimage_version_str(hdr.fw_version, ver, sizeof(ver));
	printf("%s: OK, version %s, signed by the key in %s\n", path, ver,
	       pub);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int argc, char **argv);
	} cmds[] = {
		{ "keygen", fwtool_keygen },
		{ "build", fwtool_build },
		{ "info", fwtool_info },
		{ "verify", fwtool_verify },
	};

	if (argc >= 2 && (!strcmp(argv[1], "--help") ||
			  !strcmp(argv[1], "-h"))) {
		fwtool_usage(stdout);
		return 0;
	}
	if (mcnic_fwimage_init())
		return fwtool_fail("%s", "libsodium failed to start");
	for (size_t i = 0; argc >= 2 && i < sizeof(cmds) / sizeof(cmds[0]);
	     i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].run(argc - 1, argv + 1);
	fwtool_usage(stderr);
	return EXIT_USAGE;
}
