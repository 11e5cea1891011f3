"""Seeded fault injection and a per-client rate limiter (token bucket)."""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Mapping

#: Every fault the injector knows: HTTP errors (509 "Bandwidth Limit Exceeded", guide §5.2: the
#: total number of client requests has reached its limit), a 200 whose body stops half way while its
#: Content-Length announces the whole body ("truncate"), a 200 whose JSON is cut with a
#: matching Content-Length ("bad_json"), and a normal answer after ``slow_ms`` ("slow").
FAULT_KINDS = ("500", "503", "408", "429", "509", "truncate", "bad_json", "slow")
#: The mix used when none is given: equal weights.
DEFAULT_FAULTS = {"500": 1.0, "503": 1.0, "408": 1.0, "truncate": 1.0, "slow": 1.0}


def check_mix(faults: Mapping[str, float] | None) -> dict[str, float]:
    """Validate a fault mix ``{kind: weight}`` (None -> :data:`DEFAULT_FAULTS`).

    Parameters
    ----------
    faults : mapping or None
        Weights need not sum to 1; kinds among :data:`FAULT_KINDS` (ints such as ``500``
        are accepted for the status codes).

    Returns
    -------
    dict
        The normalised mix ``{kind: weight}``.

    Raises
    ------
    ValueError
        On an unknown kind, a negative weight, or all weights zero.

    Examples
    --------
    >>> check_mix({500: 2, "slow": 1})
    {'500': 2.0, 'slow': 1.0}
    """
    if faults is None:
        return dict(DEFAULT_FAULTS)
    mix = {str(kind): float(weight) for kind, weight in faults.items()}
    unknown = set(mix) - set(FAULT_KINDS)
    if unknown:
        raise ValueError(f"unknown fault kinds {sorted(unknown)}; known: {FAULT_KINDS}")
    if any(weight < 0 for weight in mix.values()) or not sum(mix.values()) > 0:
        raise ValueError("fault weights must be >= 0 with a positive sum")
    return mix


class FaultInjector:
    """Draw faults from one ``random.Random`` in the order requests arrive.

    Each request that reaches the fault stage draws one uniform number (faulted when below
    ``rate``) and, when faulted, one weighted choice of kind. With the same seed, settings and
    sequence of requests the faults are the same; with concurrent clients the order of
    arrival decides who gets which draw.

    Parameters
    ----------
    seed : int
        Seed of the draws (the emulator's ``seed``).

    Examples
    --------
    >>> injector = FaultInjector(0)
    >>> [injector.draw(0.5, {"500": 1}) for _ in range(4)]
    [None, '500', None, '500']
    """

    def __init__(self, seed: int = 0):
        self._lock = threading.Lock()
        self.reseed(seed)

    def reseed(self, seed: int) -> None:
        """Restart the sequence of draws from ``seed``."""
        with self._lock:
            self._rng = random.Random(f"{seed}/faults")

    def draw(self, rate: float, mix: Mapping[str, float]) -> str | None:
        """Return the fault kind for the next request, or None (no draw when ``rate`` is 0)."""
        if rate <= 0:
            return None
        with self._lock:
            if self._rng.random() >= rate:
                return None
            return self._rng.choices(list(mix), weights=list(mix.values()))[0]


class RateLimiter:
    """A token bucket per client: ``rate`` requests a second, bursts of ``max(1, rate)``.

    Examples
    --------
    >>> limiter = RateLimiter()
    >>> [limiter.acquire("me", 2.0) for _ in range(3)]
    [None, None, 1]
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float, float]] = {}

    def acquire(self, client: str, rate: float | None) -> int | None:
        """Take one token for ``client``.

        Parameters
        ----------
        client : str
            Who is counted (the client id behind the token).
        rate : float or None
            Requests per second; None disables the limit.

        Returns
        -------
        int or None
            None when allowed, else the whole seconds to wait (``Retry-After``, at least 1).
        """
        if rate is None:
            return None
        now = time.monotonic()
        capacity = max(1.0, rate)
        with self._lock:
            tokens, last, old_rate = self._buckets.get(client, (capacity, now, rate))
            if old_rate != rate:
                tokens = capacity
            tokens = min(capacity, tokens + (now - last) * rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now, rate)
                return None
            self._buckets[client] = (tokens, now, rate)
            return max(1, math.ceil((1.0 - tokens) / rate))
