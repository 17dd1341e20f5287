"""The device check: is this phone being watched?

Acquisition (``safecase.device.acquisition``) reads raw outputs from a phone or a saved
acquisition; pure parsers (``safecase.device.parsers``) turn them into artefacts;
``scan`` runs the checks and returns a ``ScanResult`` that the CLI and the web app show.
"""

from safecase.device.model import Acquisition
from safecase.device.scan import ScanResult, scan

__all__ = ["Acquisition", "ScanResult", "scan"]
