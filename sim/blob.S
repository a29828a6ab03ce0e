/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * A file built into mcnic-sim as read-only bytes: BLOB_FILE (a path in
 * quotes) at the symbol BLOB, its length in the u64 BLOB_size.  sim/sim.mk
 * assembles it once per blob: the default board and the built-in
 * firmware's capabilities, both compiled by dtc at build time.
 */
#define BLOB_SIZE_(b)	b##_size
#define BLOB_SIZE(b)	BLOB_SIZE_(b)

	.section .rodata
	.balign 8
	.global BLOB
BLOB:
	.incbin BLOB_FILE
.Lend:
	.balign 8
	.global BLOB_SIZE(BLOB)
BLOB_SIZE(BLOB):
	.quad .Lend - BLOB

	.section .note.GNU-stack, "", @progbits
