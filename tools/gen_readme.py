#!/usr/bin/env python3
"""Write each addon's README.rst from its readme/ fragments (as OCA does).

``python3 tools/gen_readme.py``          rewrites the README.rst files;
``python3 tools/gen_readme.py --check``  fails when one is out of date.
"""

import ast
import re
import sys
from pathlib import Path

ADDONS = Path(__file__).resolve().parent.parent / "addons"
SECTIONS = (
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
)


def md_to_rst(text):
    """The little Markdown the fragments use: `code`, **bold**, lists, ## titles,
    links and pictures alone on their line."""
    lines = []
    for line in text.strip().splitlines():
        image = re.match(r"^!\[([^\]]*)\]\(([^)]+)\)$", line.strip())
        if image:  # a picture in readme/, from the addon's folder
            lines += [f".. image:: readme/{image.group(2)}", f"   :alt: {image.group(1)}"]
            lines += ["   :width: 240px"]
            continue
        title = re.match(r"^#+\s+(.*)", line)
        if title:
            lines += [title.group(1), "~" * len(title.group(1))]
            continue
        line = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", line)
        line = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"`\1 <\2>`_", line)
        lines.append(line)
    return "\n".join(lines)


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    name = manifest["name"]
    out = ["=" * len(name), name, "=" * len(name), "", f"*{manifest['summary']}*", ""]
    out += [f"Version {manifest['version']}, license {manifest['license']}.", ""]
    out += [".. contents::", "   :local:", ""]
    for fragment, title in SECTIONS:
        path = addon / "readme" / fragment
        if not path.exists():
            continue
        if title:
            out += [title, "=" * len(title), ""]
        out += [md_to_rst(path.read_text()), ""]
    out += ["Credits", "=======", "", f"Authors: {manifest['author']}.", ""]
    return "\n".join(out)


def main():
    check = "--check" in sys.argv
    stale = []
    for manifest in sorted(ADDONS.glob("*/__manifest__.py")):
        addon = manifest.parent
        text = render(addon)
        target = addon / "README.rst"
        if check:
            if not target.exists() or target.read_text() != text:
                stale.append(str(target))
        else:
            target.write_text(text)
    if stale:
        sys.exit("README.rst out of date (run tools/gen_readme.py): " + ", ".join(stale))


if __name__ == "__main__":
    main()
