/* SPDX-License-Identifier: Apache-2.0 */
/* A one-pass walk of a flattened device tree's structure block (devicetree specification, ch. 5).
 */
#include <stdint.h>
#include "../string.h"
#include "fdt.h"

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE   2u
#define FDT_PROP       3u
#define FDT_NOP	       4u
#define FDT_END	       9u
#define MAX_DEPTH      8
/* A walk stops after this many tokens: a damaged tree must not hang the guest. */
#define MAX_TOKENS 100000u

/* Big-endian cells may sit anywhere: read them a byte at a time. */
static uint32_t be32(unsigned long addr)
{
	const volatile uint8_t *p = (const volatile uint8_t *)addr;

	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned long align4(unsigned long x)
{
	return (x + 3) & ~3UL;
}

static bool streq(const char *a, const char *b)
{
	size_t n = strlen(b);

	return strlen(a) == n && !memcmp(a, b, n);
}

/* Whether the NUL-separated string list of len bytes holds s. */
static bool list_has(const char *list, unsigned long len, const char *s)
{
	unsigned long at = 0;

	while (at < len) {
		if (streq(list + at, s))
			return true;
		at += strlen(list + at) + 1;
	}
	return false;
}

/* What the walk learns about the node it is in. */
struct node {
	unsigned int path_len; /* the path's length up to and including this node */
	unsigned int address_cells;
	bool match;
	unsigned long reg, interrupts; /* property values, 0 when absent */
};

struct walk {
	unsigned long strings;
	char path[FDT_PATH_MAX];
	struct node nodes[MAX_DEPTH];
	int depth; /* index of the current node, -1 outside the root */
};

static void enter(struct walk *w, const char *name)
{
	unsigned int len = w->depth >= 0 ? w->nodes[w->depth].path_len : 0;
	size_t n = strlen(name);
	struct node *node;

	if (++w->depth >= MAX_DEPTH)
		return;
	node = &w->nodes[w->depth];
	/* The root's name is empty; every other node adds "/name". */
	if (w->depth > 0 && len + 1 + n < FDT_PATH_MAX) {
		w->path[len++] = '/';
		memcpy(w->path + len, name, n);
		len += (unsigned int)n;
	}
	w->path[len] = '\0';
	*node = (struct node){.path_len = len, .address_cells = 2};
}

/* Reports the current node into out when it matched; returns whether it did. */
static bool take(const struct walk *w, struct fdt_device *out)
{
	const struct node *node;
	unsigned int cells;

	if (w->depth <= 0 || w->depth >= MAX_DEPTH || !w->nodes[w->depth].match)
		return false; /* the root is no device */
	node = &w->nodes[w->depth];
	cells = w->nodes[w->depth - 1].address_cells;
	memcpy(out->path, w->path, node->path_len + 1);
	out->base = 0;
	if (node->reg)
		/* An RV32 guest reaches devices below 4 GiB only: the low word is theirs. */
		out->base =
		    cells == 2
			? (unsigned long)((uint64_t)be32(node->reg) << 32 | be32(node->reg + 4))
			: be32(node->reg);
	out->irq = node->interrupts ? be32(node->interrupts) : 0;
	return true;
}

static void property(struct walk *w, unsigned long value, uint32_t len, const char *name,
		     const char *compat)
{
	struct node *node;

	if (w->depth < 0 || w->depth >= MAX_DEPTH)
		return;
	node = &w->nodes[w->depth];
	if (streq(name, "compatible") && compat)
		node->match = list_has((const char *)value, len, compat);
	else if (streq(name, "#address-cells") && len == 4)
		node->address_cells = be32(value);
	else if (streq(name, "reg") && len >= 4)
		node->reg = value;
	else if (streq(name, "interrupts") && len >= 4)
		node->interrupts = value;
}

/*
 * Walks the tree; with compat, stops at the first node compatible with it.
 * With want_prop, stops at that property of the node at path want_node (""
 * when unused) and returns its value's address and length.
 */
static bool walk(unsigned long dtb, const char *compat, struct fdt_device *out,
		 const char *want_node, const char *want_prop, unsigned long *value, uint32_t *len)
{
	struct walk w = {.depth = -1};
	unsigned long at;

	if (!dtb || be32(dtb) != FDT_MAGIC)
		return false;
	at = dtb + be32(dtb + 8);
	w.strings = dtb + be32(dtb + 12);
	for (unsigned int n = 0; n < MAX_TOKENS; n++) {
		uint32_t token = be32(at);

		at += 4;
		if (token == FDT_BEGIN_NODE) {
			const char *name = (const char *)at;

			if (compat && take(&w, out))
				return true; /* a node's properties come before its children */
			enter(&w, name);
			at = align4(at + strlen(name) + 1);
		} else if (token == FDT_END_NODE) {
			if (compat && take(&w, out))
				return true;
			w.depth--;
		} else if (token == FDT_PROP) {
			uint32_t plen = be32(at);
			const char *pname = (const char *)(w.strings + be32(at + 4));

			if (want_prop && w.depth < MAX_DEPTH && streq(pname, want_prop) &&
			    streq(w.path[0] ? w.path : "/", want_node)) {
				*value = at + 8;
				*len = plen;
				return true;
			}
			property(&w, at + 8, plen, pname, compat);
			at = align4(at + 8 + plen);
		} else if (token != FDT_NOP) {
			return false; /* FDT_END or damage */
		}
	}
	return false;
}

bool fdt_find_compatible(unsigned long dtb, const char *compat, struct fdt_device *out)
{
	return walk(dtb, compat, out, "", NULL, NULL, NULL);
}

bool fdt_stdout_path(unsigned long dtb, char *path, unsigned long size)
{
	unsigned long value = 0;
	uint32_t len = 0;
	unsigned long n = 0;

	if (!size || !walk(dtb, NULL, NULL, "/chosen", "stdout-path", &value, &len))
		return false;
	while (n + 1 < size && n < len && ((const char *)value)[n] &&
	       ((const char *)value)[n] != ':') {
		path[n] = ((const char *)value)[n];
		n++;
	}
	path[n] = '\0';
	return n > 0;
}
