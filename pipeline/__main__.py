"""``python -m pipeline``: the papergraph command line."""

from .cli import main

main()
