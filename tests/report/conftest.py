"""Fixtures for the report tests live in report_support (a plain module, so test files can
import its constants without clashing with the top-level conftest)."""

from report_support import *  # noqa: F401,F403  (fixtures must be visible to pytest here)
