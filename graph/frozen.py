"""FrozenMap: a read-only dict that pickles, so compiled doctrines can be cached on disk."""

from __future__ import annotations

__all__ = ["FrozenMap"]


class FrozenMap(dict):
    """A dict whose contents cannot change after construction.

    >>> m = FrozenMap(a=1)
    >>> m["b"] = 2
    Traceback (most recent call last):
    TypeError: FrozenMap is read-only
    """

    def _read_only(self, *args, **kwargs):
        raise TypeError("FrozenMap is read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _read_only  # type: ignore[assignment]

    def __reduce__(self):
        return (FrozenMap, (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))
