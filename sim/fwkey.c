// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Firmware signing key files.  Text rather than raw bytes so a key can be
 * told apart from a public key or any other file, and refused clearly.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>

#include "fwimage.h"
#include "fwkey.h"

#define FWKEY_FILE_MAX	4096

struct fwkey_kind {
	const char *hdr;
	const char *other;	/* the other kind's header: a likely mix-up */
	const char *what;
	size_t len;		/* bytes in the hex line */
};

static const struct fwkey_kind fwkey_secret = {
	MCNIC_FWKEY_SECRET_HDR, MCNIC_FWKEY_PUBLIC_HDR, "secret",
	MCNIC_FWKEY_SEED_LEN,
};

static const struct fwkey_kind fwkey_public = {
	MCNIC_FWKEY_PUBLIC_HDR, MCNIC_FWKEY_SECRET_HDR, "public",
	MCNIC_FWIMAGE_PK_LEN,
};

static int fwkey_slurp(const char *path, char *buf, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "r");
	size_t len;
	int r = 0;

	if (!fp) {
		r = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return r;
	}
	len = fread(buf, 1, FWKEY_FILE_MAX + 1, fp);
	if (ferror(fp)) {
		r = -EIO;
		snprintf(err, errlen, "%s: read error", path);
	} else if (len > FWKEY_FILE_MAX || memchr(buf, 0, len)) {
		r = -EINVAL;
		snprintf(err, errlen, "%s: not a key file (binary or > %d bytes)",
			 path, FWKEY_FILE_MAX);
	}
	fclose(fp);
	buf[len > FWKEY_FILE_MAX ? FWKEY_FILE_MAX : len] = '\0';
	return r;
}

static int fwkey_hex(const char *path, int line, const char *s,
		     const struct fwkey_kind *k, unsigned char *out,
		     char *err, size_t errlen)
{
	size_t i, n = strlen(s);

	for (i = 0; i < n; i++) {
		if (!strchr("0123456789abcdefABCDEF", s[i])) {
			snprintf(err, errlen,
				 "%s:%d:%zu: '%c' is not a hex digit",
				 path, line, i + 1, s[i]);
			return -EINVAL;
		}
	}
	if (n != 2 * k->len) {
		snprintf(err, errlen, "%s:%d: %zu hex digits, a %s key has %zu",
			 path, line, n, k->what, 2 * k->len);
		return -EINVAL;
	}
	return sodium_hex2bin(out, k->len, s, n, NULL, NULL, NULL) ?
	       -EINVAL : 0;
}

static int fwkey_check_hdr(const char *path, const char *s,
			   const struct fwkey_kind *k, char *err,
			   size_t errlen)
{
	if (!strcmp(s, k->hdr))
		return 0;
	if (!strcmp(s, k->other))
		snprintf(err, errlen, "%s:1: not a %s key file (this is %s)",
			 path, k->what, k->other);
	else
		snprintf(err, errlen, "%s:1: not an mcnic key file (want \"%s\")",
			 path, k->hdr);
	return -EINVAL;
}

/* Header line, then '#' comments, empty lines and exactly one key line. */
static int fwkey_parse(const char *path, char *buf,
		       const struct fwkey_kind *k, unsigned char *out,
		       char *err, size_t errlen)
{
	char *s = buf, *nl;
	int line, found = 0, r = 0;

	for (line = 1; *s && !r; line++, s = nl ? nl + 1 : s + strlen(s)) {
		nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		s[strcspn(s, "\r")] = '\0';
		if (line == 1) {
			r = fwkey_check_hdr(path, s, k, err, errlen);
		} else if (!*s || *s == '#') {
			continue;
		} else if (found++) {
			snprintf(err, errlen, "%s:%d: a second key line",
				 path, line);
			r = -EINVAL;
		} else {
			r = fwkey_hex(path, line, s, k, out, err, errlen);
		}
	}
	if (!r && !found) {
		snprintf(err, errlen, "%s: no key line", path);
		r = -EINVAL;
	}
	return r;
}

static int fwkey_read(const char *path, const struct fwkey_kind *k,
		      unsigned char *out, char *err, size_t errlen)
{
	char buf[FWKEY_FILE_MAX + 1];
	int r;

	r = fwkey_slurp(path, buf, err, errlen);
	if (!r)
		r = fwkey_parse(path, buf, k, out, err, errlen);
	sodium_memzero(buf, sizeof(buf));
	return r;
}

int mcnic_fwkey_read_secret(const char *path, unsigned char *sk,
			    char *err, size_t errlen)
{
	unsigned char seed[MCNIC_FWKEY_SEED_LEN];
	unsigned char pk[MCNIC_FWIMAGE_PK_LEN];
	int r;

	r = fwkey_read(path, &fwkey_secret, seed, err, errlen);
	if (!r)
		crypto_sign_seed_keypair(pk, sk, seed);
	sodium_memzero(seed, sizeof(seed));
	return r;
}

int mcnic_fwkey_read_public(const char *path, unsigned char *pk,
			    char *err, size_t errlen)
{
	return fwkey_read(path, &fwkey_public, pk, err, errlen);
}

static int fwkey_write_one(const char *path, const struct fwkey_kind *k,
			   const unsigned char *key, const unsigned char *pk,
			   int force, char *err, size_t errlen)
{
	char hex[2 * MCNIC_FWIMAGE_PK_LEN + 1], id[17];
	int mode = k == &fwkey_secret ? 0600 : 0644;
	int fd, r = 0;
	FILE *fp;

	fd = open(path, O_WRONLY | O_CREAT | (force ? O_TRUNC : O_EXCL), mode);
	if (fd < 0 || fchmod(fd, mode)) {
		r = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return r;
	}
	fp = fdopen(fd, "w");
	sodium_bin2hex(hex, sizeof(hex), key, k->len);
	sodium_bin2hex(id, sizeof(id), pk, 8);
	if (!fp || fprintf(fp, "%s\n# Ed25519 %s key, key id %s\n%s\n",
			   k->hdr, k->what, id, hex) < 0 ||
	    fflush(fp) || fsync(fd))
		r = -EIO;
	if (fp ? fclose(fp) : close(fd))
		r = -EIO;
	sodium_memzero(hex, sizeof(hex));
	if (r)
		snprintf(err, errlen, "%s: write error", path);
	return r;
}

int mcnic_fwkey_write(const char *sk_path, const char *pk_path,
		      const unsigned char *sk, int force,
		      char *err, size_t errlen)
{
	const unsigned char *pk = MCNIC_FWIMAGE_SK_PK(sk);
	int r;

	/* The seed is the first half of libsodium's secret key. */
	r = fwkey_write_one(sk_path, &fwkey_secret, sk, pk, force, err,
			    errlen);
	if (r)
		return r;
	r = fwkey_write_one(pk_path, &fwkey_public, pk, pk, force, err,
			    errlen);
	if (r)
		unlink(sk_path);
	return r;
}
