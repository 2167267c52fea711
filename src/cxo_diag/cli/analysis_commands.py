"""Commands about the instrument's quality: analyze (reliability) and pilot (simulated data)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cxo_diag.cli.app import app
from cxo_diag.cli.options import CxoCommand, ListFormat, ListFormatOption
from cxo_diag.cli.output import color_wanted
from cxo_diag.text import to_json

if TYPE_CHECKING:
    pass


@app.command(cls=CxoCommand)
def analyze(
    bank: Annotated[
        str, typer.Argument(metavar="BANK", help="A bank id (built in or local) or a path.")
    ],
    answers: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH", help="Answers files, or folders of them (.yaml, .yml, .json)."
        ),
    ] = None,
    *,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            metavar="STORE",
            help="The engagement store to read --engagement from (default: CXO_DIAG_STORE, "
            "then the user's data folder).",
        ),
    ] = None,
    engagements: Annotated[
        list[str] | None,
        typer.Option(
            "--engagement",
            "-e",
            metavar="ENGAGEMENT",
            help="Add the latest round of this stored engagement; repeat to pool several.",
        ),
    ] = None,
    min_alpha: Annotated[
        float | None,
        typer.Option(
            "--min-alpha",
            metavar="ALPHA",
            min=-1.0,
            max=1.0,
            help="Exit 1 when a dimension's alpha is below this (or cannot be computed).",
        ),
    ] = None,
    min_respondents: Annotated[
        int,
        typer.Option(
            "--min-respondents",
            min=3,
            metavar="N",
            help="Refuse (exit 2) with fewer respondents than this.",
        ),
    ] = 10,
    output_format: ListFormatOption = ListFormat.text,
) -> None:
    """Reliability of a bank on pilot answers (Cronbach's alpha).

    Alpha per dimension, item-total correlations, items that lower alpha, items everyone
    answers the same way.

    Exit 0 when done; 1 when --min-alpha is given and a dimension falls below it, or when an
    input cannot be used (the error line says which); 2 with too few respondents.
    """
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.errors import UsageError
    from cxo_diag.quality import analysis
    from cxo_diag.report import analysis_view

    if not answers and not engagements:
        raise UsageError("give answers files or folders, or --engagement NAME")
    from cxo_diag.cli.progress import LONG_WORK, progress_bar

    resolved = open_bank(bank)
    with progress_bar("reading answers files", minimum=LONG_WORK) as advance:
        answer_sets = analysis.read_answer_sets(
            answers or [], resolved.bank, resolved.hash, progress=advance
        )
    if engagements:
        from cxo_diag.quality.stored import stored_answer_sets

        answer_sets += stored_answer_sets(store, engagements, resolved)
    report = analysis.analyze_bank(
        resolved.bank, resolved.hash, answer_sets, min_respondents=min_respondents
    )
    if output_format is ListFormat.json:
        sys.stdout.write(analysis_view.render_json(report, min_alpha=min_alpha))
    else:
        sys.stdout.write(
            analysis_view.render_text(report, min_alpha=min_alpha, color=color_wanted(sys.stdout))
        )
    if min_alpha is not None and report.below(min_alpha):
        raise typer.Exit(1)


@app.command(cls=CxoCommand)
def pilot(
    bank: Annotated[
        str, typer.Argument(metavar="BANK", help="A bank id (built in or local) or a path.")
    ],
    *,
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", metavar="FOLDER", help="The folder to write the answers files into."
        ),
    ],
    respondents: Annotated[
        int, typer.Option("--respondents", "-n", min=1, max=100_000, metavar="N", help="How many.")
    ] = 200,
    seed: Annotated[int, typer.Option(metavar="N", help="The same seed gives the same files.")] = 1,
    shuffle: Annotated[
        bool,
        typer.Option(
            "--shuffle",
            help="Permute each item's answers across respondents: items stop agreeing, and "
            "alpha falls to about zero (the control case).",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files already there.")] = False,
) -> None:
    """Write simulated answers files, to try analyze on.

    Respondents with a known latent friction per dimension.

    They prove the analysis machinery (consistent items give a high alpha, --shuffle about
    zero), never the bank. Every file names the engagement 'simulated-pilot', and analyze
    says so. The latent frictions are written to latent-friction.tsv beside them.
    """
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.quality import pilot as simulation

    resolved = open_bank(bank)
    generated = simulation.simulate(
        resolved.bank, resolved.hash, respondents, seed=seed, shuffle=shuffle
    )
    from cxo_diag.cli.progress import LONG_WORK, progress_bar

    with progress_bar("writing answers files", minimum=LONG_WORK) as advance:
        paths = simulation.write_pilot(out, generated, resolved.bank, force=force, progress=advance)
    typer.echo(
        f"wrote {len(paths)} simulated answers files to {out} "
        f"(seed {seed}{', shuffled' if shuffle else ''})"
    )
    typer.echo(f"analyse them with: cxo-diag analyze {bank} {out}")


@app.command(cls=CxoCommand)
def norms(
    engagement: Annotated[str, typer.Argument(metavar="ENGAGEMENT", help="A stored engagement.")],
    *,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            metavar="STORE",
            help="The engagement store (default: CXO_DIAG_STORE, then the user's data folder).",
        ),
    ] = None,
    min_sample: Annotated[
        int,
        typer.Option(
            "--min-sample",
            metavar="N",
            min=1,
            help="Hide a percentile computed from fewer earlier engagements than this.",
        ),
    ] = 5,
    output_format: ListFormatOption = ListFormat.text,
) -> None:
    """Local norms: an engagement's scores among earlier ones.

    Each score as a percentile among earlier engagements of the same bank version, per
    dimension and role, with the sample size.

    Only engagements created before this one, on the exact same bank (id, version, content
    hash), count; simulated ones are left out. A percentile from fewer than --min-sample
    engagements is hidden.
    """

    from cxo_diag.cli.progress import LONG_WORK, progress_bar
    from cxo_diag.quality.stored import stored_norms
    from cxo_diag.report import analysis_view

    with progress_bar("computing round summaries", minimum=LONG_WORK) as advance:
        report = stored_norms(store, engagement, min_sample=min_sample, progress=advance)
    if output_format is ListFormat.json:
        typer.echo(to_json(analysis_view.norms_dict(report)))
    else:
        sys.stdout.write(analysis_view.render_norms_text(report, color=color_wanted(sys.stdout)))
