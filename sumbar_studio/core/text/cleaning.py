"""Small text hygiene shared by the CLI, the store and the checker.

* :func:`strip_bom` — a UTF-8 byte order mark at the very start of a caption (a file saved by
  Notepad, a paste from some editors) is not part of the text: it would be pasted into the
  platform and shift every column of line 1.
* :func:`terminal_safe` — user text (titles, captions, file names) printed on a terminal must
  not carry escape sequences that move the cursor, retitle the window, hide lines or fake other
  output: C0/C1 control characters (other than newline and tab), DEL and the bidirectional
  overrides are shown as visible ``\\x1b``-style escapes instead.
"""

from __future__ import annotations

import json
import re

BOM = "\ufeff"

#: C0 controls except tab and newline, DEL, C1 controls, and bidi embeddings/overrides/isolates
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: what json.dumps(ensure_ascii=False) leaves raw but a terminal would still act on
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_bom(text: str) -> str:
    """``text`` without the byte order mark(s) at its start."""
    return text.lstrip(BOM) if text.startswith(BOM) else text


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every character a terminal would act on written as a visible escape."""
    return _UNSAFE.sub(_escape, text)


def terminal_safe_json(data: object) -> str:
    """JSON text of ``data`` (UTF-8, indented) with no character a terminal would act on:
    json already escapes C0 controls; DEL, C1 and bidi controls become ``\\uXXXX`` escapes,
    so the output stays valid JSON with the same values."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
