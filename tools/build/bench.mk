# SPDX-License-Identifier: Apache-2.0
# 'make bench' (the configured board) and 'make bench-all' (every QEMU
# board): native against virtualized counts under QEMU -icount; results in
# $(O)/bench/results.json and a chart in $(O)/bench/latency.png.

bench-tool = $(call need-python)$(PYTHON) $(srctree)/tools/bench/bench.py \
	--objtree $(objtree)/bench

bench-all:
	$(Q)$(bench-tool)

.PHONY: bench-all
