"""Commands about engagements and interviews: interview, resume, assess, import,
engagements, report, export, delete, agenda.

Each parses its options, calls the store or the interview flow, and writes what they give
back. SQLAlchemy, rich and the scoring engine load inside the commands that use them.
"""

from __future__ import annotations

import contextlib
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cxo_diag.cli.app import app
from cxo_diag.cli.norms_options import NormsMinSampleOption, NormsOption, add_norms
from cxo_diag.cli.options import (
    AudienceOption,
    BrandOption,
    CxoCommand,
    ForceOption,
    ListFormat,
    ListFormatOption,
    OutOption,
    Paper,
    PaperOption,
    ReportFormat,
    ReportFormatOption,
    audience_of,
)
from cxo_diag.cli.output import color_wanted, emit, report_width, screen_height
from cxo_diag.errors import CxoDiagError
from cxo_diag.text import clean, to_json

if TYPE_CHECKING:
    from cxo_diag.answers import AnswerSet
    from cxo_diag.app.engagements import Engagement
    from cxo_diag.app.interviews import InterviewTarget
    from cxo_diag.interview import Heading, InterviewFlow, Mode, Sink
    from cxo_diag.store.engine import Store
    from cxo_diag.store.leases import Lease
    from cxo_diag.store.queries import RespondentRow

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="STORE",
        help="The store: a file path, or postgresql://USER@HOST:PORT/DB for the team store "
        "(default: your data folder; or set CXO_DIAG_STORE).",
        show_default=False,
    ),
]
TakeOverOption = Annotated[
    bool,
    typer.Option(
        "--take-over",
        help="Take the respondent over from another session that holds them (one that is "
        "gone for good: its next answer is refused).",
    ),
]
EngagementArgument = Annotated[
    str, typer.Argument(metavar="ENGAGEMENT", help="The engagement's name.")
]

NO_TERMINAL_INTERVIEW = (
    "without one, give the answers in a file: --answers FILE, or cxo-diag import ENGAGEMENT FILE"
)


# --- helpers ------------------------------------------------------------------------------


def _open(option: str | None, *, create: bool = True) -> tuple[Store, str | None]:
    """The store, and the --store text a printed command needs (None for the default; a
    URL's password left out: libpq finds it in PGPASSWORD or ~/.pgpass)."""
    from cxo_diag.store.engine import open_store
    from cxo_diag.store.location import store_location, without_password

    location, is_default = store_location(option)
    return open_store(location, create=create), None if is_default else without_password(location)


def _resume_command(engagement: str, respondent: str, store_text: str | None) -> str:
    words = ["cxo-diag", "resume", engagement, "--respondent", respondent]
    if store_text:
        words += ["--store", store_text]
    return clean(shlex.join(words))  # an imported respondent's name may hold control characters


def _interrupt_on_terminate() -> None:
    """SIGTERM ends an interview like Ctrl-C: saved answers stay, the terminal is restored."""
    import signal

    def _raise(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _raise)


def _run_on_terminal(
    flow: InterviewFlow, heading: Heading, sink: Sink, warning: Callable[[], str] | None = None
) -> Mode:
    """Run the flow on this terminal; ``warning`` gives a line to show where the screen's
    messages go (an answers file that could not be saved, say)."""
    from cxo_diag.interview import render_screen, run_flow
    from cxo_diag.terminal_keys import TerminalKeys, show_screen

    color, width = color_wanted(sys.stdout), report_width()

    def draw(current: InterviewFlow) -> str:
        line = warning() if warning is not None else ""
        if line and not current.message:  # shown where messages go, so the screen still fits
            current.message = line
        return render_screen(current, heading, color=color, width=width, height=screen_height())

    _interrupt_on_terminate()
    with TerminalKeys() as keys:
        return run_flow(flow, keys, show_screen, sink, draw)


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
    from cxo_diag.interview import Heading, InterviewFlow, Mode, render_summary
    from cxo_diag.terminal_keys import show_screen

    bank, person = target.engagement.bank, target.respondent
    flow = InterviewFlow(
        bank,
        person.role,
        answers={qid: stored.value for qid, stored in target.answers.items()},
        notes=target.notes,
        revisit=person.finished_at is not None,
    )
    heading = Heading(
        respondent=person.name,
        role_title=bank.role(person.role).title,
        engagement=target.engagement.name,
        round_number=person.round_number,
    )
    mode = _run_on_terminal(flow, heading, StoreSink(store, person.id, lease))
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


# --- interview, resume, import --------------------------------------------------------------


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
    organisation: Annotated[
        str | None,
        typer.Option("--organisation", metavar="ORG", help="The client (for a new engagement)."),
    ] = None,
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
    """Interview one respondent, one question a screen; each answer is saved as it is given.

    Creates the engagement (with --bank) or adds the respondent to it. Keys: a number
    answers, n not applicable, s skip, b back, c note, ? probe, q save and quit.
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

    opened, store_text = _open(store)
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
    from cxo_diag.answers import read_answers_file
    from cxo_diag.app.engagements import ensure_engagement
    from cxo_diag.app.importing import import_answer_sets
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.errors import UsageError

    answer_set = read_answers_file(path)
    who = answer_set.respondent
    if (respondent and respondent != who.name) or (role and role.casefold() != who.role.casefold()):
        raise UsageError(
            f"{path} holds the answers of {who.name} ({who.role}), not "
            f"{respondent or who.name} ({role or who.role})"
        )
    resolved = open_bank(bank) if bank else None
    opened, store_text = _open(store)
    with opened:
        ensure_engagement(opened, engagement, bank=resolved, organisation=organisation)
        found, number, added = import_answer_sets(
            opened, engagement, [(str(path), answer_set)], new_round=new_round
        )
    typer.echo(_added_line(found, number, added[0], answer_set, store_text))


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
    """Continue an interview at the respondent's first unanswered question."""
    from cxo_diag.terminal_keys import require_terminal

    require_terminal("resume", NO_TERMINAL_INTERVIEW)
    from cxo_diag.app.interviews import resume_target

    opened, store_text = _open(store, create=False)
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
    organisation: Annotated[
        str | None,
        typer.Option("--organisation", metavar="ORG", help="The client (for a new engagement)."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Add answers files (from assess --out, the offline form or a template) to an
    engagement's latest round; a new engagement is started from the bank the files name.

    All or nothing: every file must fit the engagement's bank version, or none is added.
    """
    from cxo_diag.answers import read_answers_file
    from cxo_diag.app.imports import (
        bank_for_new_engagement,
        engagement_exists,
        import_files,
        store_exists,
    )
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.cli.progress import LONG_WORK, progress_bar
    from cxo_diag.store.location import store_location

    sets = []
    with progress_bar("reading answers files", minimum=LONG_WORK) as advance:
        for path in files:
            sets.append((str(path), read_answers_file(path)))
            advance(1, len(files))
    location, _ = store_location(store)
    new_bank = None
    if not store_exists(location):  # resolve the bank first: no empty store if it is missing
        new_bank = bank_for_new_engagement(engagement, sets, bank)
    opened, store_text = _open(store, create=new_bank is not None)
    with opened:
        if new_bank is None:
            if engagement_exists(opened, engagement):
                new_bank = open_bank(bank) if bank else None  # checked against its own
            else:
                new_bank = bank_for_new_engagement(engagement, sets, bank)
        done = import_files(
            opened,
            engagement,
            sets,
            new_bank=new_bank,
            organisation=organisation,
            new_round=new_round,
        )
    if done.created:
        ref = done.engagement.row.bank
        typer.echo(
            f"started engagement {clean(done.engagement.name)} with bank {ref.id} {ref.version}"
        )
    for person, (_, answer_set) in zip(done.added, sets, strict=True):
        typer.echo(_added_line(done.engagement, done.round_number, person, answer_set, store_text))


# --- engagements, report, export, delete, agenda ---------------------------------------------


@app.command(cls=CxoCommand)
def engagements(
    output_format: ListFormatOption = ListFormat.text,
    every: Annotated[
        bool,
        typer.Option("--all", help="List every engagement, not only the 50 most recent."),
    ] = False,
    store: StoreOption = None,
) -> None:
    """List the engagements: bank and version, rounds, respondents and their completion.

    The 50 most recently started, by name (--all for every one); a line after them (on
    stderr with --format json) says how many more the store holds.
    """
    from cxo_diag.app.listing import RECENT
    from cxo_diag.app.listing import engagements as list_engagements
    from cxo_diag.cli.listing_view import engagements_json, engagements_text, more_line
    from cxo_diag.store.listing import Listing
    from cxo_diag.store.location import expand_path, is_url, store_location

    location, _ = store_location(store)
    if not is_url(location) and not expand_path(location).exists():
        found = Listing([], 0)  # nothing saved yet: list nothing rather than create a store
    else:
        opened, _ = _open(store, create=False)
        with opened:
            found = list_engagements(opened, limit=None if every else RECENT)
    more = more_line(found)
    if output_format is ListFormat.json:
        typer.echo(engagements_json(found))
        if more:
            typer.echo(more, err=True)
        return
    sys.stdout.write(engagements_text(found))
    if more:
        typer.echo(more)


@app.command(cls=CxoCommand)
def report(
    engagement: EngagementArgument,
    *,
    round_number: Annotated[
        int | None,
        typer.Option("--round", min=1, metavar="N", help="Which round (default: the latest)."),
    ] = None,
    output_format: ReportFormatOption = ReportFormat.terminal,
    out: OutOption = None,
    force: ForceOption = False,
    store: StoreOption = None,
    norms: NormsOption = None,
    norms_min_sample: NormsMinSampleOption = None,
    audience: AudienceOption = None,
    paper: PaperOption = Paper.a4,
    brand: BrandOption = None,
) -> None:
    """The comparative report of an engagement: each role's view, gaps, practices, evidence.

    Round 2 and later also show the change since the round before. With --norms STORE each
    score is placed among the engagements of the same bank version created before this one.
    """
    from cxo_diag.app.engagements import get_engagement
    from cxo_diag.app.rounds import diagnose_round
    from cxo_diag.report.brand import find_brand
    from cxo_diag.report.render import render_document

    branding = find_brand(brand)
    opened, _ = _open(store, create=False)
    with opened:
        found = get_engagement(opened, engagement)
        diagnosis = diagnose_round(opened, found, round_number)
    diagnosis = add_norms(
        diagnosis, found.bank, norms, norms_min_sample, before=found.row.created_at
    )
    color = out is None and color_wanted(sys.stdout)
    chosen = audience_of(audience)
    text = render_document(
        diagnosis,
        output_format.value,
        color=color,
        width=report_width(),
        audience=chosen,
        brand=branding,
        paper=paper.value,
    )
    emit(text, out, force)


@app.command(cls=CxoCommand)
def agenda(
    engagement: EngagementArgument,
    *,
    round_number: Annotated[
        int | None,
        typer.Option("--round", min=1, metavar="N", help="Which round (default: the latest)."),
    ] = None,
    out: OutOption = None,
    force: ForceOption = False,
    store: StoreOption = None,
    audience: AudienceOption = None,
) -> None:
    """A Markdown agenda for the joint workshop: largest gaps first, with probes to ask,
    then the top practices to decide on. For the client (the default) nobody's answers
    are shown; --audience consultant adds them and the interview notes."""
    from cxo_diag.app.engagements import get_engagement
    from cxo_diag.app.rounds import diagnose_round
    from cxo_diag.report.agenda import render_agenda

    opened, _ = _open(store, create=False)
    with opened:
        found = get_engagement(opened, engagement)
        diagnosis = diagnose_round(opened, found, round_number)
    emit(render_agenda(diagnosis, found.bank, audience_of(audience) or "client"), out, force)


@app.command(cls=CxoCommand)
def export(
    engagement: EngagementArgument,
    out: OutOption = None,
    force: ForceOption = False,
    store: StoreOption = None,
) -> None:
    """Export an engagement as one JSON bundle: every respondent's answers file, by round."""

    from cxo_diag.app.engagements import export_bundle

    opened, _ = _open(store, create=False)
    with opened:
        bundle = export_bundle(opened, engagement)
    text = to_json(bundle) + "\n"
    emit(text, out, force)


@app.command(cls=CxoCommand)
def delete(
    engagement: EngagementArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    store: StoreOption = None,
) -> None:
    """Delete an engagement and all its answers and notes (asks first, unless --yes)."""
    from cxo_diag.app.engagements import delete_engagement, get_engagement, summaries
    from cxo_diag.errors import NoTerminal
    from cxo_diag.terminal_keys import confirm, has_terminal

    opened, _ = _open(store, create=False)
    with opened:
        found = get_engagement(opened, engagement)
        if not yes:
            if not has_terminal():
                raise NoTerminal(f"delete asks for confirmation; add --yes to delete {engagement}")
            people = next(
                (len(s.respondents) for s in summaries(opened) if s.row.name == found.name), 0
            )
            confirmed = confirm(
                f"Delete engagement {clean(shlex.quote(found.name))} and the answers of "
                f"{people} respondent{'' if people == 1 else 's'}? This cannot be undone",
                cancelled="delete: cancelled; nothing was deleted",
            )
            if not confirmed:
                typer.echo("Nothing deleted.")
                raise typer.Exit(1)
        delete_engagement(opened, found.name)
    typer.echo(f"deleted {found.name}")
