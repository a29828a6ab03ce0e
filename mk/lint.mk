# Static checks: sparse sees the contract's __be16/__be32/__sum16 types
# (a missed byte swap is an error), cppcheck looks for C mistakes.
LINT_SRCS	:= $(wildcard firmware/*/*.c sim/*.c host-lib/*.c host-lib/ctl/*.c \
		   tools/*.c)

lint:
	@echo "sparse: $(words $(LINT_SRCS)) files"
	@for f in $(LINT_SRCS); do \
		sparse -std=gnu11 -Wbitwise -Wsparse-error -Iinclude -Ifirmware -I. -Ihost-lib -Ihdl/tb -m64 $$f || exit 1; \
	done
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
		--inline-suppr -Iinclude -Ifirmware -I. -Ihost-lib -Ihdl/tb $(LINT_SRCS)
