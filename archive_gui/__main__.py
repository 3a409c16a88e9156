"""``python -m archive_gui`` is the ``archive-gui`` command."""

import sys

from archive_gui.cli import main

sys.exit(main())
