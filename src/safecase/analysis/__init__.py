"""Analysis: signals per message, patterns per person, and what they add up to."""
