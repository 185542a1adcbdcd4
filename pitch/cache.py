"""Small in-process caches, one set per app (so per worker process), bounded by entry count.

Entries are keyed by the data versions of ``pitch.freshness``: a change committed by any worker
changes the key, so a cache never serves stale content and needs no invalidation; old entries
simply fall out of the least-recently-used end.
"""

from collections import OrderedDict
from collections.abc import Hashable
from threading import Lock

from flask import current_app

# Entries per cache unless the app's config sets <NAME>_CACHE_SIZE.
DEFAULT_SIZES = {"rounds": 8, "pages": 256, "markdown": 2048}


class LRU:
    """A mapping that forgets its least recently used entry beyond ``size`` entries."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = Lock()  # the development server and threaded workers share an app

    def get(self, key: Hashable):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


def app_cache(name: str) -> LRU:
    """The current app's cache called ``name``, created on first use."""
    caches = current_app.extensions.setdefault("pitch_caches", {})
    if name not in caches:
        size = current_app.config.get(f"{name.upper()}_CACHE_SIZE", DEFAULT_SIZES[name])
        caches[name] = LRU(size)
    return caches[name]
