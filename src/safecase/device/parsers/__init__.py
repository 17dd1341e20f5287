"""Artefact parsers: pure functions from the text of one artefact to model objects.

They know nothing about where the text came from (adb, androidqf, a bugreport); the
acquisition modules pass the raw output's name and the line the text starts on, so every
artefact can point back to its line. They never raise anything but SafeCase errors, and
tolerate what they do not recognise (phones differ; an unknown line is skipped, not fatal).
"""
