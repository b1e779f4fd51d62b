"""Regular expressions written by the team (``re:`` lines of a rule list), bounded.

A team rule line such as ``re:(?:kata|kata)+x`` backtracks exponentially: on a caption with
"kata" forty times it would keep ``check`` and ``export`` busy for longer than the universe is
old. Two guards, so one typo never blocks the team:

* **when the rule file is loaded**, :func:`team_pattern` compiles the line and tries it on
  adversarial probes built from its own literals (``kata`` × 30, long runs of letters, digits,
  spaces) with a short time limit. A pattern that does not compile or does not finish is
  *refused*: it matches nothing and every check says which line was refused and why;
* **when a check runs**, every match runs under the ``regex`` module's ``timeout``; a pattern
  that still runs out of time stops (the rest of the check goes on) and the check reports it.

The engine collects these reports with :func:`collect_reports` around a check.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator

from .. import regexcache
from ..records import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    import regex

#: the time one team pattern may take over one text (seconds); normal patterns need < 1 ms
MATCH_TIMEOUT = 0.25
#: the time a probe may take when the rule file is loaded
PROBE_TIMEOUT = 0.05
PROBE_REPEATS = 28
MAX_PATTERN_LENGTH = 2000

_reports: contextvars.ContextVar[list[Report] | None] = contextvars.ContextVar(
    "sumbar_team_pattern_reports", default=None
)


@record(frozen=True)
class Report:
    """A team pattern that was refused when loaded, or ran out of time in a check."""

    key: str  # "refused" | "timeout"
    line: str
    origin: str
    reason: str = ""


class collect_reports:  # noqa: N801 - used as a function: ``with collect_reports() as found``
    """Gather the reports of team patterns used inside the ``with`` block. (A class, not
    ``contextlib.contextmanager``: contextlib is one import less for every check.)"""

    def __enter__(self) -> list[Report]:
        self.found: list[Report] = []
        self._token = _reports.set(self.found)
        return self.found

    def __exit__(self, *_exc: object) -> None:
        _reports.reset(self._token)


def _report(report: Report) -> None:
    found = _reports.get()
    if found is not None and report not in found:
        found.append(report)


@record
class TeamPattern:
    """A team's ``re:`` rule: ``finditer``/``search`` like a compiled pattern, but bounded."""

    line: str
    origin: str
    compiled: regex.Pattern | None = None
    refused: str = ""  # why the pattern was refused when loaded ("" when usable)

    @property
    def pattern(self) -> str:
        return self.compiled.pattern if self.compiled is not None else ""

    def finditer(self, text: str, *args, **kwargs) -> Iterator[regex.Match]:
        if self.compiled is None:
            _report(Report("refused", self.line, self.origin, self.refused))
            return
        try:
            yield from self.compiled.finditer(text, *args, timeout=MATCH_TIMEOUT, **kwargs)
        except TimeoutError:
            _report(Report("timeout", self.line, self.origin))

    def search(self, text: str, *args, **kwargs) -> regex.Match | None:
        return next(iter(self.finditer(text, *args, **kwargs)), None)


def _probes(body: str) -> list[str]:
    """Inputs that make backtracking patterns explode: the pattern's own words (and letters)
    repeated, short (exponential blow-up) and long (polynomial), with and without a character
    that makes the match fail at the end."""
    words = set(regexcache.compile(r"(?<!\\)[^\W\d_]+").findall(body)) or {"kata"}
    units = sorted(words, key=len)[:12] + ["a", " ", "1", "a ", "aa1", "."]
    probes = []
    for unit in dict.fromkeys(units):
        long = unit * max(1, 3000 // len(unit))
        probes += [unit * PROBE_REPEATS + "!", (unit + " ") * PROBE_REPEATS + "!", long, long + "!"]
    return probes


def team_pattern(
    body: str, *, line: str, origin: str, flags: int = regexcache.IGNORECASE
) -> TeamPattern:
    """Compile a team's pattern and refuse it when it is invalid or catastrophic."""
    from ..i18n import t

    if len(body) > MAX_PATTERN_LENGTH:
        return TeamPattern(
            line, origin, refused=t("text_guard.pattern_too_long", limit=MAX_PATTERN_LENGTH)
        )
    import regex  # a team's own pattern is parsed: the full module

    try:
        compiled = regex.compile(body, flags)
    except (regex.error, ValueError, OverflowError) as exc:
        return TeamPattern(line, origin, refused=t("text_guard.pattern_invalid", detail=str(exc)))
    for probe in _probes(body):
        try:
            for _ in compiled.finditer(probe, timeout=PROBE_TIMEOUT):
                pass
        except TimeoutError:
            return TeamPattern(line, origin, refused=t("text_guard.pattern_catastrophic"))
    return TeamPattern(line, origin, compiled)
