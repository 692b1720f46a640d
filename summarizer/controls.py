"""Characters a terminal or a viewer obeys instead of showing.

C0 and C1 controls (ANSI and OSC escape sequences start with ESC or CSI: ``\\x1b[2J`` clears
the screen, ``\\x1b]8;;URL\\x07`` makes a hidden link), and bidirectional overrides, isolates
and Unicode tag characters, which make text read other than it is. Articles, feeds, JSONL
records and model output can all carry them. Article text drops them when it is read
(``inputs.clean_text``); a line for the terminal shows them escaped, so a log line says
what an id holds and can neither redraw the screen nor start a line of its own.
"""

from __future__ import annotations

import re

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 controls but tab, newline and carriage return."""
INVISIBLE_FORMATTING = re.compile("[\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]")
"""Bidirectional overrides and isolates, which can make text read differently from what it
holds, and Unicode tag characters, which render as nothing yet spell out ASCII to a model."""
_NOT_IN_A_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]"
)


def drop_controls(text: str) -> str:
    """``text`` without controls (but tab, newline and carriage return) and invisible
    formatting."""
    return INVISIBLE_FORMATTING.sub("", CONTROL_CHARS.sub("", text))


def terminal_line(text: str) -> str:
    """``text`` as one inert line for a terminal: every control (newlines too) and invisible
    formatting character is shown as its Python escape (``\\x1b``, ``\\n``, ``\\u202e``)."""
    return _NOT_IN_A_LINE.sub(lambda match: match[0].encode("unicode_escape").decode(), text)
