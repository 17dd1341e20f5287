"""The evidence report (PDF and HTML), plain exports, and the verifiable BagIt bundle.

``model`` turns a case into a plain report structure; ``pdf`` and ``html`` render it;
``bundle`` writes and verifies the zip an officer can check with standard tools.
"""
