"""Value classes for the code every ``check`` process runs, without :mod:`dataclasses`.

The checker's records (a finding, a checklist item, a platform, the compiled rules, a count) are
declared like dataclasses, with :func:`record` in place of ``@dataclass``. Importing
:mod:`dataclasses` costs about 7 ms (it loads :mod:`inspect`, :mod:`ast` and :mod:`dis`) and each
class about 0.3 ms (it compiles generated methods with ``exec``): together a sixth of a whole
``check`` process (issue #14). :func:`record` builds the same methods from closures instead.

What it supports is what those classes use, with dataclass semantics: fields from the class's
annotations in order, defaults, :func:`field` with ``default_factory``, ``repr=False`` and
``compare=False``; ``__init__`` (positional or keyword), ``__repr__``, ``__eq__`` (same class,
field by field); ``frozen=True`` refuses assignment and makes instances hashable. Instances
pickle and copy as ordinary objects. Type checkers see a dataclass (``dataclass_transform``).
Everything else in the application keeps using :mod:`dataclasses`.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar, dataclass_transform

    T = TypeVar("T")
else:

    def dataclass_transform(**_kwargs):
        return lambda decorated: decorated


_MISSING = object()


def record_fields(cls: type) -> tuple[str, ...]:
    """The field names of a record class, in order (``dataclasses.fields``)."""
    return cls.__record_fields__  # type: ignore[attr-defined]


class FrozenRecordError(AttributeError):
    """Assignment to a field of a frozen record (like ``dataclasses.FrozenInstanceError``)."""


class _Field:
    __slots__ = ("default", "default_factory", "repr", "compare")

    def __init__(self, default: Any, default_factory: Any, repr: bool, compare: bool) -> None:  # noqa: A002
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] | None = None,
    repr: bool = True,  # noqa: A002 - the dataclasses spelling
    compare: bool = True,
) -> Any:
    """A field's options, as ``dataclasses.field``."""
    if default is not _MISSING and default_factory is not None:
        raise ValueError("cannot specify both default and default_factory")
    return _Field(default, default_factory, repr, compare)


@dataclass_transform(field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, frozen: bool = False) -> Any:
    """Make ``cls`` a record (``@record`` or ``@record(frozen=True)``)."""

    def wrap(klass: type[T]) -> type[T]:
        return _process(klass, frozen)

    return wrap if cls is None else wrap(cls)


def _process(cls: type, frozen: bool) -> type:
    names: list[str] = []
    defaults: dict[str, Any] = {}
    factories: dict[str, Callable[[], Any]] = {}
    shown: list[str] = []
    compared: list[str] = []
    seen_default = False
    for klass in reversed(cls.__mro__[:-1]):  # a base record's fields come first
        for name, annotation in klass.__dict__.get("__annotations__", {}).items():
            if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                continue
            spec = klass.__dict__.get(name, _MISSING)
            if isinstance(spec, _Field):
                if spec.default_factory is not None:
                    factories[name] = spec.default_factory
                elif spec.default is not _MISSING:
                    defaults[name] = spec.default
                if klass is cls:  # like dataclasses: the class keeps a plain default only
                    if spec.default is _MISSING:
                        delattr(cls, name)
                    else:
                        setattr(cls, name, spec.default)
                show, compare = spec.repr, spec.compare
            else:
                if spec is not _MISSING:
                    defaults[name] = spec
                show = compare = True
            if name in names:
                continue
            has_default = name in defaults or name in factories
            if seen_default and not has_default:
                raise TypeError(f"non-default argument {name!r} follows default argument")
            seen_default = seen_default or has_default
            names.append(name)
            if show:
                shown.append(name)
            if compare:
                compared.append(name)
    fields = tuple(names)
    count = len(fields)
    field_set = frozenset(fields)
    factory_items = tuple(factories.items())
    setter = object.__setattr__

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # dict operations in C rather than a loop over the fields: a hostile text makes tens of
        # thousands of findings
        if args:
            if len(args) > count:
                raise TypeError(f"{cls.__name__}() takes {count} arguments, {len(args)} given")
            values = dict(zip(fields, args, strict=False))
            if kwargs:
                if not kwargs.keys().isdisjoint(values):
                    twice = next(iter(kwargs.keys() & values.keys()))
                    raise TypeError(f"{cls.__name__}() got multiple values for {twice!r}")
                values.update(kwargs)
        else:
            values = kwargs
        if not values.keys() <= field_set:
            unknown = next(iter(values.keys() - field_set))
            raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {unknown!r}")
        merged = {**defaults, **values}
        for name, factory in factory_items:
            if name not in merged:
                merged[name] = factory()
        if len(merged) != count:
            missing = next(n for n in fields if n not in merged)
            raise TypeError(f"{cls.__name__}() missing required argument: {missing!r}")
        self.__dict__.update(merged)  # (never through a frozen record's __setattr__)

    compared_fields = tuple(compared)
    shown_fields = tuple(shown)

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in shown_fields)
        return f"{type(self).__qualname__}({inner})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in compared_fields)

    methods: dict[str, Any] = {"__init__": __init__, "__eq__": __eq__}
    if "__repr__" not in cls.__dict__:
        methods["__repr__"] = __repr__
    if frozen:

        def __hash__(self) -> int:
            return hash(tuple(getattr(self, n) for n in compared_fields))

        def __setattr__(self, name: str, value: Any) -> None:
            if name in fields or type(self) is cls:
                raise FrozenRecordError(f"cannot assign to field {name!r}")
            setter(self, name, value)

        def __delattr__(self, name: str) -> None:
            raise FrozenRecordError(f"cannot delete field {name!r}")

        methods.update(__hash__=__hash__, __setattr__=__setattr__, __delattr__=__delattr__)
    else:
        methods["__hash__"] = None  # mutable and compared by value, as a dataclass
    for name, method in methods.items():
        if method is not None:
            method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    cls.__record_fields__ = fields  # type: ignore[attr-defined]
    cls.__match_args__ = fields  # type: ignore[attr-defined,misc]
    return cls
