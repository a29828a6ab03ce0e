# Debian packages.  `make deps` installs what is missing and does nothing
# (no apt-get update either) when everything is present.
#   build-essential        native build
#   clang llvm libclang-rt-14-dev   libFuzzer targets with ASan/UBSan
#   libcmocka-dev          unit tests
#   libpcap-dev            pcap files written by the demo and tools
#   gcc/binutils/picolibc-riscv64-unknown-elf   the NIC cores' firmware
#   qemu-system-misc       qemu-system-riscv64 runs the RISC-V build
#   python3-scapy          oracle: expected packets
#   tshark                 oracle: dissects our output
#   iproute2               network namespaces for the kernel VXLAN peer
#   valgrind               callgrind instruction counts in make bench
#   libdpdk-dev pkg-config DPDK 22.11: the baseline make bench runs beside ours
#   iputils-ping ethtool procps   kernel VXLAN interop: ping -m, veth csum offload, sysctl
#   libsodium-dev          Ed25519 signatures and SHA-256 of firmware images
#   libfdt-dev device-tree-compiler   board descriptions and the capability FDT
#   libpci-dev             libmcnic finds NICs by PCI address
#   verilator              the HDL pipeline's models (tests, mcnic-sim's HDL engine)
#   yosys                  generic synthesis of the HDL pipeline in make lint
#   linux-headers-amd64    mcnic.ko is built against Debian's kernel (the
#                          QEMU guest runs that kernel, fetched by tests/hil)
#   qemu-system-x86 busybox-static cpio kmod xz-utils   the QEMU guest of
#                          the hardware-in-the-loop tests and its initramfs
DEB_PKGS := build-essential clang llvm libclang-rt-14-dev libcmocka-dev \
	libpcap-dev gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf \
	picolibc-riscv64-unknown-elf qemu-system-misc python3-scapy tshark \
	iproute2 valgrind libdpdk-dev pkg-config iputils-ping ethtool \
	sparse cppcheck procps libyaml-dev libsodium-dev libfdt-dev \
	device-tree-compiler libpci-dev verilator yosys linux-headers-amd64 \
	qemu-system-x86 busybox-static cpio kmod xz-utils

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get -o DPkg::Lock::Timeout=900 -y -q

deps:
	@missing=$$(for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${db:Status-Abbrev}' $$p 2>/dev/null | grep -q '^ii' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "deps: installing" $$missing; \
		$(APT) update && $(APT) install --no-install-recommends $$missing; \
	else \
		echo "deps: all Debian packages present"; \
	fi
