# The simulator's side: for now the tunnel demo tool and the pcap writer.
