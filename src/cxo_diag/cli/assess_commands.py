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
from cxo_diag.cli.session_commands import _interrupt_on_terminate, _run_on_terminal
from cxo_diag.text import clean

if TYPE_CHECKING:
    from cxo_diag.app.self_assessment import AnswersFileSink, Respondent
    from cxo_diag.bank.model import Bank
    from cxo_diag.bank.registry import BankEntry
    from cxo_diag.interview import InterviewFlow

NO_TERMINAL_ASSESS = (
    "without one, answer in the browser (cxo-diag form --bank BANK --role ROLE --out "
    "FILE.html) or fill in an answers file (cxo-diag template --bank BANK --role ROLE --out "
    "FILE), then score it: cxo-diag score FILE"
)
#: How the respondent is named on screen when no name was given and nothing is kept.
UNNAMED = "you"


def _choose(title: str, options: list[str]) -> int:
    """The option picked; q leaves assess (exit 0, as asked), Ctrl-C exits 130."""
    from cxo_diag.interview import ChoiceFlow, render_choice, run_choice
    from cxo_diag.terminal_keys import TerminalKeys, show_screen

    color, width = color_wanted(sys.stdout), report_width()
    choice = ChoiceFlow(title, options)
    _interrupt_on_terminate()
    with TerminalKeys() as keys:
        chosen = run_choice(
            choice,
            keys,
            show_screen,
            lambda current: render_choice(current, color=color, width=width),
        )
    if chosen is not None:
        return chosen
    typer.echo("")
    if choice.interrupted:
        typer.echo("Interrupted; nothing was asked yet.", err=True)
        raise typer.Exit(130)
    typer.echo("Left before the first question; nothing was kept.", err=True)
    raise typer.Exit(0)


def _bank_for_role(name: str | None, role: str | None) -> tuple[Bank, str] | list[BankEntry]:
    """The bank named, or the banks to choose from: with --role, only those that have the
    role (any case), so a role no bank has is refused before anything is asked."""
    from cxo_diag.bank.registry import banks_with_role, open_bank

    if name is None:
        return banks_with_role(role)
    resolved = open_bank(name)
    if role is not None:
        _pick_role(resolved.bank, role)
    return resolved.bank, resolved.hash


def _pick_bank(entries: list[BankEntry]) -> tuple[Bank, str]:
    from cxo_diag.bank.registry import open_bank

    index = 0
    if len(entries) > 1:
        index = _choose(
            "Which questionnaire?", [f"{e.title} ({e.id} {e.version})" for e in entries]
        )
    resolved = open_bank(str(entries[index].path))
    return resolved.bank, resolved.hash


def _pick_role(bank: Bank, role: str | None) -> str:
    from cxo_diag.errors import UsageError

    if role is not None:
        found = bank.role_id(role)
        if found is None:
            roles = ", ".join(r.id for r in bank.roles)
            raise UsageError(f"bank {bank.id} has no role {role!r} (roles: {roles})")
        return found
    return bank.roles[_choose("Which role is yours?", [r.title for r in bank.roles])].id


def _resumed(path: Path) -> AnswersFileSink:
    """The sink of a saved self-assessment: its respondent, answers so far and file."""
    from cxo_diag.answers import check_fits_bank, read_answers_file
    from cxo_diag.app.self_assessment import AnswersFileSink, Respondent
    from cxo_diag.bank.registry import open_bank

    saved = read_answers_file(path)
    resolved = open_bank(saved.bank.id)
    check_fits_bank(saved, resolved.bank, resolved.hash, str(path))
    who = Respondent(resolved.bank, resolved.hash, saved.respondent.name, saved.respondent.role)
    return AnswersFileSink(
        answers=dict(saved.answers),
        notes={question: [text] for question, text in saved.notes.items()},
        seconds=dict(saved.seconds),
        who=who,
        path=path,
        replace=True,  # the file being continued is the one to update
    )


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser() or "respondent"
    except (OSError, KeyError):  # no login name in the environment or the password file
        return "respondent"


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

            sink.who = replace(sink.who, name=_ask_name(_login_name(), cancelled))
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
    from cxo_diag.interview import Heading, Mode

    heading = Heading(respondent=who.name, role_title=who.bank.role(who.role).title)
    while True:
        mode = _run_on_terminal(flow, heading, sink, sink.warning)
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
    from cxo_diag.app.context import with_context
    from cxo_diag.app.self_assessment import answer_set_of
    from cxo_diag.report.render import render
    from cxo_diag.scoring import diagnose
    from cxo_diag.terminal_keys import show_screen

    answer_set = answer_set_of(sink.who, sink)
    diagnosis = diagnose(sink.who.bank, [answer_set], generated_at=answer_set.answered_at)
    diagnosis = with_context(diagnosis, sink.who.bank, [answer_set])
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
    """Assess yourself alone, in about ten minutes, and read your private report.

    Nothing is stored but the --out file, which holds each answer the moment it is given
    (a consultant can import it); --resume FILE continues it where you stopped. Without
    --out, q asks before discarding your answers.
    """
    from cxo_diag.terminal_keys import require_terminal

    require_terminal("assess", NO_TERMINAL_ASSESS)
    from cxo_diag.app.self_assessment import AnswersFileSink, Respondent
    from cxo_diag.errors import UsageError
    from cxo_diag.interview import InterviewFlow
    from cxo_diag.paths import safe_output_path
    from cxo_diag.text import check_name

    if resume is not None:
        if any(given is not None for given in (bank, role, name, out)):
            raise UsageError("--resume FILE takes the bank, role and name from the file")
        sink = _resumed(resume)
    else:
        if out is not None:
            safe_output_path(out, force=force)  # refuse now, not after the first question
        offered = _bank_for_role(bank, role)  # a role no bank has: refused before asking
        if name is not None:
            who_name = check_name(name, "respondent")
        elif out is not None:
            who_name = _ask_name(_login_name())  # the answers file carries it to the consultant
        else:
            who_name = UNNAMED  # asked only if the answers are kept after all
        chosen_bank, bank_hash = offered if isinstance(offered, tuple) else _pick_bank(offered)
        chosen_role = _pick_role(chosen_bank, role)
        who = Respondent(chosen_bank, bank_hash, who_name, chosen_role)
        sink = AnswersFileSink(who=who, path=out, replace=force)
    flow = InterviewFlow(
        sink.who.bank,
        sink.who.role,
        answers=sink.answers,
        notes=sink.notes,
        keeps_answers=sink.path is not None,
    )
    _run(flow, sink.who, sink)
