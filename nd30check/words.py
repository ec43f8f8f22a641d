"""Words by key: what checks, the engine and the pipeline say, kept unrendered until a report
renders it in the reader's language.

A finding, a reason or an expected value is never a sentence in one language inside a result:
it is a key of the rule pack with values — so a result made once (in a worker, in the cache, in
the audit database) can be shown in Vietnamese or English, and an organisation's pack can
reword it. Four forms, all serialisable (:func:`to_data` / :func:`from_data`):

* :class:`Term` — a shared word of the pack (``[terms.<key>]``) with values for its placeholders;
* :class:`Message` — a message of the rule the value belongs to (``[rule.messages.<key>]``),
  else the shared term of that key;
* :class:`Phrase` — several words shown joined by a separator (itself a word);
* ``{"vi": …, "en": …}`` — a value already known in both languages (numbers written with a
  decimal comma in Vietnamese, names from a certificate); anything else is shown as it is —
  a :class:`Quantity` (a value as shown, "13–14", that keeps its numbers and unit for
  machines: ``fix``, the audit database) among them.

:func:`localise` renders one of them; ``nd30check.report.words`` renders whole results.
"""

from __future__ import annotations

from typing import Any, Iterable

__all__ = ["Message", "Phrase", "Quantity", "Term", "from_data", "localise", "render", "to_data"]


class Term:
    """A word or phrase of the rule pack (``[terms.<key>]``), by key, with values for its
    placeholders. Checks pass Terms as expected/actual values and message values; reports
    render them in the run's language (an organisation's pack may reword them)."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and (self.key, self.values) == (other.key, other.values)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r}{''.join(f', {k}={v!r}' for k, v in self.values.items())})"


class Message(Term):
    """A message of the rule a finding or reason belongs to (``[rule.messages.<key>]``); when
    the rule has no message of that key, the pack's shared term of the same key."""

    __slots__ = ()


class Phrase:
    """Several Terms (or values) shown joined by ``sep`` (a string or a Term): "không đậm, không nghiêng"."""

    __slots__ = ("parts", "sep")

    def __init__(self, parts: Iterable[Any], sep: Any = ", ") -> None:
        self.parts = list(parts)
        self.sep = sep

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.parts, self.sep) == (other.parts, other.sep)

    def __repr__(self) -> str:
        return f"Phrase({self.parts!r}, {self.sep!r})"


class Quantity(str):
    """A required or measured value as it is shown ("13–14", "12") that keeps its numbers:
    ``lo``–``hi`` (equal for one value) in ``unit``. It is the string everywhere a string is
    expected (messages, reports, comparisons); ``fix`` and the audit database read the numbers."""

    def __new__(cls, text: str, lo: float | None = None, hi: float | None = None, unit: str | None = None) -> "Quantity":
        q = super().__new__(cls, text)
        q.lo, q.hi, q.unit = lo, lo if hi is None else hi, unit
        return q

    def __reduce__(self) -> Any:
        return (Quantity, (str(self), self.lo, self.hi, self.unit))

    def __repr__(self) -> str:
        return f"Quantity({str(self)!r}, {self.lo!r}, {self.hi!r}, {self.unit!r})"


def render(template: str, values: dict[str, Any]) -> str:
    """str.format that leaves unknown placeholders visible instead of raising."""

    class _Missing(dict):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    try:
        return template.format_map(_Missing(values))
    except (ValueError, IndexError):
        return template


def _pick(entry: dict[str, str], lang: str, default: str) -> str:
    return entry.get(lang) or entry.get("vi") or entry.get("en") or default


def localise(value: Any, lang: str, terms: dict[str, dict[str, str]],
             messages: dict[str, dict[str, str]] | None = None, fallback: str | None = None) -> Any:
    """A value as shown in ``lang``: a Term from the pack's ``terms`` (placeholders filled), a
    Message from the rule's ``messages`` (else ``terms``; else ``fallback``, the rule's main
    message), a Phrase joined, a ``{"vi": …, "en": …}`` pair picked; anything else as is."""
    if isinstance(value, Term):
        entry = None
        if isinstance(value, Message) and messages is not None:
            entry = messages.get(value.key)
        if entry is None:
            entry = terms.get(value.key)
        text = _pick(entry, lang, value.key) if entry else (fallback if fallback is not None else value.key)
        if value.values:
            text = render(text, {k: localise(v, lang, terms, messages) for k, v in value.values.items()})
        return text
    if isinstance(value, Phrase):
        sep = localise(value.sep, lang, terms, messages)
        return str(sep).join(str(localise(v, lang, terms, messages)) for v in value.parts)
    if isinstance(value, dict) and ("vi" in value or "en" in value):  # either side may be a word itself
        return localise(value.get(lang) or value.get("vi") or value.get("en"), lang, terms, messages)
    return value


# --- serialisable form (worker processes, the cache, the audit database) ---------------------

_TERM, _MESSAGE, _PHRASE, _QUANTITY = "term", "message", "phrase", "quantity"


def to_data(value: Any) -> Any:
    """A word as plain JSON data: ``{"term": key, "values": {…}}``, ``{"message": …}``,
    ``{"phrase": […], "sep": …}``, ``{"quantity": "13–14", "lo": 13, "hi": 14, "unit": "pt"}``;
    strings, numbers, None and ``{"vi", "en"}`` pairs as they are."""
    if isinstance(value, Quantity):
        return {_QUANTITY: str(value), "lo": value.lo, "hi": value.hi, "unit": value.unit}
    if isinstance(value, Term):
        out: dict[str, Any] = {_MESSAGE if isinstance(value, Message) else _TERM: value.key}
        if value.values:
            out["values"] = {k: to_data(v) for k, v in value.values.items()}
        return out
    if isinstance(value, Phrase):
        return {_PHRASE: [to_data(p) for p in value.parts], "sep": to_data(value.sep)}
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    return value


def from_data(data: Any) -> Any:
    """The inverse of :func:`to_data`."""
    if isinstance(data, dict):
        keys = set(data)
        if keys in ({_TERM}, {_TERM, "values"}) and isinstance(data[_TERM], str):
            return Term(data[_TERM], **{k: from_data(v) for k, v in (data.get("values") or {}).items()})
        if keys in ({_MESSAGE}, {_MESSAGE, "values"}) and isinstance(data[_MESSAGE], str):
            return Message(data[_MESSAGE], **{k: from_data(v) for k, v in (data.get("values") or {}).items()})
        if keys == {_QUANTITY, "lo", "hi", "unit"} and isinstance(data[_QUANTITY], str):
            return Quantity(data[_QUANTITY], data["lo"], data["hi"], data["unit"])
        if keys == {_PHRASE, "sep"} and isinstance(data[_PHRASE], list):
            return Phrase([from_data(p) for p in data[_PHRASE]], from_data(data["sep"]))
        return {k: from_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [from_data(v) for v in data]
    return data
