"""Acquisition modules: they know where the raw text comes from (a phone over adb, an
androidqf folder or zip, a bugreport zip, pymobiledevice3 JSON) and hand it to the
parsers. Each returns one ``Acquisition``."""

from safecase.device.acquisition.loader import load_path

__all__ = ["load_path"]
