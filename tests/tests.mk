# Tests.  Each area has its own tests/<area>/<area>.mk, which builds what it
# needs and appends NAME=PROGRAM pairs to TEST_SUITES (see tests/run.sh for
# what a suite must print) and prerequisites to TEST_DEPS.  Suites find
# build outputs under $$BUILD (default build/).

TEST_SUITES	:=
TEST_DEPS	:=
CMOCKA_LIBS	:= -lcmocka

include $(wildcard tests/*/*.mk)

test: deps
	$(Q)$(MAKE) all $(TEST_DEPS)
	@BUILD=$(BUILD) tests/run.sh $(TEST_SUITES)
