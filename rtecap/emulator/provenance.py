"""Say on a frame (and so on its plots) that its figures are the emulator's, not RTE's."""

from __future__ import annotations

import copy

import pandas as pd

#: The source the plots print for a frame drawn from :mod:`rtecap.emulator` (``{seed}``).
SYNTHETIC_SOURCE = "rtecap's local emulator of RTE's API (synthetic data, seed {seed})"


def mark_synthetic(df: pd.DataFrame, *, seed: int = 0) -> pd.DataFrame:
    """Return ``df`` with ``attrs["rtecap"]["source"]`` naming the emulator's synthetic data.

    Every rtecap plot prints ``attrs["rtecap"]["source"]`` under the axes, so a figure drawn
    from the emulator says that its figures are not RTE's. The frame's values are unchanged.

    Parameters
    ----------
    df : DataFrame
        A frame loaded from :mod:`rtecap.emulator` (or derived from one).
    seed : int, default 0
        The emulator's seed, printed with the source.

    Returns
    -------
    DataFrame
        A shallow copy of ``df`` whose provenance names the emulator.

    Examples
    --------
    >>> import pandas as pd
    >>> df = mark_synthetic(pd.DataFrame({"capacity_mw": [1.0]}), seed=3)
    >>> df.attrs["rtecap"]["source"]
    "rtecap's local emulator of RTE's API (synthetic data, seed 3)"
    """
    out = df.copy(deep=False)
    info = copy.deepcopy(dict(df.attrs.get("rtecap") or {}))
    info["source"] = SYNTHETIC_SOURCE.format(seed=seed)
    out.attrs = {**df.attrs, "rtecap": info}
    return out
