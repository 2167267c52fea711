"""How `engagements` shows its listing: a table for people, JSON for scripts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cxo_diag.text import clean, to_json

if TYPE_CHECKING:
    from cxo_diag.store.listing import Listing


def more_line(found: Listing) -> str:
    """What the listing leaves out, or '' when it shows every engagement."""
    hidden = found.total - len(found.engagements)
    if hidden <= 0:
        return ""
    return (
        f"{len(found.engagements)} most recent of {found.total:,} engagements shown; "
        "--all lists every one"
    )


def engagements_json(found: Listing) -> str:
    data = [
        {
            "name": entry.row.name,
            "organisation": entry.row.organisation,
            "bank": entry.row.bank.model_dump(mode="json"),
            "bank_title": entry.bank.title if entry.bank is not None else None,
            "created_at": entry.row.created_at.isoformat(),
            "rounds": entry.rounds,
            "respondents": [
                {
                    "name": p.respondent.name,
                    "role": p.respondent.role,
                    "round": p.respondent.round_number,
                    "questions": p.questions,
                    "answered": p.answered,
                    "skipped": p.skipped,
                    "percent": p.percent,
                    "finished": p.respondent.finished_at is not None,
                }
                for p in entry.respondents
            ],
        }
        for entry in found.engagements
    ]
    return to_json(data)


def engagements_text(found: Listing, *, color: bool, width: int) -> str:
    from rich.table import Table
    from rich.text import Text

    from cxo_diag.report.console import capture

    with capture(color=color, width=width) as (console, buffer):
        if not found.engagements:
            console.print("No engagements yet: start one with cxo-diag interview.")
            return buffer.getvalue()
        table = Table(title="Engagements", title_justify="left")
        for column in ("name", "organisation", "bank", "rounds", "respondents"):
            table.add_column(column)
        for entry in found.engagements:
            latest = max((p.respondent.round_number for p in entry.respondents), default=1)
            people = "\n".join(
                f"{clean(p.respondent.name)} ({p.respondent.role}) "
                + (f"{p.percent}%" if p.percent is not None else "?%")
                + (" done" if p.respondent.finished_at else "")
                for p in entry.respondents
                if p.respondent.round_number == latest
            )
            ref = entry.row.bank
            table.add_row(
                Text(clean(entry.row.name)),
                Text(clean(entry.row.organisation or "")),
                Text(f"{ref.id} {ref.version}"),
                str(entry.rounds),
                Text(people or "none yet"),
            )
        console.print(table)
    return buffer.getvalue()
