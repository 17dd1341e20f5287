"""Analysis: signals per event, the pattern per person, what it adds up to, and review.

Modules: ``signals`` (the message detectors), ``run`` (``analyze``: detectors over a case),
``frame`` (events and signals as numpy arrays), ``patterns``, ``assessment``, ``review``,
``links`` (suggested identity links).
"""
