"""The pilots blueprint; importing the view modules attaches their routes to it."""

from pitch.pilots import actions, overview, showcase, workspace  # noqa: F401
from pitch.pilots.blueprint import bp

__all__ = ["bp"]
