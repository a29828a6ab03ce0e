/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * A port's back end: where the frames of one uplink come from and go to.
 * Given on the command line as ID=KIND:ARGS:
 *
 *   udp:LOCALIP:LPORT:PEERIP:PPORT  one Ethernet frame per datagram
 *   tap:IFNAME                      a Linux TAP interface (root)
 *   pcap:[IN.pcap][:OUT.pcap]       IN's frames once at start; what
 *                                   leaves the port is written to OUT
 */
#ifndef MCNIC_SIM_SIMPORT_H
#define MCNIC_SIM_SIMPORT_H

#include <stddef.h>
#include <mcnic/types.h>

struct mcnic_simport;

struct mcnic_simport_ops {
	const char *kind;
	int (*open)(struct mcnic_simport *p, const char *arg, char *err,
		    size_t errlen);
	/* The next frame into buf: its length, 0 if none now, or -errno. */
	int (*recv)(struct mcnic_simport *p, u8 *buf, u32 max);
	/* Send a frame; 0 or -errno (the caller counts). */
	int (*send)(struct mcnic_simport *p, const u8 *frame, u32 len);
	void (*flush)(struct mcnic_simport *p);	/* may be NULL */
	void (*close)(struct mcnic_simport *p);
};

struct mcnic_simport {
	u16 id;
	const struct mcnic_simport_ops *ops;
	int fd;			/* readable when frames wait; -1: none */
	void *priv;		/* the back end's state */
	const char *spec;	/* as given, for logs */
	u64 rx, tx, rx_err, tx_err;
};

extern const struct mcnic_simport_ops mcnic_port_udp_ops;
extern const struct mcnic_simport_ops mcnic_port_tap_ops;
extern const struct mcnic_simport_ops mcnic_port_pcap_ops;

/* Parse ID=KIND:ARGS and open the back end.  0 or -errno with err. */
int mcnic_simport_open(struct mcnic_simport *p, const char *spec, char *err,
		       size_t errlen);
void mcnic_simport_close(struct mcnic_simport *p);

#endif /* MCNIC_SIM_SIMPORT_H */
