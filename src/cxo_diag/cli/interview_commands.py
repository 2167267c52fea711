"""Commands that take a respondent's answers: interview and resume (one question a screen,
each answer saved as it is given) and import (answers files).

Each parses its options, calls the application layer (``cxo_diag.app``) and writes what it
gives back; the flow runs on the terminal through ``cli/terminal.py``.
"""

from __future__ import annotations

import contextlib
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cxo_diag.cli.app import app
from cxo_diag.cli.options import (
    ClientOption,
    CxoCommand,
    EngagementArgument,
    StoreOption,
    TakeOverOption,
)
from cxo_diag.cli.output import color_wanted, report_width
from cxo_diag.cli.terminal import run_on_terminal
from cxo_diag.errors import CxoDiagError
from cxo_diag.text import clean

if TYPE_CHECKING:
    from cxo_diag.answers import AnswerSet
    from cxo_diag.app.engagements import Engagement
    from cxo_diag.app.interviews import InterviewTarget
    from cxo_diag.store.engine import Store
    from cxo_diag.store.leases import Lease
    from cxo_diag.store.queries import RespondentRow

NO_TERMINAL_INTERVIEW = (
    "without one, give the answers in a file: --answers FILE, or cxo-diag import ENGAGEMENT FILE"
)


def _resume_command(engagement: str, respondent: str, store_text: str | None) -> str:
    words = ["cxo-diag", "resume", engagement, "--respondent", respondent]
    if store_text:
        words += ["--store", store_text]
    return clean(shlex.join(words))  # an imported respondent's name may hold control characters


def _interview(
    store: Store, target: InterviewTarget, store_text: str | None, *, take_over: bool
) -> None:
    """Run one respondent's interview on this terminal, holding their lease (one session at
    a time), saving each answer as it is given."""
    from cxo_diag.app.interviews import claim, release

    target, lease = claim(store, target, take_over=take_over)
    if lease.took_over is not None:
        typer.echo(
            f"took {clean(target.respondent.name)} over from {clean(lease.took_over.describe())}",
            err=True,
        )
    try:
        _interview_held(store, target, store_text, lease)
    finally:
        with contextlib.suppress(CxoDiagError):
            # Unreleased (a busy or full store), the lease outlives this process, so the
            # next session on this host takes it over by itself.
            release(store, lease)


def _interview_held(
    store: Store, target: InterviewTarget, store_text: str | None, lease: Lease
) -> None:
    from cxo_diag.app.interviews import StoreSink, record_finished
    from cxo_diag.interview.flow import InterviewFlow, Mode
    from cxo_diag.interview.screens import Heading, render_summary
    from cxo_diag.terminal_keys import show_screen

    bank, person = target.engagement.bank, target.respondent
    flow = InterviewFlow(
        bank,
        person.role,
        answers={qid: stored.value for qid, stored in target.answers.items()},
        notes=target.notes,
        revisit=person.finished_at is not None,
        open_answers=target.open_answers,
    )
    heading = Heading(
        respondent=person.name,
        role_title=bank.role(person.role).title,
        engagement=target.engagement.name,
        round_number=person.round_number,
    )
    mode = run_on_terminal(flow, heading, StoreSink(store, person.id, lease))
    resume = _resume_command(target.engagement.name, person.name, store_text)
    if mode is Mode.DONE:
        record_finished(store, person.id, lease=lease)
        show_screen(
            render_summary(flow, heading, color=color_wanted(sys.stdout), width=report_width())
        )
        report = ["cxo-diag", "report", target.engagement.name]
        if store_text:
            report += ["--store", store_text]
        typer.echo(f"\nThe comparative report: {shlex.join(report)}")
        return
    answered = f"{flow.given} of {len(flow.questions)} questions answered"
    typer.echo("")
    if mode is Mode.INTERRUPTED:
        typer.echo(f"Interrupted; saved: {answered}. Resume with:\n  {resume}", err=True)
        raise typer.Exit(130)
    typer.echo(f"Saved: {answered}. Resume with:\n  {resume}")


@app.command(cls=CxoCommand)
def interview(
    engagement: EngagementArgument,
    *,
    bank: Annotated[
        str | None,
        typer.Option(
            "--bank",
            "-b",
            metavar="BANK",
            help="Bank id or file (needed to start a new engagement).",
        ),
    ] = None,
    respondent: Annotated[
        str | None, typer.Option("--respondent", "-r", metavar="NAME", help="The person answering.")
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", metavar="ROLE", help="Their role id in the bank.")
    ] = None,
    organisation: ClientOption = None,
    new_round: Annotated[
        bool, typer.Option("--new-round", help="Start a re-assessment (the next round).")
    ] = False,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Take this respondent's answers from a file (no terminal needed).",
        ),
    ] = None,
    store: StoreOption = None,
    take_over: TakeOverOption = False,
) -> None:
    """Interview one respondent, saving each answer as it is given.

    One question a screen. Creates the engagement (with --bank) or adds the respondent
    to it. Keys: a number answers, n not applicable, s skip, b back, c note, ? probe,
    q save and quit.
    """
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.errors import UsageError

    if answers is not None:
        _interview_from_file(
            engagement,
            answers,
            bank=bank,
            respondent=respondent,
            role=role,
            organisation=organisation,
            new_round=new_round,
            store=store,
        )
        return
    from cxo_diag.terminal_keys import require_terminal

    require_terminal("interview", NO_TERMINAL_INTERVIEW)
    if not respondent or not role:
        raise UsageError("name the respondent and their role: --respondent NAME --role ROLE")
    resolved = open_bank(bank) if bank else None
    from cxo_diag.app.interviews import start_interview
    from cxo_diag.app.stores import open_named

    opened, store_text = open_named(store)
    with opened:
        target = start_interview(
            opened,
            engagement,
            bank=resolved,
            respondent=respondent,
            role=role,
            organisation=organisation,
            new_round=new_round,
        )
        _interview(opened, target, store_text, take_over=take_over)


def _interview_from_file(
    engagement: str,
    path: Path,
    *,
    bank: str | None,
    respondent: str | None,
    role: str | None,
    organisation: str | None,
    new_round: bool,
    store: str | None,
) -> None:
    from cxo_diag.app.importing import import_interview_file

    done, answer_set, store_text = import_interview_file(
        store,
        engagement,
        path,
        bank=bank,
        respondent=respondent,
        role=role,
        organisation=organisation,
        new_round=new_round,
    )
    typer.echo(
        _added_line(done.engagement, done.round_number, done.added[0], answer_set, store_text)
    )


def _added_line(
    found: Engagement,
    number: int,
    person: RespondentRow,
    answer_set: AnswerSet,
    store_text: str | None,
) -> str:
    """What an import did for one respondent; an unfinished one with how to continue."""
    from cxo_diag.app.importing import answered_count

    line = f"added {clean(person.name)} ({person.role}) to round {number} of {clean(found.name)}"
    if person.finished_at is not None:
        return line
    asked = len(found.bank.questions_for(person.role))
    resume = _resume_command(found.name, person.name, store_text)
    return f"{line}: {answered_count(answer_set)} of {asked} answered, not finished: {resume}"


@app.command(cls=CxoCommand)
def resume(
    engagement: EngagementArgument,
    respondent: Annotated[
        str | None,
        typer.Option(
            "--respondent",
            "-r",
            metavar="NAME",
            help="Whose interview (needed when several stopped).",
        ),
    ] = None,
    store: StoreOption = None,
    take_over: TakeOverOption = False,
) -> None:
    """Continue an interview at the first unanswered question."""
    from cxo_diag.terminal_keys import require_terminal

    require_terminal("resume", NO_TERMINAL_INTERVIEW)
    from cxo_diag.app.interviews import resume_target
    from cxo_diag.app.stores import open_named

    opened, store_text = open_named(store, create=False)
    with opened:
        target = resume_target(opened, engagement, respondent)
        _interview(opened, target, store_text, take_over=take_over)


@app.command("import", cls=CxoCommand)
def import_answers(
    engagement: EngagementArgument,
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help="Answers files (YAML or JSON).")
    ],
    *,
    new_round: Annotated[
        bool, typer.Option("--new-round", help="Add them to a new round (a re-assessment).")
    ] = False,
    bank: Annotated[
        str | None,
        typer.Option(
            "--bank",
            "-b",
            metavar="BANK",
            help="Bank id or file to start a new engagement with (default: the bank the "
            "files name, built in or in ./questionnaires).",
        ),
    ] = None,
    organisation: ClientOption = None,
    store: StoreOption = None,
) -> None:
    """Add answers files (assess, form, template) to an engagement.

    Answers files come from assess --out, the offline form or a template. They join the
    engagement's latest round (or a new one with --new-round); a new engagement is started
    from the bank the files name. All or nothing: every file must fit the engagement's bank
    version, or none is added.
    """
    from cxo_diag.answers import read_answers_file
    from cxo_diag.app.importing import import_answers
    from cxo_diag.cli.progress import LONG_WORK, progress_bar

    sets = []
    with progress_bar("reading answers files", minimum=LONG_WORK) as advance:
        for path in files:
            sets.append((str(path), read_answers_file(path)))
            advance(1, len(files))
    done, store_text = import_answers(
        store, engagement, sets, bank=bank, organisation=organisation, new_round=new_round
    )
    if done.created:
        ref = done.engagement.row.bank
        typer.echo(
            f"started engagement {clean(done.engagement.name)} with bank {ref.id} {ref.version}"
        )
    for person, (_, answer_set) in zip(done.added, sets, strict=True):
        typer.echo(_added_line(done.engagement, done.round_number, person, answer_set, store_text))
