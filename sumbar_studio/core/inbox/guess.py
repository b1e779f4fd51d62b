"""Fast entry: guess the channel, the sender, the contact and the kind from a pasted text.

What an officer pastes usually carries its origin: ``@handle: isi`` (a copied comment), a
WhatsApp chat line ``[12/11/26 09.15] Budi: isi`` or a ``wa.me/62…``/``+62 8…`` number, an
e-mail header ``Dari: Nama <a@b.id>``, a link to an Instagram, Facebook, X or TikTok post. The
guess only fills what the form left empty; the officer can change everything.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from ..resources import asset_path
from ..timeutil import to_utc
from .model import Channel, Kind
from .privacy import EMAIL

_URL = re.compile(
    r"(?i)\b(?:https?://)?(?:www\.|m\.|web\.|vm\.)?"
    r"(?P<host>instagram\.com|facebook\.com|fb\.com|fb\.watch|x\.com|twitter\.com|"
    r"tiktok\.com|wa\.me)/(?P<path>[^\s]*)"
)
_HANDLE_PREFIX = re.compile(r"^\s*(?P<handle>@[\w.]{2,30})\s*[:\-–]\s*(?P<rest>.*)", re.S)
_WA_LINE = re.compile(
    r"^\s*\[?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{2,4}),?\s+(?P<h>\d{1,2})[.:](?P<mi>\d{2})"
    r"(?:[.:]\d{2})?\]?\s*(?:-\s*)?(?P<name>[^:\n]{1,60}):\s*(?P<rest>.*)",
    re.S,
)
_PHONE = re.compile(r"(?<![\w+])(?P<num>(?:\+?62|0)[\s.-]?8\d(?:[\s.-]?\d){7,11})(?!\d)")
_MAIL_FROM = re.compile(
    r"(?im)^(?:dari|from)\s*:\s*(?P<name>[^<\n]*?)\s*<?(?P<mail>[\w.+-]+@"
    r"[\w.-]+\.[A-Za-z]{2,})>?\s*$"
)
_NAME_PREFIX = re.compile(
    r"^\s*(?P<name>[A-Z][\w'.]+(?:\s+[A-Z][\w'.]+){0,3})\s*:\s*(?P<rest>.+)", re.S
)
_NOT_PROFILES = {
    "p",
    "reel",
    "reels",
    "tv",
    "stories",
    "explore",
    "watch",
    "share",
    "photo",
    "photos",
    "story.php",
    "permalink.php",
    "groups",
    "video",
    "i",
    "home",
    "search",
    "hashtag",
    "intent",
}


@dataclass
class Guess:
    text: str  # the message without the prefix that named its sender
    channel: Channel | None = None
    sender: str = ""
    contact: str = ""
    kind: Kind | None = None
    post_url: str = ""
    received_at: datetime | None = None


def normalise_phone(number: str) -> str:
    """``0812-3456-7890`` / ``+62 812 3456 7890`` -> ``+6281234567890``."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return "+" + digits


@cache
def _kind_words() -> dict[str, list[str]]:
    data = json.loads(asset_path("rules", "inbox_kinds.json").read_text(encoding="utf-8"))
    return {k: [w.lower() for w in v] for k, v in data["words"].items()}


def guess_kind(text: str) -> Kind | None:
    lowered = " " + re.sub(r"\s+", " ", text.lower()) + " "
    for kind in (Kind.HOAX, Kind.COMPLAINT, Kind.ASPIRATION, Kind.APPRECIATION, Kind.QUESTION):
        if any(word in lowered for word in _kind_words().get(kind.value, [])):
            return kind
    return Kind.QUESTION if "?" in text else None


def _from_url(guess: Guess, host: str, path: str, full: str) -> None:
    host = host.lower()
    first = path.split("/")[0].split("?")[0] if path else ""
    if host == "wa.me":
        guess.channel = guess.channel or Channel.WHATSAPP
        if first.isdigit():
            guess.contact = guess.contact or normalise_phone(first)
        return
    channel = {
        "instagram.com": Channel.INSTAGRAM_COMMENT,
        "facebook.com": Channel.FACEBOOK,
        "fb.com": Channel.FACEBOOK,
        "fb.watch": Channel.FACEBOOK,
        "x.com": Channel.X,
        "twitter.com": Channel.X,
        "tiktok.com": Channel.TIKTOK,
    }[host]
    guess.channel = guess.channel or channel
    is_post = (
        "/status/" in path
        or "/video/" in path
        or first in {"p", "reel", "reels", "tv"}
        or "story.php" in path
        or "/posts/" in path
        or "permalink" in path
    )
    if is_post:
        guess.post_url = guess.post_url or ("https://" + full.split("://")[-1].lstrip("/"))
    handle = first.lstrip("@")
    names_sender = channel in (Channel.X, Channel.TIKTOK, Channel.INSTAGRAM_COMMENT) or not is_post
    if (
        handle
        and names_sender
        and handle.lower() not in _NOT_PROFILES
        and re.fullmatch(r"[\w.]{2,30}", handle)
    ):
        guess.sender = guess.sender or "@" + handle


def guess_entry(pasted: str) -> Guess:
    """What the pasted text tells about where it came from."""
    text = (pasted or "").strip()
    guess = Guess(text=text)
    wa = _WA_LINE.match(text)
    if wa:
        year = int(wa["y"]) + (2000 if len(wa["y"]) == 2 else 0)
        try:
            guess.received_at = to_utc(
                datetime(year, int(wa["m"]), int(wa["d"]), int(wa["h"]), int(wa["mi"]))
            )
        except ValueError:
            guess.received_at = None
        guess.channel = Channel.WHATSAPP
        name = wa["name"].strip()
        phone = _PHONE.fullmatch(name.replace("\u202a", "").replace("\u202c", ""))
        if phone:
            guess.contact = normalise_phone(phone["num"])
        else:
            guess.sender = name
        guess.text = wa["rest"].strip()
    mail = _MAIL_FROM.search(text)
    if mail:
        guess.channel = guess.channel or Channel.EMAIL
        guess.contact = guess.contact or mail["mail"]
        guess.sender = guess.sender or mail["name"].strip(' "') or mail["mail"]
        guess.text = _MAIL_FROM.sub("", guess.text).strip()
    prefix = _HANDLE_PREFIX.match(guess.text)
    if prefix:
        guess.sender = guess.sender or prefix["handle"]
        guess.text = prefix["rest"].strip()
    for match in _URL.finditer(text):
        _from_url(guess, match["host"], match["path"], match.group(0))
    # the links were read into channel, sender, contact and post link: the message is the rest
    stripped = _URL.sub("", guess.text).strip()
    if stripped:
        guess.text = re.sub(r"[ \t]{2,}", " ", stripped)
    phone = _PHONE.search(text)
    if phone and not guess.contact:
        guess.contact = normalise_phone(phone["num"])
        guess.channel = guess.channel or Channel.WHATSAPP
    email = EMAIL.search(text)
    if email and not guess.contact:
        guess.contact = email.group(0)
        guess.channel = guess.channel or Channel.EMAIL
        guess.sender = guess.sender or email.group(0)
    if not guess.sender and not wa:
        named = _NAME_PREFIX.match(guess.text)
        if named and len(named["rest"]) > 3:
            guess.sender = named["name"]
            guess.text = named["rest"].strip()
    guess.kind = guess_kind(guess.text)
    return guess
