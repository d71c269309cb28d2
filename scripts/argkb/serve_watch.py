"""How soon `mkdocs serve` notices a saved file.

MkDocs' live-reload server looks for changes by polling the watched folders every 0.5 s (its
watchdog PollingObserver), so a save waits 0.25 s on average, and up to 0.5 s, before the rebuild
even starts: half of the 1 s an edit may take to show. The watched folders of a knowledge base
(claims/, docs/, references.bib, mkdocs.yml) are a few dozen files; stating them ten times a
second costs next to nothing. The interval is set before the observer starts; on a server that
does not look as expected nothing is changed.

Once a change is seen, the server waits until no other change comes for `build_delay` (0.1 s)
before it builds, so that an editor's save (often a write, then a rename) is one rebuild; the
events of one save come within milliseconds, and 0.05 s still takes them in.
"""

from __future__ import annotations

from typing import Any

from watchdog.observers.polling import PollingObserver

POLL_SECONDS = 0.1
BUILD_DELAY_SECONDS = 0.05


def poll_sooner(server: Any, seconds: float = POLL_SECONDS) -> bool:
    """Make the server's polling observer look every `seconds` (False: left as it was)."""
    observer = getattr(server, "observer", None)
    if not isinstance(observer, PollingObserver) or observer.is_alive() or not hasattr(observer, "_timeout"):
        return False
    emitters = list(observer.emitters)  # the folders watched before on_serve (docs/, mkdocs.yml)
    if not all(hasattr(emitter, "_timeout") for emitter in emitters):
        return False
    # watchdog offers no setter: the observer hands its timeout to each folder watched later
    observer._timeout = seconds
    for emitter in emitters:
        emitter._timeout = seconds
    return True


def build_sooner(server: Any, seconds: float = BUILD_DELAY_SECONDS) -> bool:
    """Make the server build `seconds` after the last change it saw (False: left as it was)."""
    if not isinstance(getattr(server, "build_delay", None), (int, float)):
        return False
    server.build_delay = min(server.build_delay, seconds)
    return True
