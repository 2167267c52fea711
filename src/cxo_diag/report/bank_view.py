"""How a bank and the list of banks look: rich tables, or JSON for scripts."""

from __future__ import annotations

from rich.markup import escape as _escape_markup
from rich.table import Table

from cxo_diag.bank.model import Bank
from cxo_diag.bank.registry import BankEntry
from cxo_diag.report.console import capture
from cxo_diag.text import clean, to_json


def escape(text: str) -> str:
    """Bank text for the terminal: control characters visible, rich markup literal."""
    return _escape_markup(clean(text))


def banks_text(entries: list[BankEntry], *, color: bool = False) -> str:
    with capture(color=color) as (console, buffer):
        if not entries:
            console.print("No banks found.")
            return buffer.getvalue()
        table = Table(title="Question banks", title_justify="left")
        for column in ("id", "version", "title", "dimensions", "questions", "source"):
            table.add_column(
                column, justify="right" if column in ("dimensions", "questions") else "left"
            )
        for e in entries:
            table.add_row(
                escape(e.id),
                escape(e.version),
                escape(e.title),
                str(e.dimensions),
                str(e.questions),
                e.source,
            )
        console.print(table)
    return buffer.getvalue()


def banks_json(entries: list[BankEntry]) -> str:
    return to_json(
        [
            {
                "id": e.id,
                "version": e.version,
                "title": e.title,
                "path": str(e.path),
                "source": e.source,
                "dimensions": e.dimensions,
                "questions": e.questions,
            }
            for e in entries
        ]
    )


def bank_text(bank: Bank, content_hash: str, *, color: bool = False) -> str:
    with capture(color=color) as (console, buffer):
        console.print(
            f"[bold]{escape(bank.title)}[/] ({escape(bank.id)} {escape(bank.version)}, "
            f"{content_hash})"
        )
        if bank.description:
            console.print(escape(bank.description))
        roles = ", ".join(
            f"{escape(r.id)} ({escape(r.title)}{', observer' if r.observer else ''})"
            for r in bank.roles
        )
        console.print(f"Roles: {roles}\n")
        dims = Table(title="Dimensions", title_justify="left")
        for column in ("id", "title", "questions", "bands"):
            dims.add_column(column)
        for d in bank.dimensions:
            count = sum(1 for q in bank.questions if q.dimension == d.id)
            bands = ", ".join(f"{escape(b.label)} <{b.to:g}" for b in d.bands)
            dims.add_row(escape(d.id), escape(d.title), str(count), bands)
        console.print(dims)
        questions = Table(title="Questions", title_justify="left")
        for column in ("id", "dimension", "perspective", "keyed", "roles", "text"):
            questions.add_column(column)
        for q in bank.questions:
            wording = (
                q.text
                if isinstance(q.text, str)
                else "\n".join(f"{role}: {text}" for role, text in q.text.items())
            )
            questions.add_row(
                escape(q.id),
                escape(q.dimension),
                q.perspective.value,
                q.keyed.value,
                ", ".join(bank.answering_roles(q)),
                escape(wording),
            )
        console.print(questions)
        practices = Table(title="Practices", title_justify="left")
        for column in ("id", "title", "owner", "cadence", "addresses"):
            practices.add_column(column)
        for p in bank.practices:
            practices.add_row(
                escape(p.id),
                escape(p.title),
                escape(p.owner),
                escape(p.cadence),
                escape(", ".join(p.addresses)),
            )
        console.print(practices)
        console.print(f"{len(bank.rules)} rules")
    return buffer.getvalue()


def bank_json(bank: Bank, content_hash: str) -> str:
    payload = {"content_hash": content_hash, **bank.model_dump(mode="json", by_alias=True)}
    return to_json(payload)
