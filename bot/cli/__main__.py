"""`python -m bot.cli` runs the pii-bot command line."""

from bot.cli import main

raise SystemExit(main())
