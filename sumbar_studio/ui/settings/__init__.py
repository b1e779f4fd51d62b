"""Settings: brand kit, people, rule lists, platform data, workspace, backups, accounts."""

from .dialog import SettingsDialog

__all__ = ["SettingsDialog"]
