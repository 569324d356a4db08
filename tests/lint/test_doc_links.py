# SPDX-License-Identifier: Apache-2.0
"""Every relative link in README.md and Documentation/ reaches a file, and
every #anchor a heading of the page it names (GitHub's heading slugs), so
that moving a section or a page cannot leave a reader at a dead link."""

import re

from bulwark_test import SRCTREE

LINK = re.compile(r"\]\(([^)\s]+)\)")
HEADING = re.compile(r"#+ (.*)")


def pages():
    return [SRCTREE / "README.md"] + sorted((SRCTREE / "Documentation").rglob("*.md"))


def slug(heading):
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page):
    """The anchors of PAGE's headings outside code blocks (a repeated one gets -1, -2...)."""
    found, seen, in_code = set(), {}, False
    for line in page.read_text().splitlines():
        if line.startswith("```"):
            in_code = not in_code
        match = None if in_code else HEADING.match(line)
        if match:
            base = slug(match.group(1))
            n = seen.get(base, 0)
            seen[base] = n + 1
            found.add(base if n == 0 else f"{base}-{n}")
    return found


def test_relative_links_and_anchors_resolve():
    bad = []
    for page in pages():
        for target in LINK.findall(page.read_text()):
            if re.match(r"[a-z]+:", target):
                continue  # http:, https:, mailto:
            path, _, anchor = target.partition("#")
            dest = (page.parent / path).resolve() if path else page
            where = f"{page.relative_to(SRCTREE)}: ({target})"
            if not dest.exists():
                bad.append(f"{where}: no such file")
            elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
                bad.append(f"{where}: no heading with that anchor")
    assert not bad, "dead links:\n" + "\n".join(bad)


def test_a_dead_link_is_found(tmp_path):
    """The checker itself: a page linking a missing heading is caught."""
    page = tmp_path / "page.md"
    page.write_text("# Real heading\n\n[ok](#real-heading) [dead](#gone)\n")
    assert anchors(page) == {"real-heading"}
    assert "gone" not in anchors(page)
