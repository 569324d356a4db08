# SPDX-License-Identifier: Apache-2.0
# 'make compile_commands.json': the compilation database for clangd and
# other editors, written from the same object list and flags as the build.

src-of = $(firstword $(wildcard $(patsubst %.o,$(srctree)/%.c,$(1)) \
	$(patsubst %.o,$(srctree)/%.S,$(1)) $(if $(BOARD_ROOT),$(patsubst %.o,$(BOARD_ROOT)/%.c,$(1)))))
compdb-entry = {"directory": "$(srctree)", "file": "$(call src-of,$(1))", \
	"command": "$(subst ",\",$(if $(filter %.S,$(call src-of,$(1))),$(s-cmd),$(c-cmd))) \
	-c -o $(objtree)/$(1) $(call src-of,$(1))"}

compile_commands.json: prepare
	$(call say,GEN,compile_commands.json)
	$(file >$(objtree)/compile_commands.json,[)
	$(foreach o,$(all-objs),$(file >>$(objtree)/compile_commands.json,$(call \
		compdb-entry,$(o))$(if $(filter-out $(o),$(lastword $(all-objs))),$(comma))))
	$(file >>$(objtree)/compile_commands.json,])

.PHONY: compile_commands.json
