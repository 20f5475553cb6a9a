"""The errors a user can act on.

Library code raises these; only ``cli.py`` turns them into a one-line message
and an exit status (1 for these, 2 for anything unexpected).
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every expected failure: the message is what the user sees."""


class InputError(PipelineError):
    """A bad input file or record, located by path and line."""

    def __init__(self, path: str, line: int | None, problem: str):
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class ConfigError(PipelineError):
    """A bad setting: a flag, an environment variable or a config file key."""


class ModelError(PipelineError):
    """The embedding model cannot be found or loaded."""


class GraphDirError(PipelineError):
    """A graph folder that is missing, incomplete or from an incompatible build."""


class QueryError(PipelineError):
    """A query that cannot be parsed or run, or a name that matches nothing."""


class Neo4jError(PipelineError):
    """Neo4j is unreachable, refuses the credentials, or lacks the database."""
