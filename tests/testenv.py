"""Environment defaults for the test run, loaded as a pytest plugin (`-p tests.testenv`).

pytest-django imports the Django settings before any conftest.py is read, and production
settings refuse to load without SECRET_KEY while debug is off. This module runs earlier
(pytest imports `-p` plugins first), so a bare `pytest` works with the real, debug-off
settings. A SECRET_KEY or DATABASE_URL already in the environment wins.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key-0123456789-abcdefghijklmnopqrstuvwxyz")
