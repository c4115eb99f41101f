"""`python -m claimlint` is the `claimlint` command."""
from .cli import main

main(prog_name="claimlint")
