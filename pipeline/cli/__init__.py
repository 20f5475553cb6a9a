"""The ``papergraph`` command line: a thin shell over the library.

Only this package reads argv, prints or exits. Expected failures
(:class:`~pipeline.errors.PipelineError`) print one line and exit 1; anything
else is an internal error: a short message and exit 2, the traceback only with
``--verbose``.
"""

from __future__ import annotations

import sys
import traceback

import click
import typer
from rich.console import Console

from ..errors import PipelineError

app = typer.Typer(
    name="papergraph",
    help="Build and query knowledge graphs of research papers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)
_state = {"verbose": False}

# Typer up to 0.15 raises click's own exceptions; later Typers carry a copy of
# click whose exceptions derive from typer.exceptions.TyperException instead.
_USAGE_ERRORS = (click.exceptions.ClickException, getattr(typer.exceptions, "TyperException", click.exceptions.ClickException))
_EXITS = (click.exceptions.Exit, typer.Exit)
_ABORTS = (click.exceptions.Abort, typer.Abort)


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show full tracebacks of internal errors."),
) -> None:
    """Build and query knowledge graphs of research papers.

    Start with: papergraph build examples/papers.jsonl --out graph
    """
    _state["verbose"] = verbose


def fail(message: str, code: int = 1) -> None:
    """Print one line to stderr and exit."""
    err.print(f"error: {message}", markup=False)
    raise SystemExit(code)


# Modules of this package that register commands on `app` when imported.
COMMAND_MODULES = ("build", "export", "neo4j", "query", "report", "similar")


def _load_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``papergraph`` console script."""
    _load_commands()
    try:
        app(args=argv, prog_name="papergraph", standalone_mode=False)
    except PipelineError as exc:
        fail(str(exc), 1)
    except _ABORTS:
        fail("aborted", 1)
    except _EXITS as exc:
        raise SystemExit(exc.exit_code) from None
    except _USAGE_ERRORS as exc:  # a wrong option or argument: the usage line and the problem
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        fail("interrupted; no output was changed", 130)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if _state["verbose"] or "-v" in sys.argv or "--verbose" in sys.argv:
            traceback.print_exc()
        fail(f"internal error: {type(exc).__name__}: {exc} (run with --verbose for the traceback)", 2)
