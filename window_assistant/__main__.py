import sys

from window_assistant.cli.main import main

sys.exit(main())
