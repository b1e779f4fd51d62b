"""Every message an error class can show renders fully: no raw ``{placeholder}`` is left.

The test finds every place in the package that constructs an error class with a message id
(``InvalidInput("cli_posts.file_unreadable", path=..., detail=...)``), builds that error with
the same keyword names and renders it in both languages.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import sumbar_studio
from sumbar_studio.core.errors import InvalidInput, SumbarError
from sumbar_studio.core.i18n import catalogue, t

PACKAGE = Path(sumbar_studio.__file__).parent
_PLACEHOLDER = re.compile(r"\{(\w+)")


def _error_classes() -> dict[str, type[SumbarError]]:
    for info in pkgutil.walk_packages([str(PACKAGE)], "sumbar_studio."):
        if ".ui" in info.name or ".printing" in info.name or info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
    found: dict[str, type[SumbarError]] = {}
    todo = [SumbarError]
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return found


def _call_sites(classes: dict[str, type[SumbarError]]):
    """(class, message id, keyword names, where) for each construction with a literal id."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = (
                node.func.id
                if isinstance(node.func, ast.Name)
                else (node.func.attr if isinstance(node.func, ast.Attribute) else None)
            )
            cls = classes.get(name or "")
            if cls is None:
                continue
            if any(k.arg is None for k in node.keywords):
                continue  # **params: not knowable statically
            if (
                node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                message_id = node.args[0].value
                if "." not in message_id:
                    continue  # a class with its own positional arguments (not a message id)
            elif not node.args:
                message_id = cls.message_id
            else:
                continue
            keys = tuple(k.arg for k in node.keywords)
            yield cls, message_id, keys, f"{path.relative_to(PACKAGE)}:{node.lineno}"


def _build(cls: type[SumbarError], message_id: str, keys: tuple[str, ...]) -> SumbarError:
    values = {k: f"<{k}>" for k in keys if k not in ("result", "results")}
    try:
        return cls(message_id, **values)  # type: ignore[call-arg]
    except TypeError:  # classes with their own positional signature
        err = cls(**values)  # type: ignore[call-arg]
        err.message_id = message_id
        return err


def test_call_sites_are_found():
    sites = list(_call_sites(_error_classes()))
    assert len(sites) > 100
    assert any(mid == "files.too_large" for _, mid, _, _ in sites)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_error_message_renders_fully(lang):
    problems = []
    for cls, message_id, keys, where in _call_sites(_error_classes()):
        if message_id not in catalogue("id"):
            problems.append(f"{where}: {message_id} is not in the catalogue")
            continue
        wanted = set(_PLACEHOLDER.findall(catalogue(lang).get(message_id, "")))
        missing = wanted - set(keys) - {"detail"}
        if missing:
            problems.append(f"{where}: {message_id} lacks {sorted(missing)}")
        err = _build(cls, message_id, keys)
        if "detail" in keys:
            err.detail = "<detail>"
        text = err.user_message(lang)
        if "{" in text:
            problems.append(f"{where}: {message_id} renders as {text!r}")
    assert not problems, "\n".join(problems)


def test_detail_is_a_formatting_value():
    err = InvalidInput("cli_posts.file_unreadable", path="/tmp/x.txt", detail="Is a directory")
    assert str(err) == t("cli_posts.file_unreadable", path="/tmp/x.txt", detail="Is a directory")
    assert "{" not in str(err) and "Is a directory" in str(err)
    assert "{detail}" not in str(InvalidInput(detail="kolom kosong"))
    assert "kolom kosong" in str(InvalidInput(detail="kolom kosong"))


def test_a_placeholder_nobody_supplied_is_empty_not_raw():
    assert t("cli_posts.file_unreadable", path="x") == t(
        "cli_posts.file_unreadable", path="x", detail=""
    )
    assert "{" not in str(InvalidInput("cli_posts.file_unreadable"))
