"""Where an unknown caller's number belongs ("Zürich"), for the caller card.

phonenumbers' geocoder costs ~100 MB and ~150 ms to load, so it is loaded only when the first
unknown caller rings, in a background thread; until it is there (and where it knows no finer
place) the UI names the number's country in the user's language.
"""

from __future__ import annotations

import importlib
import logging
import threading
from types import ModuleType

from desktop_client.core.numbers import NormalizedNumber

log = logging.getLogger("desktop_client.cti")


class Places:
    """Describes numbers; loads the geocoder on first use, off the UI thread."""

    def __init__(self, language: str = "en", *, background: bool = True) -> None:
        self.language = language
        self._geocoder: ModuleType | None = None
        self._loading = False
        self._lock = threading.Lock()
        self._background = background

    @property
    def loaded(self) -> bool:
        """The geocoder is available."""
        return self._geocoder is not None

    def _load(self) -> None:
        try:
            module = importlib.import_module("phonenumbers.geocoder")
        except ImportError:  # a trimmed installation without geodata
            log.warning("phonenumbers.geocoder is not available; cards name the country only")
            return
        self._geocoder = module

    def _start_loading(self) -> None:
        with self._lock:
            if self._loading:
                return
            self._loading = True
        if self._background:
            threading.Thread(target=self._load, name="geocoder", daemon=True).start()
        else:
            self._load()

    def describe(self, number: NormalizedNumber) -> str:
        """The place a number belongs to in the user's language, or "" while not known."""
        geocoder = self._geocoder
        if geocoder is None:
            self._start_loading()
            return ""
        parsed = number._parsed
        if parsed is None:
            return ""
        return str(geocoder.description_for_number(parsed, self.language))
