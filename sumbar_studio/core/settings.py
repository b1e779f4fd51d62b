"""Typed settings, persisted as JSON and written atomically.

Two scopes:
- :class:`AppSettings` belong to one user on one PC (language, last workspace, who is using the
  app): ``settings.json`` in the platformdirs config folder (``SUMBAR_CONFIG_DIR`` overrides).
- :class:`TeamSettings` belong to the workspace the team shares (people with NIP, who signs the
  weekly plan, brand overrides, backup policy, the register of official accounts):
  ``team.json`` inside the workspace folder.
Secrets (account passwords) are never in either: they live only in the OS keyring.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from platformdirs import user_config_dir

from .fileutil import write_text_atomic

ENV_CONFIG_DIR = "SUMBAR_CONFIG_DIR"


@dataclass
class Person:
    name: str
    nip: str = ""
    role: str = ""  # e.g. "Pranata Humas", "Kepala Bagian"
    can_approve: bool = False


@dataclass
class OfficialAccount:
    platform: str
    handle: str
    profile_url: str = ""
    verified: bool = False
    responsible: str = ""


@dataclass
class TeamSettings:
    people: list[Person] = field(default_factory=list)
    preparer: str = ""  # "Disiapkan oleh" on the weekly plan (a person's name)
    head_of_section: str = ""  # "Mengetahui"
    city: str = "Padang"
    brand: dict = field(default_factory=dict)  # overlay on assets/brand/brand.json
    backup_keep_days: int = 14
    accounts: list[OfficialAccount] = field(default_factory=list)
    inbox: dict = field(default_factory=dict)  # Kotak Masukan settings (core/inbox/config.py)

    def person(self, name: str) -> Person | None:
        return next((p for p in self.people if p.name == name), None)

    @classmethod
    def from_dict(cls, data: dict) -> TeamSettings:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["people"] = [Person(**p) for p in values.get("people", [])]
        values["accounts"] = [OfficialAccount(**a) for a in values.get("accounts", [])]
        return cls(**values)

    @classmethod
    def load(cls, path: Path) -> TeamSettings:
        from .inputs import read_input

        if not path.exists():
            return cls()
        data = json.loads(read_input(path, "json").decode("utf-8"))
        if not isinstance(data, dict):
            raise TypeError("team.json: an object is expected")
        return cls.from_dict(data)

    def save(self, path: Path) -> None:
        write_text_atomic(path, json.dumps(asdict(self), ensure_ascii=False, indent=2))


@dataclass
class AppSettings:
    language: str = "id"
    last_workspace: str = ""
    user_name: str = ""  # the officer using this PC; actor in the audit log
    window_state: dict = field(default_factory=dict)

    @staticmethod
    def path() -> Path:
        base = os.environ.get(ENV_CONFIG_DIR) or user_config_dir("SumbarStudio", appauthor=False)
        return Path(base) / "settings.json"

    @classmethod
    def load(cls, path: Path | None = None) -> AppSettings:
        path = path or cls.path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def save(self, path: Path | None = None) -> None:
        write_text_atomic(
            path or self.path(), json.dumps(asdict(self), ensure_ascii=False, indent=2)
        )

    def actor(self) -> str:
        """Name written to the audit log: the configured officer, else the OS user."""
        if self.user_name:
            return self.user_name
        try:
            return os.getlogin()
        except OSError:
            return os.environ.get("USER") or os.environ.get("USERNAME") or "petugas"
