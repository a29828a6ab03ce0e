# The flashable image itself, booted on the development board (QEMU virt):
# its power-on self-test must pass.
TEST_SUITES	+= riscv/fw-post=tests/riscv/fw-post.sh
TEST_DEPS	+= $(FW_ELF)
