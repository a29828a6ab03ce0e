/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The firmware's only door to hardware.  Each board supplies one back end;
 * the data plane (dp/) never touches hardware and builds natively too.
 */
#ifndef MCNIC_HAL_H
#define MCNIC_HAL_H

void mcnic_hal_console_write(const char *s);
/* Stops the core; on a development board this also ends the emulator. */
void __attribute__((noreturn)) mcnic_hal_halt(int failed);

#endif /* MCNIC_HAL_H */
