// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * HAL back end for the development board: QEMU's RISC-V "virt" machine
 * (NS16550A console at 0x10000000, SiFive test finisher at 0x100000).
 */
#include "hal.h"

#define VIRT_UART0		0x10000000UL
#define VIRT_UART_THR		0
#define VIRT_UART_LSR		5
#define VIRT_UART_LSR_THRE	0x20
#define VIRT_TEST		0x100000UL
#define VIRT_TEST_PASS		0x5555
#define VIRT_TEST_FAIL		0x3333

static volatile unsigned char *const virt_uart =
	(volatile unsigned char *)VIRT_UART0;

void mcnic_hal_console_write(const char *s)
{
	for (; *s; s++) {
		while (!(virt_uart[VIRT_UART_LSR] & VIRT_UART_LSR_THRE))
			;
		virt_uart[VIRT_UART_THR] = *s;
	}
}

void mcnic_hal_halt(int failed)
{
	volatile unsigned int *test = (volatile unsigned int *)VIRT_TEST;

	/* Fail code carries exit status 1 in bits 31:16. */
	*test = failed ? (1u << 16 | VIRT_TEST_FAIL) : VIRT_TEST_PASS;
	for (;;)
		__asm__ volatile("wfi");
}
