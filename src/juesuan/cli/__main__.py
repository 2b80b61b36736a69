"""`python -m juesuan.cli`: the `juesuan` command."""

from . import main

main()
