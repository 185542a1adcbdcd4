"""Small in-process caches, one set per app (so per worker process), each bounded.

Entries are keyed by the data versions of ``pitch.freshness`` (and, for a personal page, by
the user's own rows its fingerprint reads): a change committed by any worker changes the key,
so a cache never serves stale content and needs no invalidation; old entries simply fall out
of the least-recently-used end.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from threading import Lock

from flask import Response, current_app, make_response, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from pitch.domain.timeline import TIMELINE_KEYS
from pitch.extensions import db
from pitch.freshness import has_pending_changes
from pitch.models import Contest
from pitch.models.types import utcnow

# Each cache's bound unless the app's config sets <NAME>_CACHE_SIZE, and what it counts:
# aggregated rounds by number, HTML by its length (pages in UTF-8 bytes, a results page is
# 125 kB; rendered figures, also in "pages", in characters, up to 4 bytes each), so a worker's
# two page caches stay under some 100 MB whoever asks.
CACHES: dict[str, tuple[int, Callable | None]] = {
    "rounds": (8, None), "pages": (16_000_000, len), "personal": (16_000_000, len)}


class LRU:
    """A mapping that forgets its least recently used entries beyond ``size``: entries, or
    the total ``weigh`` gives them when it is set. An entry weighing more is not kept."""

    def __init__(self, size: int, weigh: Callable | None = None):
        self.size = size
        self._weigh = weigh or (lambda _value: 1)
        self._items: OrderedDict = OrderedDict()  # key -> (value, weight)
        self._weight = 0
        self._lock = Lock()  # the development server and threaded workers share an app

    def get(self, key: Hashable):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: Hashable, value) -> None:
        weight = self._weigh(value)
        with self._lock:
            if key in self._items:
                self._weight -= self._items.pop(key)[1]
            if weight > self.size:
                return
            self._items[key] = (value, weight)
            self._weight += weight
            while self._weight > self.size:
                self._weight -= self._items.popitem(last=False)[1][1]

    def __len__(self) -> int:
        return len(self._items)

    @property
    def weight(self) -> int:
        return self._weight


def app_cache(name: str) -> LRU:
    """The current app's cache called ``name``, created on first use."""
    caches = current_app.extensions.setdefault("pitch_caches", {})
    if name not in caches:
        size, weigh = CACHES[name]
        caches[name] = LRU(current_app.config.get(f"{name.upper()}_CACHE_SIZE", size), weigh)
    return caches[name]


# Stands for the visitor's CSRF token in cached HTML (the language switch carries one).
CSRF_SLOT = "pitch-csrf-token-slot"
_SLOT = CSRF_SLOT.encode()


def public_page(view: Callable) -> Callable:
    """Serve a public page's HTML from the app's cache to visitors who are not logged in.

    The key holds the path with its query, the language, and every contest's content version
    and which of its milestones have passed (what is public, and whether questions or
    applications are open, follow from these). Logged-in users, requests carrying a flash
    message, and anything but a 200 always go through the view. The visitor's own CSRF token
    is put back into each copy.
    """

    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_user.is_authenticated or not _may_cache():
            return view(*args, **kwargs)
        key = ("public", request.full_path, str(get_locale()), _public_versions())
        return _from_cache("pages", key, view, args, kwargs)

    return wrapped


def personal_page(fingerprint: Callable[..., Hashable], query: tuple[str, ...] = ()) -> Callable:
    """Serve a logged-in user's page from the app's cache while nothing it shows has changed.

    ``fingerprint(user, *view_args, **view_kwargs)`` returns everything the page shows that can
    change, read in a query or two (data versions, states, the user's own rows). The key adds
    the path with its query, the language and who the user is, so no copy is ever served to
    anyone else. Put it under the route's login or role check: that check still runs first on
    every request. Only requests whose query holds nothing but the arguments the view reads
    (``query``) are cached, so nobody can push others' pages out with made-up queries.
    Requests carrying a flash message and anything but a 200 go through the view; the user's
    own CSRF token is put back into each copy.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if (not current_user.is_authenticated or not _may_cache()
                    or not set(request.args) <= set(query)):
                return view(*args, **kwargs)
            user = current_user._get_current_object()
            key = ("personal", request.full_path, str(get_locale()), user.id, user.role,
                   user.bureau_id, user.startup_id, fingerprint(user, *args, **kwargs))
            return _from_cache("personal", key, view, args, kwargs)

        return wrapped

    return decorator


def _may_cache() -> bool:
    # A flash message is shown once; pending changes are not yet in any version.
    return (request.method == "GET" and "_flashes" not in session
            and not has_pending_changes(db.session))


def _from_cache(name: str, key: Hashable, view: Callable, args, kwargs) -> Response:
    cache = app_cache(name)
    body = cache.get(key)
    if body is None:
        response = make_response(view(*args, **kwargs))
        # Checked again: a view that wrote (and will roll back) must not fill the cache.
        if (response.status_code != 200 or response.mimetype != "text/html"
                or has_pending_changes(db.session)):
            return response
        # Kept encoded: a results page is 125 kB, mostly Japanese, and encoding it again on
        # every request would cost more than the lookup.
        cache.put(key, response.get_data().replace(generate_csrf().encode(), _SLOT))
        return response
    return Response(body.replace(_SLOT, generate_csrf().encode()), mimetype="text/html")


# Built once, run as Core on the session's connection: on a page served from the cache this
# query is most of the work, and the ORM's execution path would double it.
_CONTEST_VERSIONS = db.select(Contest.id, Contest.content_version,
                              *(getattr(Contest, key) for key in TIMELINE_KEYS)
                              ).order_by(Contest.id)


def _public_versions() -> tuple:
    now = utcnow()
    rows = db.session.connection().execute(_CONTEST_VERSIONS)
    return tuple((contest_id, version, tuple(when is not None and when <= now for when in dates))
                 for contest_id, version, *dates in rows)
