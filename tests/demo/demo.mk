# `make demo` itself as a test: every frame round-trips and tshark, with its
# checksum validation on, finds nothing malformed in any of the pcaps.
TEST_SUITES	+= demo/tunnel-demo=tests/demo/tunnel-demo.sh
TEST_DEPS	+= $(TUNNEL_DEMO)
TEST_SUITES	+= demo/multicloud=tests/demo/multicloud-demo.sh
TEST_DEPS	+= $(MCNIC_SIM)
# The live demo: two mcnic-sim daemons, mcnicctl, tenants over the socket.
TEST_SUITES	+= demo/two-clouds=tests/demo/two-clouds.sh
TEST_DEPS	+= $(MCNIC_SIM) $(MCNICCTL)
# The same with real Linux hosts in namespaces on TAP vports (root).
TEST_SUITES	+= demo/two-clouds-netns=tests/demo/two-clouds-netns.sh
