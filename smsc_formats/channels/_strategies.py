"""Hypothesis strategies for the channels' values; re-exported by :mod:`smsc_formats.strategies`."""

from __future__ import annotations

from hypothesis import strategies as st

from .smtp import SmtpBody

_TEXT = st.characters(codec="utf-8")


def _slot(forbidden: str) -> st.SearchStrategy[str]:
    return st.text(st.characters(codec="utf-8", exclude_characters=forbidden + "\r\n"), max_size=12)


@st.composite
def smtp_bodies(draw: st.DrawFn) -> SmtpBody:
    """A mail command the grammar can carry, written in UTF-8: every slot present or not."""
    options: list[str | None] = [draw(_slot(":,"))]
    for _ in range(3):
        options.append(draw(st.none() | _slot(":,")) if options[-1] is not None else None)
    return SmtpBody(
        login=draw(_slot(":")),
        psw=draw(_slot(":")),
        id=draw(st.none() | st.integers(min_value=0, max_value=2_147_483_647)),
        time=draw(_slot(":,")),
        tz=draw(st.none() | _slot(":,")),
        translit=options[0] or "",
        format=options[1],
        sender=options[2],
        test=options[3],
        phones=draw(_slot(":")),
        mes=draw(st.text(_TEXT, max_size=40)),
    )
