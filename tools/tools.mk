# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Tools: firmware image signing (filled in by the image work).
