"""Bounded work on hostile input (#15 items 10 and 12): huge texts, catastrophic team patterns,
a typo in platforms.json. No wall times are asserted: each case would hang, exhaust memory or
end in a traceback without its bound."""

from __future__ import annotations

import json
import shutil

import pytest

from sumbar_studio.cli import main
from sumbar_studio.core.checks import check_post, check_text
from sumbar_studio.core.checks.engine import MAX_CHECK_CHARS
from sumbar_studio.core.checks.rulesdata import clear_cache, load_rules
from sumbar_studio.core.checks.userpatterns import team_pattern
from sumbar_studio.core.errors import InvalidInput
from sumbar_studio.core.model import Post
from sumbar_studio.core.platforms import load_catalog
from sumbar_studio.core.resources import asset_path


def _too_long(findings):
    return [f for f in findings if f.rule == "teks.terlalu_panjang"]


@pytest.mark.parametrize("unit", ["Rapat ok.\n", "kata "])
def test_huge_text_is_a_blocking_finding_and_only_the_cap_is_read(unit):
    text = unit * (5_000_000 // len(unit))  # 5 MB: short lines / no punctuation at all
    findings = check_text(text, ["instagram", "x"])
    [limit] = _too_long(findings)
    assert limit.blocking and limit.start == MAX_CHECK_CHARS and limit.end == len(text)
    assert "200000" in limit.message.replace(".", "")
    assert all(f.start is None or f.start <= MAX_CHECK_CHARS for f in findings)


def test_platform_length_of_a_huge_text_is_its_real_length():
    text = "kata " * 1_000_000
    counts: dict = {}
    findings = check_text(text, ["instagram"], counts=counts)
    assert counts["instagram"]["length"] == len(text) and not counts["instagram"]["valid"]
    [length] = [f for f in findings if f.rule == "platform.panjang"]
    assert length.params["length"] == len(text)


def test_a_text_within_the_cap_has_no_limit_finding():
    assert not _too_long(check_text("kata " * 1000, []))


def test_check_cli_on_a_long_file_exits_1_without_traceback(tmp_path, capsys):
    # 1.5 MB: under the input-file limit (inputs.LIMITS["text"]), far over the checker's cap
    big = tmp_path / "besar.txt"
    big.write_text("kata " * 300_000, encoding="utf-8")
    code = main(["check", "--text-file", str(big), "--json"])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    data = json.loads(out)
    assert any(
        f["rule"] == "teks.terlalu_panjang" and f["severity"] == "blocking"
        for f in data["findings"]
    )


HOSTILE_PATTERNS = [  # each hangs the regex module for seconds to ages on some input
    r"(?:kata|kata)+x",
    r"(a+)+$",
    r"(?:a|aa)+b",
    r"(\w|\w\w)+$",
    r"(?:rapat\s*)+(?:rapat\s*)+z",
]


@pytest.mark.parametrize("body", HOSTILE_PATTERNS)
def test_catastrophic_team_pattern_is_refused_when_loaded(body):
    pattern = team_pattern(body, line=f"re:{body}", origin="campaign.txt")
    assert pattern.compiled is None and "macet" in pattern.refused


@pytest.mark.parametrize("body", [r"\bcoblos\s+nomor\s+\d+\b", r"pilih\s+(?:caleg|calon)"])
def test_ordinary_team_pattern_is_kept(body):
    pattern = team_pattern(body, line=f"re:{body}", origin="campaign.txt")
    assert pattern.compiled is not None and not pattern.refused


def test_invalid_team_pattern_is_refused_with_a_reason():
    pattern = team_pattern("(?:tanpa tutup", line="re:(?:tanpa tutup", origin="campaign.txt")
    assert pattern.compiled is None and "tidak sah" in pattern.refused


def _team_rules(tmp_path, *lines: str):
    folder = tmp_path / "rules"
    folder.mkdir()
    shipped = asset_path("rules", "campaign.txt").read_text(encoding="utf-8")
    (folder / "campaign.txt").write_text(shipped + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    clear_cache()
    return load_rules(folder)


def test_a_refused_team_rule_is_reported_by_check_and_the_rest_still_runs(tmp_path):
    rules = _team_rules(tmp_path, "re:(?:kata|kata)+x")
    text = "kata" * 40 + " Ayo coblos dia."
    findings = check_text(text, [], rules=rules)
    refused = [f for f in findings if f.rule == "aturan.pola_tim"]
    assert len(refused) == 1 and "(?:kata|kata)+x" in refused[0].message
    assert "netral.kampanye" in {f.rule for f in findings}  # the shipped rules still work


def test_a_slow_team_rule_is_stopped_in_check_and_export_paths(tmp_path, monkeypatch):
    """A pattern the load-time probes miss still runs under a time limit."""
    from sumbar_studio.core.checks import userpatterns

    monkeypatch.setattr(userpatterns, "_probes", lambda body: [])  # let it through the load
    monkeypatch.setattr(userpatterns, "MATCH_TIMEOUT", 0.05)
    rules = _team_rules(tmp_path, "re:(?:kata|kata)+x")
    post = Post(title="t", caption="kata" * 60 + " selesai.", platforms=["instagram"])
    result = check_post(post, rules=rules)
    timeouts = [f for f in result.findings if f.rule == "aturan.pola_tim"]
    assert timeouts and "terlalu lama" in timeouts[0].message


def test_platform_data_typo_is_refused_on_load_with_a_clear_message(tmp_path):
    data = json.loads(asset_path("platforms.json").read_text(encoding="utf-8"))
    data["formats"]["4x5"]["width"], data["formats"]["4x5"]["height"] = 108000, 135000
    path = tmp_path / "platforms.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        load_catalog(path)
    assert "formats.4x5.width" in str(info.value) and "108000" in str(info.value)
    assert "{" not in str(info.value)


def test_platform_data_typo_in_a_workspace_gives_one_line_not_a_traceback(tmp_path, capsys):
    ws = tmp_path / "ws"
    assert main(["--workspace", str(ws), "post", "list"]) == 0
    data = json.loads(asset_path("platforms.json").read_text(encoding="utf-8"))
    data["formats"]["4x5"]["height"] = 135000
    (ws / "platforms.json").write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    # a broken team platforms.json falls back to the shipped data (#15 item 13) ...
    code = main(
        [
            "--workspace",
            str(ws),
            "post",
            "add",
            "--title",
            "Rapat",
            "--platform",
            "instagram",
            "--format",
            "4x5",
        ]
    )
    assert code == 0
    capsys.readouterr()
    # ... and the check says which value is wrong, in one line, no MemoryError traceback
    code = main(["--workspace", str(ws), "check", "--post", "1"])
    out, err = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in err and "135000" in err  # 1: empty caption
    shutil.rmtree(ws)


def test_a_long_text_is_indexed_by_line_once_per_check(monkeypatch):
    # every platform's findings are in the same text: one line index serves them all (a text of
    # 400,000 short lines took one per platform)
    from sumbar_studio.core.checks import findings as findings_module

    built = []
    real = findings_module.LineIndex

    class Counting(real):
        def __init__(self, text):
            built.append(len(text))
            super().__init__(text)

    monkeypatch.setattr(findings_module, "LineIndex", Counting)
    text = "Rapat ok.\n" * 3000 + "Pengunaannya #a #b #c #d"
    found = check_text(text, ["instagram", "x", "threads", "facebook"])
    assert {f.platform for f in found} >= {"", "x", "threads"}
    assert all(f.line is not None for f in found if f.start is not None)
    assert built == [len(text)]
