"""The self-assessment: assess, one question a screen, with its answers file kept up to date.

With --out (or --resume) every answer is in the file the moment it is given. Without it,
nothing is kept unless the respondent says so: q asks before discarding answers, and offers
to keep them in a file that --resume continues.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cxo_diag.cli.app import app
from cxo_diag.cli.options import CxoCommand, ForceOption
from cxo_diag.cli.output import color_wanted, report_width
from cxo_diag.cli.terminal import choose, run_on_terminal
from cxo_diag.text import clean

if TYPE_CHECKING:
    from cxo_diag.app.self_assessment import AnswersFileSink, Respondent
    from cxo_diag.bank.model import Bank
    from cxo_diag.bank.registry import BankEntry
    from cxo_diag.interview.flow import InterviewFlow

NO_TERMINAL_ASSESS = (
    "without one, answer in the browser (cxo-diag form --bank BANK --role ROLE --out "
    "FILE.html) or fill in an answers file (cxo-diag template --bank BANK --role ROLE --out "
    "FILE), then score it: cxo-diag score FILE"
)
#: How the respondent is named on screen when no name was given and nothing is kept.
UNNAMED = "you"


def _pick_bank(offered: tuple[Bank, str] | list[BankEntry]) -> tuple[Bank, str]:
    from cxo_diag.app.self_assessment import chosen_bank

    if isinstance(offered, tuple):
        return offered
    index = 0
    if len(offered) > 1:
        index = choose("Which questionnaire?", [f"{e.title} ({e.id} {e.version})" for e in offered])
    return chosen_bank(offered[index])


def _pick_role(bank: Bank, role: str | None) -> str:
    from cxo_diag.bank.registry import check_role

    if role is not None:
        return check_role(bank, role)
    return bank.roles[choose("Which role is yours?", [r.title for r in bank.roles])].id


def _ask_name(default: str, cancelled: str = "assess: cancelled; nothing was asked yet") -> str:
    """The respondent's name for the answers file, typed on the terminal (Enter: default)."""
    from cxo_diag.errors import UsageError
    from cxo_diag.terminal_keys import ask_line
    from cxo_diag.text import check_name

    shown = clean(default)
    while True:
        typed = ask_line(f"Your name in the answers file [{shown}]: ", cancelled=cancelled)
        try:
            return check_name(typed if typed.strip() else default, "respondent")
        except UsageError as error:
            typer.echo(f"{error.message}; type it again", err=True)


def _resume_hint(path: Path) -> str:
    return clean(shlex.join(["cxo-diag", "assess", "--resume", str(path)]))


def _keep_or_discard(sink: AnswersFileSink, given: int) -> bool:
    """After q with answers kept nowhere: keep them in a file (True), discard them (False),
    or go back to the questions (raises _BackToQuestions)."""
    from cxo_diag.errors import OutputError
    from cxo_diag.paths import safe_output_path
    from cxo_diag.terminal_keys import ask_line

    noun, verb = ("answer", "is") if given == 1 else ("answers", "are")
    cancelled = f"assess: interrupted; nothing was kept of your {given} {noun}"
    typer.echo("")
    while True:
        typed = ask_line(
            f"Your {given} {noun} {verb} not saved anywhere. Type a file name to keep "
            f"{'it' if given == 1 else 'them'}, d to discard, or Enter to go back to the "
            "questions: ",
            cancelled=cancelled,
        ).strip()
        if not typed:
            raise _BackToQuestions
        if typed.lower() in ("d", "discard"):
            return False
        path = Path(typed).expanduser()
        try:
            safe_output_path(path)
        except OutputError as error:
            typer.echo(f"{clean(str(error))}; type another name", err=True)
            continue
        if sink.who.name == UNNAMED:
            from dataclasses import replace

            from cxo_diag.app.self_assessment import login_name

            sink.who = replace(sink.who, name=_ask_name(login_name(), cancelled))
        sink.path = path
        sink.write()
        if sink.failed is not None:
            typer.echo(f"{clean(str(sink.failed))}; type another name", err=True)
            sink.path = None
            continue
        return True


class _BackToQuestions(Exception):
    """The respondent pressed q by mistake: Enter at the prompt goes back."""


def _run(flow: InterviewFlow, who: Respondent, sink: AnswersFileSink) -> None:
    """Ask the questions; keep or discard at q; the report at the end."""
    from cxo_diag.interview.flow import Mode
    from cxo_diag.interview.screens import Heading

    heading = Heading(respondent=who.name, role_title=who.bank.role(who.role).title)
    while True:
        mode = run_on_terminal(flow, heading, sink, sink.warning)
        if mode is not Mode.QUIT or sink.path is not None or not sink.answers:
            break
        try:
            kept = _keep_or_discard(sink, flow.given)
        except _BackToQuestions:
            flow.mode = Mode.QUESTION
            continue
        if not kept:
            typer.echo("Discarded; nothing was kept (to keep your answers, start with --out FILE).")
            raise typer.Exit(0)
        break
    typer.echo("")
    if mode is not Mode.DONE:
        _stopped(sink, interrupted=mode is Mode.INTERRUPTED)
    _report(sink)


def _stopped(sink: AnswersFileSink, *, interrupted: bool) -> None:
    if sink.path is None:
        kept = "nothing was kept (to keep your answers, start with --out FILE)."
    elif sink.written and sink.failed is None:
        kept = (
            f"your answers so far are in {clean(str(sink.path))}. Continue with:\n"
            f"  {_resume_hint(sink.path)}"
        )
    elif sink.written:
        kept = f"{clean(str(sink.path))} holds your answers up to the last one it could save."
    else:
        kept = "nothing was kept."
    typer.echo(f"Stopped before the end; {kept}", err=True)
    if sink.failed is not None:
        raise sink.failed
    raise typer.Exit(130 if interrupted else 0)


def _report(sink: AnswersFileSink) -> None:
    from cxo_diag.app.self_assessment import diagnose_assessment
    from cxo_diag.report.render import render
    from cxo_diag.terminal_keys import show_screen

    diagnosis = diagnose_assessment(sink)
    show_screen(render(diagnosis, "terminal", color=color_wanted(sys.stdout), width=report_width()))
    if sink.failed is not None:
        raise sink.failed
    if sink.path is not None and sink.written:
        typer.echo(f"\nYour answers file: {sink.path} (a consultant adds it with cxo-diag import)")


@app.command(cls=CxoCommand)
def assess(
    *,
    bank: Annotated[
        str | None,
        typer.Option("--bank", "-b", metavar="BANK", help="Bank id or file (asked if several)."),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", metavar="ROLE", help="Your role id (asked if not given)."),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="NAME",
            help="Your name in the answers file (asked with --out when not given).",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="Keep your answers in this file as you give them (to resume, send or import).",
        ),
    ] = None,
    force: ForceOption = False,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            metavar="FILE",
            help="Continue a self-assessment saved with --out; the file is updated.",
        ),
    ] = None,
) -> None:
    """Assess yourself alone, in ten minutes: a private report.

    Nothing is stored but the --out file, which holds each answer the moment it is given
    (a consultant can import it); --resume FILE continues it where you stopped. Without
    --out, q asks before discarding your answers.
    """
    from cxo_diag.terminal_keys import require_terminal

    require_terminal("assess", NO_TERMINAL_ASSESS)
    from cxo_diag.app.self_assessment import (
        AnswersFileSink,
        Respondent,
        bank_for_role,
        login_name,
        resume_assessment,
    )
    from cxo_diag.errors import UsageError
    from cxo_diag.interview.flow import InterviewFlow
    from cxo_diag.paths import safe_output_path
    from cxo_diag.text import check_name

    if resume is not None:
        if any(given is not None for given in (bank, role, name, out)):
            raise UsageError("--resume FILE takes the bank, role and name from the file")
        sink = resume_assessment(resume)
    else:
        if out is not None:
            safe_output_path(out, force=force)  # refuse now, not after the first question
        offered = bank_for_role(bank, role)  # a role no bank has: refused before asking
        if name is not None:
            who_name = check_name(name, "respondent")
        elif out is not None:
            who_name = _ask_name(login_name())  # the answers file carries it to the consultant
        else:
            who_name = UNNAMED  # asked only if the answers are kept after all
        chosen_bank, bank_hash = _pick_bank(offered)
        chosen_role = _pick_role(chosen_bank, role)
        who = Respondent(chosen_bank, bank_hash, who_name, chosen_role)
        sink = AnswersFileSink(who=who, path=out, replace=force)
    flow = InterviewFlow(
        sink.who.bank,
        sink.who.role,
        answers=sink.answers,
        notes=sink.notes,
        keeps_answers=sink.path is not None,
        open_answers=sink.open_answers,
    )
    _run(flow, sink.who, sink)
