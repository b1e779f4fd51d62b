"""Every item model of the queue and settings passes qtmodeltester; the list loads lazily."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from sumbar_studio.core.model import Post, Status
from sumbar_studio.core.store.protocol import PostQuery
from sumbar_studio.core.timeutil import iso_week_of, now_utc, to_wib
from sumbar_studio.ui.queue.models import (
    HistoryModel,
    IdRole,
    MonthModel,
    PostListModel,
    SummaryRole,
    WeekModel,
)


@pytest.fixture
def filled(workspace):
    start = now_utc().replace(minute=0, second=0, microsecond=0)
    for i in range(450):
        workspace.posts.add(
            Post(
                title=f"Unggahan {i:03d} rapat paripurna"
                if i % 3 == 0
                else f"Unggahan {i:03d} reses",
                platforms=["instagram"] if i % 2 else ["facebook", "x"],
                assignee="Rina" if i % 4 == 0 else "Budi",
                scheduled_at=start + timedelta(hours=3 * i) if i % 10 else None,
            ),
            "tester",
        )
    return workspace


def test_list_model_is_lazy_and_passes_the_model_tester(qtmodeltester, filled):
    model = PostListModel(filled.posts, page_size=200, cache_pages=2)
    model.set_query(PostQuery())
    assert model.total() == 450
    assert model.rowCount() == 200 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    model.summary_fetches = 0
    model.data(model.index(0, 1))
    model.data(model.index(5, 1))
    assert model.summary_fetches == 1  # one page read for both rows
    model.data(model.index(420, 1))
    model.data(model.index(250, 1))
    model.data(model.index(0, 1))
    assert model.summary_fetches == 4  # LRU of two pages: page 0 was evicted
    qtmodeltester.check(model, force_py=True)


def test_list_model_filters_and_sorts(qtmodeltester, filled):
    model = PostListModel(filled.posts)
    model.set_query(PostQuery(text="paripurna"))
    assert model.total() == 150
    model.set_query(PostQuery(assignee="Rina", platform="x"))
    assert model.total() == len([i for i in range(450) if i % 4 == 0 and i % 2 == 0])
    model.sort(1, Qt.SortOrder.DescendingOrder)
    titles = [model.data(model.index(r, 1)) for r in range(5)]
    assert titles == sorted(titles, reverse=True)
    assert isinstance(model.data(model.index(0, 0), IdRole), int)
    assert model.data(model.index(0, 0), SummaryRole).assignee == "Rina"
    qtmodeltester.check(model, force_py=True)


def test_week_and_month_models(qtmodeltester, filled):
    year, week = iso_week_of(now_utc())
    week_model = WeekModel(filled.posts)
    week_model.set_week(year, week)
    assert week_model.rowCount() > 0
    days = week_model.days()
    for s in week_model.summaries():
        assert to_wib(s.scheduled_at).date() in days
    qtmodeltester.check(week_model, force_py=True)
    today = to_wib(now_utc())
    month = MonthModel(filled.posts)
    month.set_month(today.year, today.month, PostQuery(statuses=[Status.DRAFT]))
    assert month.rowCount() == 6 and month.columnCount() == 7
    index = month.index_of(today.date())
    assert index.isValid()
    assert month.data(index) == str(today.day)
    qtmodeltester.check(month, force_py=True)


def test_history_model(qtmodeltester, filled):
    post = filled.posts.list(PostQuery(limit=1))[0]
    filled.posts.reschedule(post.id, now_utc() + timedelta(days=2), "Rina")
    model = HistoryModel()
    model.set_entries(filled.posts.history(post.id))
    assert model.rowCount() == 2
    assert model.data(model.index(0, 2)) == "Jadwal dipindah"
    assert model.data(model.index(0, 1)) == "Rina"
    qtmodeltester.check(model, force_py=True)


def test_import_accounts_people_and_platform_models(qtmodeltester):
    from keyring.backends import fail

    from sumbar_studio.core import importer
    from sumbar_studio.core.accounts import CredentialStore
    from sumbar_studio.core.platforms import load_catalog
    from sumbar_studio.core.resources import asset_path
    from sumbar_studio.core.settings import OfficialAccount, Person
    from sumbar_studio.ui.dialogs.import_csv import ImportPreviewModel
    from sumbar_studio.ui.settings.accounts import AccountsModel
    from sumbar_studio.ui.settings.dialog import PeopleModel, PlatformModel

    preview = ImportPreviewModel()
    preview.set_preview(importer.parse_csv("tanggal,judul\n07/12/2026,A\n31/02/2026,B\n"))
    assert preview.rowCount() == 2
    qtmodeltester.check(preview, force_py=True)
    accounts = AccountsModel(
        [OfficialAccount("instagram", "@dprdsumbar")], CredentialStore(fail.Keyring())
    )
    qtmodeltester.check(accounts, force_py=True)
    people = PeopleModel([Person("Rina", "198001012005012001", "Pranata Humas", False)])
    qtmodeltester.check(people, force_py=True)
    import json

    load_catalog()  # shipped file is valid
    platforms = PlatformModel(json.loads(asset_path("platforms.json").read_text(encoding="utf-8")))
    qtmodeltester.check(platforms, force_py=True)
