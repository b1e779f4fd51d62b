"""Text layout: shaping, wrapping with Indonesian hyphenation, shrink-to-fit, balanced lines.

Measurements use the real font (``FreeTypeFont.getlength`` with raqm shaping and kerning when
Pillow has it, basic layout otherwise; :func:`text_engine_info` says which). Words are never
broken except at a hyphenation point (pyphen, ``id_ID`` patterns). A text that does not fit even
at the template's minimum size is reported as overflow, never silently clipped.

Emoji are drawn with the system's colour emoji font when one exists, else left out cleanly.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

# ----------------------------------------------------------------------------------------
# text engine


def _has_raqm() -> bool:
    try:
        return bool(features.check("raqm"))
    except Exception:  # pragma: no cover - defensive: a broken libraqm install
        return False


_FORCE_BASIC = os.environ.get("SUMBAR_TEXT_ENGINE", "").lower() == "basic"
RAQM = _has_raqm() and not _FORCE_BASIC
LAYOUT_ENGINE = ImageFont.Layout.RAQM if RAQM else ImageFont.Layout.BASIC


def text_engine() -> str:
    return "raqm" if RAQM else "basic"


def text_engine_info() -> dict[str, object]:
    """What the ``doctor`` command prints about text rendering."""
    import PIL

    emoji = find_emoji_font()
    return {
        "engine": text_engine(),
        "raqm_available": _has_raqm(),
        "raqm_version": features.version("raqm") if _has_raqm() else None,
        "fribidi_version": features.version("fribidi") if _has_raqm() else None,
        "harfbuzz_version": features.version("harfbuzz") if _has_raqm() else None,
        "pillow_version": PIL.__version__,
        "hyphenation": "pyphen id_ID" if _hyphenator() is not None else None,
        "emoji_font": str(emoji) if emoji else None,
        "note": "" if RAQM else "raqm tidak tersedia: tata letak dasar tanpa kerning/ligatur",
    }


@lru_cache(maxsize=512)
def get_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, max(1, int(size)), layout_engine=LAYOUT_ENGINE)


# ----------------------------------------------------------------------------------------
# emoji

EMOJI_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
    "/usr/share/fonts/noto/NotoColorEmoji.ttf",
    "/usr/share/fonts/google-noto-emoji/NotoColorEmoji.ttf",
    "/usr/local/share/fonts/NotoColorEmoji.ttf",
    os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts", "seguiemj.ttf"),
    "/System/Library/Fonts/Apple Color Emoji.ttc",
)
ENV_EMOJI_FONT = "SUMBAR_EMOJI_FONT"  # a path, or "none" to disable

_EMOJI_CHARS = (
    "\U0001f000-\U0001faff"  # pictographs, emoticons, transport, supplemental symbols
    "\u2600-\u27bf"  # misc symbols, dingbats
    "\u2b00-\u2bff"  # arrows/stars (⭐)
    "\u2300-\u23ff"  # technical (⌚ ⏰)
    "\u2190-\u21ff"  # arrows
    "\u3030\u303d\u3297\u3299\u00a9\u00ae\u2122\u2139\u24c2\u203c\u2049"
)
_EMOJI_MOD = "\ufe0f\ufe0e\u200d\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
#: one emoji cluster: a pictograph plus modifiers/ZWJ sequences, or a flag pair, or a keycap
EMOJI_RE = re.compile(
    rf"(?:[\U0001F1E6-\U0001F1FF]{{2}}"
    rf"|[0-9#*]\uFE0F?\u20E3"
    rf"|[{_EMOJI_CHARS}][{_EMOJI_MOD}]*(?:\u200D[{_EMOJI_CHARS}][{_EMOJI_MOD}]*)*)"
)
_STRAY_MODS = re.compile(f"[{_EMOJI_MOD}]")


@lru_cache(maxsize=1)
def find_emoji_font() -> Path | None:
    configured = os.environ.get(ENV_EMOJI_FONT)
    if configured:
        if configured.lower() == "none":
            return None
        return Path(configured) if Path(configured).is_file() else None
    for candidate in EMOJI_FONT_CANDIDATES:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


@lru_cache(maxsize=1)
def _emoji_base_font() -> tuple[ImageFont.FreeTypeFont, int] | None:
    path = find_emoji_font()
    if path is None:
        return None
    # bitmap colour fonts (CBDT) only load at their strike size: 109 for Noto Color Emoji
    for size in (109, 136, 160, 96, 64):
        try:
            return ImageFont.truetype(str(path), size, layout_engine=LAYOUT_ENGINE), size
        except OSError:
            continue
    return None


def has_emoji(text: str) -> bool:
    return EMOJI_RE.search(text) is not None


def strip_emoji(text: str) -> str:
    """Remove emoji cleanly: no tofu, no double spaces left behind."""
    out = EMOJI_RE.sub("", text)
    out = _STRAY_MODS.sub("", out)
    out = re.sub(r"[ \t]{2,}", " ", out)
    out = re.sub(r" +([,.!?;:])", r"\1", out)
    return "\n".join(line.strip() for line in out.split("\n"))


@lru_cache(maxsize=256)
def emoji_image(cluster: str, height: int) -> Image.Image | None:
    """The colour emoji ``cluster`` scaled to ``height`` pixels (RGBA), or None."""
    base = _emoji_base_font()
    if base is None or height < 1:
        return None
    font, size = base
    try:
        bbox = font.getbbox(cluster)
    except Exception:  # pragma: no cover - unexpected font failures
        return None
    w, h = max(1, bbox[2] - bbox[0]), max(1, bbox[3] - bbox[1])
    img = Image.new("RGBA", (w + 4, h + 4), (0, 0, 0, 0))  # type: ignore[arg-type]
    ImageDraw.Draw(img).text((2 - bbox[0], 2 - bbox[1]), cluster, font=font, embedded_color=True)
    box = img.getbbox()
    if box is None:
        return None
    img = img.crop(box)
    scale = height / size
    return img.resize(
        (max(1, round(img.width * scale)), max(1, round(img.height * scale))),
        Image.Resampling.LANCZOS,
    )


def split_runs(text: str) -> list[tuple[bool, str]]:
    """``[(is_emoji, text), ...]``; each emoji cluster is its own run."""
    runs: list[tuple[bool, str]] = []
    pos = 0
    for match in EMOJI_RE.finditer(text):
        if match.start() > pos:
            runs.append((False, text[pos : match.start()]))
        runs.append((True, match.group(0)))
        pos = match.end()
    if pos < len(text):
        runs.append((False, text[pos:]))
    return runs


def emoji_height(size: int) -> int:
    return max(1, round(size * 0.92))


# ----------------------------------------------------------------------------------------
# measuring


class Measurer:
    """Measures text with one font at one size; caches word widths."""

    def __init__(self, font_path: str, size: int, tracking: float = 0.0):
        self.font = get_font(font_path, size)
        self.size = size
        self.tracking = tracking * size
        self._cache: dict[str, float] = {}  # grows with distinct words; bounded below
        self.space = self._plain(" ")

    def _plain(self, text: str) -> float:
        width = self.font.getlength(text)
        if self.tracking and text:
            width += self.tracking * (len(text) - 1)
        return width

    def width(self, text: str) -> float:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        if has_emoji(text):
            total = 0.0
            for is_emoji, run in split_runs(text):
                if is_emoji:
                    img = emoji_image(run, emoji_height(self.size))
                    total += (img.width if img else 0) + self.size * 0.06
                else:
                    total += self._plain(run)
        else:
            total = self._plain(text)
        if len(self._cache) > 20_000:
            self._cache.clear()
        self._cache[text] = total
        return total


@lru_cache(maxsize=256)
def get_measurer(font_path: str, size: int, tracking: float = 0.0) -> Measurer:
    """A shared measurer per font and size: word widths survive between renders, so a text
    edit only measures the words that changed."""
    return Measurer(font_path, size, tracking)


@lru_cache(maxsize=1)
def _hyphenator():
    try:  # imported when a word first needs breaking (pyphen's import costs ~15 ms)
        import pyphen
    except ImportError:  # pragma: no cover - pyphen is a dependency
        return None
    try:
        return pyphen.Pyphen(lang="id_ID")
    except KeyError:  # pragma: no cover - patterns missing
        return None


@lru_cache(maxsize=4096)
def hyphen_points(word: str) -> tuple[int, ...]:
    hy = _hyphenator()
    if hy is None or len(word) < 5 or not word.isalpha():
        return ()  # URLs, handles, numbers and codes are never hyphenated
    # keep at least two letters on each side
    return tuple(p for p in hy.positions(word) if 2 <= p <= len(word) - 2)


# ----------------------------------------------------------------------------------------
# wrapping


@dataclass
class Wrapped:
    lines: list[str]
    fits_width: bool  # every line within the width (no word had to overflow)
    hyphenated: int = 0


_MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
#: Units a reader expects on one line: "7 Desember 2026", "09.00 WIB".
_UNBREAKABLE = re.compile(
    rf"\b\d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?\b|\b\d{{1,2}}[.:]\d{{2}} WI(?:B|TA|T)\b"
)


def keep_units_together(text: str) -> str:
    """Join dates and clock times typed in free text with no-break spaces."""
    return _UNBREAKABLE.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)


def wrap(
    text: str, m: Measurer, width: float, hyphenate: bool = True, loose: bool = True
) -> Wrapped:
    """Greedy wrap; a word wider than a line is split at a hyphenation point, never elsewhere.

    ``loose``: also hyphenate a long word into a line that would otherwise be left very short
    (body text); headlines keep whole words unless a word alone is wider than the line."""
    lines: list[str] = []
    fits = True
    hyphens = 0
    for paragraph in keep_units_together(text).split("\n"):
        # break at ordinary spaces only: a no-break space (U+00A0) holds a date together
        words = [w for w in re.split(r"[ \t]+", paragraph.strip(" \t")) if w]
        if not words:
            lines.append("")
            continue
        current = ""
        cur_w = 0.0
        queue = list(words)
        while queue:
            word = queue.pop(0)
            w = m.width(word)
            if not current:
                if w <= width:
                    current, cur_w = word, w
                    continue
                # word alone is too wide: hyphenate or overflow
                piece = _split_word(word, m, width) if hyphenate else None
                if piece is None:
                    fits = False
                    lines.append(word)
                    continue
                head, tail = piece
                hyphens += 1
                lines.append(head + "-")
                queue.insert(0, tail)
                continue
            add = m.space + w
            if cur_w + add <= width:
                current += " " + word
                cur_w += add
                continue
            # try to hyphenate the word into the remaining space when the line is loose
            if hyphenate and loose and len(word) >= 8 and width - cur_w > 0.3 * width:
                piece = _split_word(word, m, width - cur_w - m.space)
                if piece is not None:
                    head, tail = piece
                    hyphens += 1
                    lines.append(current + " " + head + "-")
                    current, cur_w = "", 0.0
                    queue.insert(0, tail)
                    continue
            lines.append(current)
            current, cur_w = "", 0.0
            queue.insert(0, word)
        if current:
            lines.append(current)
    return Wrapped(lines, fits, hyphens)


def _split_word(word: str, m: Measurer, width: float) -> tuple[str, str] | None:
    """The longest head of ``word`` (at a hyphenation point) that fits ``width`` with '-'."""
    # a word that already has a hyphen (kata ulang: "anak-anak") breaks after it first
    best: tuple[str, str] | None = None
    if "-" in word.strip("-"):
        idx = word.index("-", 1)
        head = word[:idx]
        if m.width(head + "-") <= width:
            best = (head, word[idx + 1 :])
    core = word.rstrip(",.;:!?\"')”’")
    for p in reversed(hyphen_points(core)):
        head = core[:p]
        if m.width(head + "-") <= width:
            if best is None or len(head) > len(best[0]):
                best = (head, word[p:])
            break
    return best


# ----------------------------------------------------------------------------------------
# fitting


@dataclass
class TextFit:
    size: int
    lines: list[str]
    line_advance: float  # baseline to baseline
    ascent: int
    descent: int
    height: float  # from top of first line box to bottom of last line box
    widths: list[float]
    overflow: bool
    font_path: str
    tracking: float = 0.0
    truncated: bool = False
    fitted_sizes: list[int] = field(default_factory=list)

    @property
    def width(self) -> float:
        return max(self.widths, default=0.0)


def _metrics(font_path: str, size: int, line_height: float) -> tuple[int, int, float]:
    font = get_font(font_path, size)
    ascent, descent = font.getmetrics()
    return ascent, descent, size * line_height


def _block_height(n: int, ascent: int, descent: int, advance: float) -> float:
    if n <= 0:
        return 0.0
    return ascent + descent + (n - 1) * advance


def _try(
    text: str,
    font_path: str,
    size: int,
    box_w: float,
    box_h: float,
    line_height: float,
    max_lines: int,
    hyphenate: bool,
    tracking: float,
    balance: bool = False,
) -> tuple[bool, Wrapped, Measurer]:
    m = get_measurer(font_path, size, tracking)
    wrapped = wrap(text, m, box_w, hyphenate, loose=not balance)
    ascent, descent, advance = _metrics(font_path, size, line_height)
    ok = (
        wrapped.fits_width
        and len(wrapped.lines) <= max_lines
        and _block_height(len(wrapped.lines), ascent, descent, advance) <= box_h + 0.5
    )
    return ok, wrapped, m


def _balance(text: str, m: Measurer, width: float, n_lines: int, hyphenate: bool) -> list[str]:
    """Narrowest width keeping the same number of lines: even, balanced headline lines."""
    if n_lines < 2:
        return wrap(text, m, width, hyphenate, loose=False).lines
    lo = width * 0.5
    hi = width
    best = wrap(text, m, hi, hyphenate, loose=False)
    for _ in range(10):
        mid = (lo + hi) / 2
        trial = wrap(text, m, mid, hyphenate, loose=False)
        if trial.fits_width and len(trial.lines) <= n_lines and trial.hyphenated <= best.hyphenated:
            best, hi = trial, mid
        else:
            lo = mid
        if hi - lo < 2:
            break
    return best.lines


@lru_cache(maxsize=1024)
def fit_text(
    text: str,
    font_path: str,
    min_size: int,
    max_size: int,
    box_w: float,
    box_h: float,
    line_height: float = 1.2,
    max_lines: int = 40,
    balance: bool = False,
    hyphenate: bool = True,
    tracking: float = 0.0,
) -> TextFit:
    """Largest size in [min_size, max_size] at which ``text`` fits the box (binary search).

    When it does not fit even at ``min_size``, the result is at ``min_size`` with ``overflow``
    set and ``lines`` cut to what fits, the last ending in an ellipsis (the caller reports it).
    """
    min_size = max(1, int(min_size))
    max_size = max(min_size, int(max_size))
    tried: list[int] = []
    lo, hi = min_size, max_size
    best: tuple[int, Wrapped, Measurer] | None = None
    while lo <= hi:
        mid = (lo + hi) // 2
        tried.append(mid)
        ok, wrapped, m = _try(
            text, font_path, mid, box_w, box_h, line_height, max_lines, hyphenate, tracking, balance
        )
        if ok:
            best = (mid, wrapped, m)
            lo = mid + 1
        else:
            hi = mid - 1
    overflow = best is None
    truncated = False
    if best is None:
        _, wrapped, m = _try(
            text,
            font_path,
            min_size,
            box_w,
            box_h,
            line_height,
            max_lines,
            hyphenate,
            tracking,
            balance,
        )
        size = min_size
        ascent, descent, advance = _metrics(font_path, size, line_height)
        room = max(1, min(max_lines, int((box_h - ascent - descent) // advance) + 1))
        lines = wrapped.lines
        if len(lines) > room:
            lines = lines[:room]
            truncated = True
            last = lines[-1].rstrip("-")
            while last and m.width(last + "…") > box_w:
                last = last[:-1].rstrip()
            lines[-1] = (last.rstrip(",.;:") + "…") if last else "…"
    else:
        size, wrapped, m = best
        lines = wrapped.lines
        if balance and len(lines) > 1:
            lines = _balance(text, m, box_w, len(lines), hyphenate)
    ascent, descent, advance = _metrics(font_path, size, line_height)
    widths = [m.width(line) for line in lines]
    return TextFit(
        size=size,
        lines=lines,
        line_advance=advance,
        ascent=ascent,
        descent=descent,
        height=_block_height(len(lines), ascent, descent, advance),
        widths=widths,
        overflow=overflow,
        font_path=font_path,
        tracking=tracking,
        truncated=truncated,
        fitted_sizes=tried,
    )


# ----------------------------------------------------------------------------------------
# drawing


def draw_line(
    img: Image.Image,
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    line: str,
    fit: TextFit,
    fill: tuple[int, int, int, int],
) -> None:
    """Draw one line with its left end at ``xy[0]`` and baseline at ``xy[1]``."""
    font = get_font(fit.font_path, fit.size)
    x, baseline = xy
    if not fit.tracking and not has_emoji(line):
        draw.text((x, baseline), line, font=font, fill=fill, anchor="ls")
        return
    runs = split_runs(line) if has_emoji(line) else [(False, line)]
    for is_emoji, run in runs:
        if is_emoji:
            em = emoji_image(run, emoji_height(fit.size))
            if em is not None:
                top = round(baseline - fit.ascent * 0.86)
                img.paste(em, (round(x + fit.size * 0.03), top), em)
                x += em.width + fit.size * 0.06
            continue
        if fit.tracking:
            for ch in run:
                draw.text((x, baseline), ch, font=font, fill=fill, anchor="ls")
                x += font.getlength(ch) + fit.tracking * fit.size
        else:
            draw.text((x, baseline), run, font=font, fill=fill, anchor="ls")
            x += font.getlength(run)
