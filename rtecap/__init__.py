"""rtecap: tidy pandas frames of French electricity data.

Loaders return long frames with a ``Europe/Paris`` DatetimeIndex (see the frame contract in the
docs). Importing rtecap registers the ``.rte`` DataFrame accessor; heavy libraries (xarray,
matplotlib, requests-oauthlib) are imported only when used.
"""

from rtecap._version import __version__

__all__ = ["__version__"]
