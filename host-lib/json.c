// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * JSON strings: whatever bytes a name or path holds, quoted so that the
 * output stays valid JSON (RFC 8259 section 7: quote, backslash and
 * control characters escaped).
 */
#include <stdio.h>

#include "mcnic.h"

void mcnic_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}
