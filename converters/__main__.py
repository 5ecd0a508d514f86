"""``python -m converters ...`` runs the same ``convert`` command as ``sop convert``."""

from converters.cli import main

raise SystemExit(main())
