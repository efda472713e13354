from __future__ import annotations

import sys

from network.cli import main

sys.exit(main())
