/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Firmware signing key files (docs/firmware-image.md): text, one header
 * line naming the kind, '#' comment lines, one line of lower- or
 * upper-case hex.
 *
 *   mcnic-fwimage-ed25519-secret-v1     the 32-byte Ed25519 seed
 *   mcnic-fwimage-ed25519-public-v1     the 32-byte public key
 *
 * A malformed file is refused with "PATH:LINE: what is wrong" in err.
 */
#ifndef MCNIC_SIM_FWKEY_H
#define MCNIC_SIM_FWKEY_H

#include <stddef.h>

#define MCNIC_FWKEY_SECRET_HDR	"mcnic-fwimage-ed25519-secret-v1"
#define MCNIC_FWKEY_PUBLIC_HDR	"mcnic-fwimage-ed25519-public-v1"
#define MCNIC_FWKEY_SEED_LEN	32

/*
 * Read a secret key file into sk (MCNIC_FWIMAGE_SK_LEN bytes, libsodium's
 * layout: seed || public key).  Returns 0 or -errno with err.
 */
int mcnic_fwkey_read_secret(const char *path, unsigned char *sk,
			    char *err, size_t errlen);

/* Read a public key file into pk (MCNIC_FWIMAGE_PK_LEN bytes). */
int mcnic_fwkey_read_public(const char *path, unsigned char *pk,
			    char *err, size_t errlen);

/*
 * Write sk's secret key file (mode 0600) and its public key file.  An
 * existing file is replaced only with force.  Returns 0 or -errno.
 */
int mcnic_fwkey_write(const char *sk_path, const char *pk_path,
		      const unsigned char *sk, int force,
		      char *err, size_t errlen);

#endif /* MCNIC_SIM_FWKEY_H */
