"""Connections to Neo4j, shared by ``papergraph neo4j load`` and ``query --cypher``.

Where to connect comes from arguments, else the environment (``NEO4J_URI``,
``NEO4J_USER``, ``NEO4J_DATABASE``); the password only from ``NEO4J_PASSWORD``
or, on a terminal, a prompt: never from a flag, never into a log or a message.
Every way a connection can fail becomes one :class:`~pipeline.errors.Neo4jError`
line that says what to do: unreachable server, refused credentials, missing
database.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import Neo4jError

if TYPE_CHECKING:
    from neo4j import Driver

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# Seconds to wait for a TCP connection before calling the server unreachable.
CONNECT_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class Neo4jTarget:
    """Where to connect: never the password."""

    uri: str
    user: str
    database: str | None  # None: the server's default database

    @property
    def where(self) -> str:
        return f"{self.uri} (database {self.database})" if self.database else self.uri


def neo4j_target(
    uri: str | None = None,
    user: str | None = None,
    database: str | None = None,
    env: Mapping[str, str] = os.environ,
) -> Neo4jTarget:
    """Arguments first, then ``NEO4J_URI`` / ``NEO4J_USER`` / ``NEO4J_DATABASE``, then defaults.

    >>> neo4j_target(env={"NEO4J_URI": "neo4j://db:7687"})
    Neo4jTarget(uri='neo4j://db:7687', user='neo4j', database=None)
    >>> neo4j_target("http://db:7474", env={})
    Traceback (most recent call last):
    ...
    pipeline.errors.Neo4jError: 'http://db:7474' is not a Bolt URI: use bolt://HOST:7687 or neo4j://HOST:7687
    """
    uri = uri or env.get("NEO4J_URI") or DEFAULT_URI
    scheme = uri.split("://", 1)[0] if "://" in uri else ""
    if scheme not in URI_SCHEMES:
        raise Neo4jError(f"{uri!r} is not a Bolt URI: use bolt://HOST:7687 or neo4j://HOST:7687")
    return Neo4jTarget(
        uri=uri,
        user=user or env.get("NEO4J_USER") or DEFAULT_USER,
        database=database or env.get("NEO4J_DATABASE") or None,
    )


def neo4j_password(
    target: Neo4jTarget,
    env: Mapping[str, str] = os.environ,
    prompt: Callable[[str], str] = getpass.getpass,
    interactive: bool | None = None,
) -> str:
    """``NEO4J_PASSWORD``, else a prompt when standard input is a terminal.

    Raises:
        Neo4jError: no password in the environment and no terminal to ask on.
    """
    password = env.get("NEO4J_PASSWORD")
    if password is not None:
        return password
    if interactive is None:
        interactive = sys.stdin is not None and sys.stdin.isatty()
    if not interactive:
        raise Neo4jError(
            f"no password for Neo4j user {target.user!r} at {target.uri}: set NEO4J_PASSWORD "
            "(or run in a terminal to be asked for it)"
        )
    return prompt(f"Neo4j password for {target.user} at {target.uri}: ")


def connection_error(exc: Exception, target: Neo4jTarget) -> Neo4jError | None:
    """The one-line error a user sees for a failed connection, or None if not one.

    >>> from neo4j.exceptions import ServiceUnavailable
    >>> t = Neo4jTarget("bolt://127.0.0.1:1", "neo4j", None)
    >>> print(connection_error(ServiceUnavailable("Couldn't connect to 127.0.0.1:1: "
    ...       "Failed to establish connection (reason [Errno 111] Connection refused)"), t))
    cannot reach Neo4j at bolt://127.0.0.1:1: connection refused; start it (docker compose up -d) or set NEO4J_URI / --uri
    """
    from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable, SessionExpired

    if isinstance(exc, AuthError):
        rate_limited = "RateLimit" in (getattr(exc, "code", None) or "")
        why = "too many failed logins, wait and retry" if rate_limited else "wrong user name or password"
        return Neo4jError(
            f"Neo4j at {target.uri} refused user {target.user!r}: {why}; check NEO4J_USER and NEO4J_PASSWORD"
        )
    if isinstance(exc, (ServiceUnavailable, SessionExpired)):
        return Neo4jError(
            f"cannot reach Neo4j at {target.uri}: {_unreachable_reason(str(exc))}; "
            "start it (docker compose up -d) or set NEO4J_URI / --uri"
        )
    if isinstance(exc, ClientError) and exc.code == "Neo.ClientError.Database.DatabaseNotFound":
        return Neo4jError(
            f"Neo4j at {target.uri} has no database {target.database!r}; create it "
            "(CREATE DATABASE needs Enterprise Edition) or unset NEO4J_DATABASE / --database to use the default"
        )
    return None


def _unreachable_reason(message: str) -> str:
    """The short cause inside a driver's connection message.

    >>> _unreachable_reason("... (reason [Errno 111] Connection refused)")
    'connection refused'
    >>> _unreachable_reason("Failed to DNS resolve address db:7687: [Errno -2] Name or service not known")
    'name or service not known'
    >>> _unreachable_reason("Timed out trying to establish connection to ...")
    'no answer'
    """
    found = re.search(r"\[Errno -?\d+\] ([^)\n]+)", message)
    if found:
        return found.group(1).strip().rstrip(".").lower()
    return "no answer"


@contextlib.contextmanager
def open_driver(
    uri: str | None = None,
    user: str | None = None,
    database: str | None = None,
    *,
    password: str | None = None,
) -> Iterator[tuple[Driver, Neo4jTarget]]:
    """A driver that has logged in and found its database, closed on exit.

    Args:
        uri, user, database: where to connect; None takes the environment.
        password: for callers that already hold it; None reads
            ``NEO4J_PASSWORD`` or asks on a terminal.

    Yields:
        The driver and the target it is connected to.

    Raises:
        Neo4jError: unreachable server, refused credentials, missing database,
            no password.
    """
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError as DriverNeo4jError

    target = neo4j_target(uri, user, database)
    if password is None:
        password = neo4j_password(target)
    try:
        driver = GraphDatabase.driver(
            target.uri,
            auth=(target.user, password),
            connection_timeout=CONNECT_TIMEOUT,
            # the server's performance hints would go to stderr as log warnings
            notifications_min_severity="OFF",
        )
    except (DriverError, ValueError) as exc:
        raise Neo4jError(f"{target.uri!r} is not a usable Neo4j URI ({exc})") from None
    with driver:
        try:
            # Neither check is retried: an unreachable server fails at once,
            # where a managed transaction would retry it for 30 seconds.
            driver.verify_connectivity()
            with driver.session(database=target.database) as session:
                session.run("RETURN 1").consume()
            yield driver, target
        except (DriverError, DriverNeo4jError) as exc:
            # also a server that goes away or a database dropped while in use
            error = connection_error(exc, target)
            if error is None:
                raise
            raise error from None
