"""Ready-to-upload bundles: one folder per post with images, captions, alt text and a manifest.

    <out>/2026-12-07_0900_rapat-paripurna-apbd/
      instagram/instagram_4x5_01.jpg        card image (platform, format, order)
      instagram/instagram_4x5_01.alt.txt    alt text of that image
      instagram/instagram_caption.txt       the caption exactly as it is pasted (UTF-8)
      facebook/...
      manifest.json                         what is inside, with sizes, pixels and SHA-256

Safety:
- a bundle is written into a hidden temporary folder next to its final place and renamed into
  place when complete, so a crash, a kill or a cancel never leaves a half bundle visible;
  re-exporting replaces the old bundle whole;
- every name is safe on Windows (reserved names, forbidden characters, length) and every path is
  checked to stay inside the output folder, whatever a title or field contains;
- an unapproved post is refused unless explicitly allowed, and then every image carries a
  visible "DRAF — BELUM DISETUJUI" mark and the manifest says so.

The images of a batch are rendered in a process pool (Pillow only partly releases the GIL), one
task per post so each photo is decoded once per post; ``workers=1`` renders in-process.

One module per job: :mod:`.naming` (safe names), :mod:`.images` (the picklable task per post,
rendered in a worker), :mod:`.bundle` (planning, texts and manifest, the process pool, the swap
into place), :mod:`.verify` (re-checking a bundle), :mod:`.results` (results and errors). The card
of a post (fields, formats, brand, reports) is core/postcard.py; the one watermark and the one
JPEG recipe are the card renderer's (cards/render.py).
"""

from __future__ import annotations

from ..postcard import DEFAULT_TEMPLATE, card_fields, post_card_reports, template_or_none
from .bundle import (
    _write_text_files,
    export_posts,
    is_approved,
    replace_dir,
)
from .images import ImageTarget, PostTask, render_post_images
from .naming import NAME_MAX, SLUG_MAX, _inside, bundle_name, safe_name, slug
from .results import (
    APPROVED_STATUSES,
    MANIFEST,
    MANIFEST_SCHEMA,
    MEDIA_WORK_DIR,
    OLD_PREFIX,
    SWAP_PREFIX,
    TMP_PREFIX,
    BundleResult,
    ExportCancelled,
    ExportFailed,
    ExportRefused,
    VerifyReport,
    ZipRefused,
)
from .verify import verify_bundle

__all__ = [
    "APPROVED_STATUSES",
    "DEFAULT_TEMPLATE",
    "MANIFEST",
    "MANIFEST_SCHEMA",
    "MEDIA_WORK_DIR",
    "NAME_MAX",
    "OLD_PREFIX",
    "SLUG_MAX",
    "SWAP_PREFIX",
    "TMP_PREFIX",
    "BundleResult",
    "ExportCancelled",
    "ExportFailed",
    "ExportRefused",
    "ImageTarget",
    "PostTask",
    "VerifyReport",
    "ZipRefused",
    "_inside",
    "_write_text_files",
    "bundle_name",
    "card_fields",
    "export_posts",
    "is_approved",
    "post_card_reports",
    "render_post_images",
    "replace_dir",
    "safe_name",
    "slug",
    "template_or_none",
    "verify_bundle",
]
