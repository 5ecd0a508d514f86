"""`python -m sopmodel.cli`: the same as the `sop` command."""

from sopmodel.cli.main import main

raise SystemExit(main())
