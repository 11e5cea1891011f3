"""Sample answers of the API shipped with rtecap (saved from the emulator, see SOURCE.md)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rtecap import registry
from rtecap.exceptions import RteValidationError

#: The resources a sample answer ships for.
SAMPLES = (
    "capacities_per_production_type",
    "capacities_per_production_unit",
    "capacities_cpc",
)


def sample_path(resource: str) -> Path:
    """Return the path of the sample answer shipped for a resource.

    The samples were saved with ``rtecap fetch ... --raw`` from :mod:`rtecap.emulator`: the
    shape of RTE's answers, the emulator's figures (partly synthetic, never RTE's own; see
    ``rtecap/datasets/samples/SOURCE.md``).

    Parameters
    ----------
    resource : str
        ``capacities_per_production_type``, ``capacities_per_production_unit``,
        ``capacities_cpc`` or an alias (``cppt``, ``cppu``, ``cpc``).

    Returns
    -------
    pathlib.Path
        A JSON file that ``rtecap.read_<resource>`` reads.

    Raises
    ------
    RteValidationError
        Unknown resource.

    Examples
    --------
    >>> import rtecap
    >>> df = rtecap.read_capacities_cpc(sample_path("cpc"))
    >>> df.attrs["rtecap"]["resource"], str(df.index.tz)
    ('capacities_cpc', 'Europe/Paris')
    """
    name = registry.get(resource).name
    if name not in SAMPLES:  # pragma: no cover - every resource has one
        raise RteValidationError(f"no sample answer for {name}", parameter="resource")
    return Path(str(resources.files("rtecap.datasets") / "samples" / f"{name}.json"))
