"""The hand-written stylesheets stay well formed: a lost `}` (easy at a merge) silently puts every later rule
inside the block above it, such as `@media print`, and the screen loses them."""

import re
from pathlib import Path

import pytest
from django.conf import settings

STYLESHEETS = sorted((Path(settings.BASE_DIR) / "static" / "css").glob("*.css"))


def depths(css):
    """Yield (line number, nesting depth at the start of the line), ignoring comments and strings."""
    depth, line_number = 0, 1
    token = re.compile(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|[{}\n]", re.S)
    yield line_number, depth
    for match in token.finditer(css):
        text = match.group()
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
            assert depth >= 0, f"line {line_number}: a `}}` closes nothing"
        elif text == "\n":
            line_number += 1
            yield line_number, depth
        else:
            line_number += text.count("\n")
    yield line_number, depth


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: path.name)
def test_every_block_is_closed_and_each_part_starts_at_the_top_level(path):
    css = path.read_text()
    at = dict(depths(css))
    last_line = max(at)
    assert at[last_line] == 0, f"{path.name}: {at[last_line]} block(s) left open at the end"
    for number, line in enumerate(css.splitlines(), start=1):
        if line.startswith("/* === "):
            assert at[number] == 0, f"{path.name} line {number} ({line[:40]}…) is inside an unclosed block"


def test_the_check_finds_a_lost_brace():
    css = "@media print {\n  .a { display: none; }\n\n/* === b === */\n.b { color: red; }\n"
    at = dict(depths(css))
    assert at[4] == 1 and at[max(at)] == 1
