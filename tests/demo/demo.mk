# `make demo` itself as a test: every frame round-trips and tshark, with its
# checksum validation on, finds nothing malformed in any of the pcaps.
TEST_SUITES	+= demo/tunnel-demo=tests/demo/tunnel-demo.sh
TEST_DEPS	+= $(TUNNEL_DEMO)
TEST_SUITES	+= demo/multicloud=tests/demo/multicloud-demo.sh
TEST_DEPS	+= $(MCNIC_SIM)
