"""`python -m generator.cli`: the `wirogen` command."""

from . import main

main()
