"""Start-up cost: each command imports only what it needs (checked in a fresh process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sumbar_studio.cli import COMMAND_MODULES, COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[2]

#: Never needed to list the commands.
HEAVY_FOR_HELP = (
    "PIL",
    "jinja2",
    "spylls",
    "babel",
    "PySide6",
    "regex",
    "marisa_trie",
    "rapidfuzz",
    "sqlite3",
    "platformdirs",
    "sumbar_studio.core.checks",
    "sumbar_studio.core.store",
    "sumbar_studio.core.cards",
    "sumbar_studio.core.model",
    "sumbar_studio.cli.posts",
    "typing",  # about 2.5 ms: the errors module uses it only in annotations
)

_CHILD = """
import contextlib, io, json, sys
from sumbar_studio.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules), "out": out.getvalue()}))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_probe(probe: str, *argv: str) -> subprocess.CompletedProcess:
    """Python code in a fresh process with this checkout first on the path."""
    return subprocess.run(
        [sys.executable, "-c", probe, *argv],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
        timeout=120,
    )


def run_child(*argv: str) -> dict:
    proc = run_probe(_CHILD, *argv)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


def _loaded(modules: list[str], names) -> list[str]:
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


def test_help_imports_nothing_heavy():
    result = run_child("--help")
    assert result["code"] == 0 and "render" in result["out"]
    assert _loaded(result["modules"], HEAVY_FOR_HELP) == []
    # argparse makes a formatter per option; ours sizes it without shutil (and bz2, lzma)
    assert _loaded(result["modules"], ("shutil", "bz2", "lzma")) == []


def test_help_width_follows_columns(monkeypatch, capsys):
    from sumbar_studio.cli import main

    monkeypatch.setenv("COLUMNS", "50")
    assert main(["--help"]) == 0
    narrow = capsys.readouterr().out
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["--help"]) == 0
    wide = capsys.readouterr().out
    assert max(len(line) for line in narrow.splitlines()) <= 50
    assert len(wide.splitlines()) < len(narrow.splitlines())


def test_module_help_as_a_process_imports_nothing_heavy():
    probe = (
        "import runpy, sys; sys.argv = ['sumbar_studio', '--help']\n"
        "try:\n    runpy.run_module('sumbar_studio', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('MODULES', ' '.join(sorted(sys.modules)))"
    )
    proc = run_probe(probe)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("MODULES "))
    assert _loaded(line.split()[1:], HEAVY_FOR_HELP) == []


def test_render_does_not_import_the_checks_engine_nor_the_store(tmp_path):
    from PIL import Image

    Image.new("RGB", (800, 600), (90, 120, 60)).save(tmp_path / "photo.jpg")
    result = run_child(
        "render",
        "--template",
        "berita",
        "--format",
        "1x1",
        "--set",
        "title=Rapat",
        "--photo",
        str(tmp_path / "photo.jpg"),
        "-o",
        str(tmp_path / "card.jpg"),
    )
    assert (tmp_path / "card.jpg").stat().st_size > 0
    assert (
        _loaded(
            result["modules"],
            (
                "sumbar_studio.core.checks",
                "sumbar_studio.core.store",
                "sqlite3",
                "spylls",
                "jinja2",
                "PySide6",
            ),
        )
        == []
    )
    # nor what one card without a date field does not need: the clock, OpenSSL, hyphenation
    assert (
        _loaded(
            result["modules"],
            ("sumbar_studio.core.timeutil", "zoneinfo", "hashlib", "pyphen", "babel"),
        )
        == []
    )


def test_check_of_a_text_does_not_import_pillow_nor_the_store(tmp_path):
    # a warm dictionary cache, as after the first start (a cold one is built with spylls once)
    from sumbar_studio.core.checks.lexicon import load
    from sumbar_studio.core.resources import asset_path

    load(asset_path("dictionaries", "id_ID"))
    text = tmp_path / "caption.txt"
    text.write_text("Rapat paripurna DPRD Sumbar digelar di Padang.", encoding="utf-8")
    result = run_child("check", "--text-file", str(text))
    assert (
        _loaded(
            result["modules"],
            ("PIL", "jinja2", "sumbar_studio.core.store", "sqlite3", "spylls", "PySide6"),
        )
        == []
    )
    # a text-only check needs no post model, and no look-alike table for a text without
    # letters outside ASCII
    assert _loaded(result["modules"], ("sumbar_studio.core.model", "confusable_homoglyphs")) == []
    # nor OpenSSL (the compiled caches are checked with zlib) nor the calendar of NIK dates
    assert _loaded(result["modules"], ("hashlib", "calendar")) == []
    # with the compiled caches warm (the run above wrote them): no pattern is parsed, so regex's
    # Python half stays unloaded, and the records are not dataclasses (dataclasses loads inspect)
    again = run_child("check", "--text-file", str(text))
    assert again["out"] == result["out"]
    assert (
        _loaded(again["modules"], ("regex._regex_core", "regex._main", "dataclasses", "inspect"))
        == []
    )
    assert _loaded(again["modules"], ("typing", "ast", "dis")) == []
    # nor pathlib (with urllib.parse and ipaddress: files are read by name), pickle.py (the C
    # unpickler reads the caches), threading, datetime.py, and the IDNA codec for ASCII links
    assert (
        _loaded(
            again["modules"],
            ("pathlib", "urllib", "ipaddress", "pickle", "threading", "datetime", "encodings.idna"),
        )
        == []
    )


def test_a_command_as_a_process_collects_less_and_freezes_at_exit_a_call_does_not(tmp_path):
    text = tmp_path / "caption.txt"
    text.write_text("Rapat paripurna.", encoding="utf-8")

    def run(call: str) -> list[str]:
        probe = (
            "import atexit, gc, sys\n"
            "default = gc.get_threshold()\n"
            # registered before the command's own handler, so it runs after it, at the very end
            "atexit.register(lambda: print('FROZEN', gc.get_freeze_count() > 0))\n"
            "from sumbar_studio.cli import main\n"
            f"sys.argv = ['sumbar-studio', 'check', '--text-file', {str(text)!r}]\n"
            f"{call}\n"
            "print('TUNED', gc.get_threshold() != default)\n"
        )
        proc = run_probe(probe)
        assert proc.returncode == 0, proc.stderr
        return [x for x in proc.stdout.splitlines() if x.startswith(("TUNED", "FROZEN"))]

    assert run("main()") == ["TUNED True", "FROZEN True"]  # the console script
    # a call with its own arguments (tests, scripts) leaves the interpreter as it was
    assert run("main(sys.argv[1:])") == ["TUNED False", "FROZEN False"]


def test_the_editor_lists_caption_templates_and_shows_dates_without_jinja2_nor_babel():
    probe = (
        "import datetime, sys\n"
        "from sumbar_studio.ui.compose import backend\n"
        "from sumbar_studio.core.timeutil import format_date\n"
        "assert [c.id for c in backend.caption_templates()]\n"
        "assert format_date(datetime.date(2026, 12, 7), 'EEE, dd/MM/y', 'id') == 'Sen, 07/12/2026'\n"
        "print('MODULES', ' '.join(sorted(sys.modules)))"
    )
    proc = run_probe(probe)
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if x.startswith("MODULES "))
    assert _loaded(line.split()[1:], ("jinja2", "babel")) == []


def test_command_table_matches_what_the_modules_register():
    full = build_parser("*")
    (sub,) = [a for a in full._actions if a.dest == "command"]
    registered = [(a.dest, a.help) for a in sub._choices_actions]
    from sumbar_studio.core.i18n import t

    assert registered == [(name, t(help_id)) for name, _module, help_id in COMMANDS]
    assert {module for _name, module, _help in COMMANDS} == set(COMMAND_MODULES)


@pytest.mark.parametrize("name", [name for name, _m, _h in COMMANDS])
def test_help_is_the_same_with_one_command_registered(name):
    assert build_parser(name).format_help() == build_parser("*").format_help()


def test_abbreviated_option_before_the_command_still_runs_it(tmp_path, capsys):
    from sumbar_studio.cli import main

    text = tmp_path / "caption.txt"
    text.write_text("Rapat paripurna.", encoding="utf-8")
    # "--work DIR" is argparse's abbreviation of --workspace: the scanner takes DIR for the command
    code = main(["--work", str(tmp_path / "ws"), "check", "--text-file", str(text)])
    assert code in (0, 1)
    assert "instagram" in capsys.readouterr().out
