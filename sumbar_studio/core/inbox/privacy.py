"""Personal data in the register (UU 27/2022): masking for lists and exports, redaction of
reply texts, and the patterns both use.

Lists, exports and statistics never show a sender's handle or contact whole; ``show`` with
``reveal`` does, for the officer who answers. After the retention period the personal data of a
closed entry is erased (service.apply_retention); the counts and times stay.
"""

from __future__ import annotations

import regex

EMAIL = regex.compile(r"(?<![\w.+-])[\w.+-]+@(?:[\w-]+\.)+[A-Za-z]{2,}(?![\w-])")
PHONE = regex.compile(
    r"(?<![\w+])(?:\+?62[\s.-]?|\(?0)8\d(?:[\s.-]?\d){7,11}(?!\d)|wa\.me/\d{8,15}"
)
HANDLE = regex.compile(r"(?<![\w@])@[\w.]*\w")
LONG_DIGITS = regex.compile(r"(?<!\d)\d(?:[ .-]?\d){9,}(?!\d)")  # 10+ digits: not a date
PROFILE_URL = regex.compile(
    r"(?i)\b(?:https?://)?(?:www\.|m\.)?(?:instagram\.com|facebook\.com|fb\.com|x\.com|"
    r"twitter\.com|tiktok\.com)/[^\s]+"
)

MASK = "•••"


def mask_handle(handle: str) -> str:
    """``@warga_padang`` -> ``@wa•••``; a name ``Budi Santoso`` -> ``Bu••• S•••``."""
    handle = (handle or "").strip()
    if not handle:
        return ""
    if handle.startswith("@"):
        return "@" + handle[1:3] + MASK
    if EMAIL.fullmatch(handle) or PHONE.fullmatch(handle):
        return mask_contact(handle)
    parts = handle.split()
    return " ".join((p[:2] if i == 0 else p[:1]) + MASK for i, p in enumerate(parts))


def mask_contact(contact: str) -> str:
    """``081234567890`` -> ``0812•••90``; ``budi@gmail.com`` -> ``b•••@gmail.com``."""
    contact = (contact or "").strip()
    if not contact:
        return ""
    if "@" in contact and EMAIL.fullmatch(contact):
        local, domain = contact.split("@", 1)
        return f"{local[:1]}{MASK}@{domain}"
    digits = regex.sub(r"\D", "", contact)
    if len(digits) >= 6:
        return f"{contact[:4] if contact.startswith('+') else digits[:4]}{MASK}{digits[-2:]}"
    return MASK


def redact(text: str, *names: str) -> str:
    """``text`` without e-mail addresses, phone and ID numbers, handles, profile links and the
    given names (the sender's handle or name): each becomes ``[dihapus]``."""
    out = text or ""
    for pattern in (PROFILE_URL, EMAIL, PHONE, LONG_DIGITS, HANDLE):
        out = pattern.sub("[dihapus]", out)
    for name in names:
        name = (name or "").strip().lstrip("@")
        if len(name) >= 3:
            out = regex.sub(r"(?i)@?" + regex.escape(name), "[dihapus]", out)
    return out


def mask_link(url: str, sender: str) -> str:
    """A post link that names the sender (``x.com/<handle>/status/…``) masked like the
    handle; a link to the institution's own post stays as it is."""
    name = (sender or "").strip().lstrip("@").lower()
    if url and len(name) >= 2 and name in url.lower():
        host = regex.match(r"(?i)(?:https?://)?(?:www\.|m\.)?([\w.-]+\.[a-z]{2,})/", url)
        return f"{host.group(1)}/{MASK}" if host else MASK
    return url or ""


def mask_text(text: str) -> str:
    """``text`` for a list or an export: e-mail addresses, phone and ID numbers and profile
    links become ``•••`` (handles stay: the list shows the sender masked separately)."""
    out = text or ""
    for pattern in (PROFILE_URL, EMAIL, PHONE, LONG_DIGITS):
        out = pattern.sub(MASK, out)
    return out


def contains_personal(text: str, *names: str) -> bool:
    """True when ``text`` still holds an e-mail, phone/ID number, handle or one of ``names``."""
    if not text:
        return False
    if any(p.search(text) for p in (EMAIL, PHONE, LONG_DIGITS, HANDLE)):
        return True
    lowered = text.lower()
    return any(
        len(n.strip().lstrip("@")) >= 3 and n.strip().lstrip("@").lower() in lowered
        for n in names
        if n
    )
