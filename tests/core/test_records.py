"""core.records: the checker's value classes behave as the dataclasses they replace."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from sumbar_studio.core.records import FrozenRecordError, field, record, record_fields


@record
class Note:
    text: str
    tags: list[str] = field(default_factory=list)
    level: int = 1
    callback: object = field(default=None, repr=False, compare=False)


@record(frozen=True)
class Place:
    name: str
    zone: tuple[int, ...] = ()
    code: str = ""


@dataclasses.dataclass
class NoteDC:
    text: str
    tags: list[str] = dataclasses.field(default_factory=list)
    level: int = 1
    callback: object = dataclasses.field(default=None, repr=False, compare=False)


def test_init_takes_positional_and_keyword_arguments_with_defaults():
    a = Note("rapat", ["dprd"], level=2)
    assert (a.text, a.tags, a.level, a.callback) == ("rapat", ["dprd"], 2, None)
    b = Note(text="sidang")
    assert (b.tags, b.level) == ([], 1)
    assert Note("x").tags is not Note("x").tags  # a fresh list per instance
    assert record_fields(Note) == ("text", "tags", "level", "callback")
    assert Note.level == 1 and not hasattr(Note, "tags")  # as a dataclass leaves its class


@pytest.mark.parametrize(
    "call",
    [
        lambda: Note(),
        lambda: Note("a", [], 1, None, 5),
        lambda: Note("a", text="b"),
        lambda: Note("a", colour="red"),
    ],
)
def test_wrong_arguments_are_refused_as_a_dataclass_refuses_them(call):
    with pytest.raises(TypeError):
        call()


def test_repr_and_equality_match_a_dataclass():
    ours, theirs = (
        Note("rapat", ["a"], 3, callback=print),
        NoteDC("rapat", ["a"], 3, callback=print),
    )
    assert repr(ours).replace("Note(", "") == repr(theirs).replace("NoteDC(", "")
    assert Note("rapat", callback=print) == Note("rapat", callback=len)  # not compared
    assert Note("rapat") != Note("sidang")
    assert Note("rapat") != NoteDC("rapat")  # another class is never equal
    with pytest.raises(TypeError):
        hash(Note("rapat"))  # mutable and compared by value: unhashable, as a dataclass


def test_a_frozen_record_refuses_assignment_and_is_hashable():
    place = Place("Padang", (10,))
    with pytest.raises(FrozenRecordError):
        place.name = "Bukittinggi"
    with pytest.raises(AttributeError):
        del place.code
    with pytest.raises(AttributeError):
        place.other = 1
    assert hash(Place("Padang", code="PDG")) == hash(Place("Padang", code="PDG"))
    assert {Place("Padang", code="A"), Place("Padang", code="A")} == {Place("Padang", code="A")}


@pytest.mark.parametrize("value", [Note("rapat", ["a"], 2), Place("Padang", (1,), "PDG")])
def test_records_pickle_and_copy(value):
    assert pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) == value
    assert copy.copy(value) == value and copy.deepcopy(value) == value


def test_a_field_without_default_after_one_with_a_default_is_refused():
    with pytest.raises(TypeError):

        @record
        class Broken:
            a: int = 1
            b: int
