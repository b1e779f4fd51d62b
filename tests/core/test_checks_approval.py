"""Attestation and approval through the workspace, with the audit trail."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sumbar_studio.core.approval import ApprovalBlocked, approve_post, attest
from sumbar_studio.core.errors import InvalidInput
from sumbar_studio.core.model import Action, Post, Status

NOW = datetime(2026, 12, 8, 3, 0, tzinfo=UTC)
NIP = "197805122005012003"


def _post(caption: str) -> Post:
    return Post(
        title="Reses Komisi V",
        caption=caption,
        platforms=["instagram", "facebook"],
        hashtags=["#DPRDSumbar"],
        event_date=date(2026, 12, 7),
        source="Humas DPRD Sumbar",
        photo_credit="Humas DPRD Sumbar",
    )


CLEAN = (
    "Anggota DPRD Provinsi Sumatera Barat melaksanakan reses di Kota Padang. dprd.sumbarprov.go.id"
)
BAD = CLEAN + " Kontak warga: 0812-3456-7890."


def _in_review(workspace, caption: str) -> Post:
    post = workspace.posts.add(_post(caption), "Fadli Arrasyid")
    return workspace.posts.transition(post.id, Action.SUBMIT, "Fadli Arrasyid")


def test_attest_then_approve_records_hash_and_audit(workspace):
    post = _in_review(workspace, CLEAN)
    post = attest(workspace, post.id, "kredibel", "Fadli Arrasyid")
    assert post.attestations["kredibel"].officer == "Fadli Arrasyid"
    approved = approve_post(
        workspace, post.id, approver="Yulia Marlina", nip=NIP, role="Kepala Bagian", now=NOW
    )
    assert approved.status == Status.APPROVED
    assert approved.approval.content_hash == approved.content_hash()
    assert approved.approval_valid()
    entry = [e for e in workspace.posts.history(post.id) if e.action == "approve"][-1]
    assert entry.actor == "Yulia Marlina"
    assert entry.detail["content_hash"] == approved.content_hash()
    assert entry.detail["nip"] == NIP


def test_required_attestation_missing_refuses(workspace):
    post = _in_review(workspace, CLEAN)
    with pytest.raises(ApprovalBlocked) as err:
        approve_post(workspace, post.id, approver="Yulia Marlina", nip=NIP, role="Kabag", now=NOW)
    assert "Kredibel" in str(err.value)


def test_blocking_finding_refuses_with_indonesian_message(workspace):
    post = _in_review(workspace, BAD)
    attest(workspace, post.id, "kredibel", "Fadli Arrasyid")
    with pytest.raises(ApprovalBlocked) as err:
        approve_post(workspace, post.id, approver="Yulia Marlina", nip=NIP, role="Kabag", now=NOW)
    message = str(err.value)
    assert "Belum dapat disetujui" in message and "Keterbukaan informasi publik" in message
    assert [f.rule for f in err.value.findings] == ["pdp.telepon"]
    assert workspace.posts.get(post.id).status == Status.REVIEW


def test_override_with_reason_is_recorded(workspace):
    post = _in_review(workspace, BAD)
    reason = "Nomor posko pengaduan resmi reses, disetujui pemiliknya untuk dipublikasikan."
    approved = approve_post(
        workspace,
        post.id,
        approver="Yulia Marlina",
        nip=NIP,
        role="Kabag",
        override_reason=reason,
        now=NOW,
    )
    assert approved.approval.override_reason == reason
    entry = [e for e in workspace.posts.history(post.id) if e.action == "approve"][-1]
    assert entry.detail["override_reason"] == reason


def test_later_change_invalidates_approval(workspace):
    post = _in_review(workspace, CLEAN)
    attest(workspace, post.id, "kredibel", "Fadli Arrasyid")
    approved = approve_post(
        workspace, post.id, approver="Yulia Marlina", nip=NIP, role="Kabag", now=NOW
    )
    edited = approved.copy()
    edited.card.fields["judul"] = "Judul baru"
    assert not edited.approval_valid()
    saved = workspace.posts.save(edited, "Fadli Arrasyid")
    assert saved.status == Status.REVIEW and saved.approval is None


def test_approver_identity_required_and_nip_checked(workspace):
    post = _in_review(workspace, CLEAN)
    with pytest.raises(InvalidInput):
        approve_post(workspace, post.id, approver="", nip=NIP, role="Kabag")
    with pytest.raises(InvalidInput) as err:
        approve_post(workspace, post.id, approver="Yulia", nip="12345", role="Kabag")
    assert "18 angka" in str(err.value)


def test_attest_unknown_or_automatic_item(workspace):
    post = _in_review(workspace, CLEAN)
    with pytest.raises(InvalidInput):
        attest(workspace, post.id, "tidak_ada", "Fadli")
    with pytest.raises(InvalidInput):
        attest(workspace, post.id, "profesional", "Fadli")
