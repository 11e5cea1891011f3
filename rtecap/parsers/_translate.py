"""English <-> French column names and labels of rtecap frames (guide §6.2, mappings)."""

from __future__ import annotations

import copy
from collections.abc import Mapping

import pandas as pd

from rtecap import mappings as m
from rtecap.exceptions import RteValidationError

#: Languages of column names and labels.
LANGS = ("en", "fr")

#: English column name -> French, for every column rtecap frames may hold.
#: Column names of every rtecap frame, English -> French, and back.
COLUMNS_FR_ALL: Mapping[str, str] = {**m.COLUMNS_FR, **m.DATASET_COLUMNS_FR}
COLUMNS_EN_ALL: Mapping[str, str] = {fr: en for en, fr in COLUMNS_FR_ALL.items()}
#: English column name -> table of its labels, English -> French.
LABELS_FR: Mapping[str, Mapping[str, str]] = {
    "production_type": m.PRODUCTION_TYPE_FR,
    "network_connection": m.NETWORK_FR,
    "sector": m.SECTOR_FR,
    "sub_sector": m.SECTOR_FR,
    "scope": m.SCOPE_FR,
}
_EN_ONLY = set(COLUMNS_FR_ALL) - set(COLUMNS_EN_ALL)
_FR_ONLY = set(COLUMNS_EN_ALL) - set(COLUMNS_FR_ALL)


def check_lang(lang: str) -> str:
    """Return ``lang`` as "en" or "fr" (any case), else raise :class:`RteValidationError`.

    Examples
    --------
    >>> check_lang("FR")
    'fr'
    """
    code = lang.strip().lower() if isinstance(lang, str) else lang
    if code not in LANGS:
        raise RteValidationError(
            f"unknown language {lang!r}; expected one of {LANGS}", parameter="lang"
        )
    return code


def frame_lang(df: pd.DataFrame) -> str:
    """Tell whether a frame's names are English or French.

    Parameters
    ----------
    df : DataFrame
        An rtecap frame.

    Returns
    -------
    str
        "fr" when its column/index names are French ones only, "en" when English ones only;
        otherwise ``df.attrs["rtecap"]["lang"]``, defaulting to "en".

    Examples
    --------
    >>> import pandas as pd
    >>> frame_lang(pd.DataFrame(columns=["type_production", "puissance_mw"]))
    'fr'
    """
    names = {df.index.name, *df.columns}
    en, fr = bool(names & _EN_ONLY), bool(names & _FR_ONLY)
    if en != fr:
        return "fr" if fr else "en"
    lang = df.attrs.get("rtecap", {}).get("lang")
    return lang if lang in LANGS else "en"


def _translate_labels(values: pd.Series, table: Mapping[str, str]) -> pd.Series:
    if isinstance(values.dtype, pd.CategoricalDtype):
        renamed = [table.get(c, c) for c in values.cat.categories]
        if len(set(renamed)) == len(renamed):
            return values.cat.rename_categories(renamed)
        plain = values.astype(object).map(lambda v: table.get(v, v))
        cats = pd.CategoricalDtype(list(dict.fromkeys(renamed)))
        return plain.astype(cats)
    return values.map(lambda v: table.get(v, v) if isinstance(v, str) else v).astype(values.dtype)


def translate(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return ``df`` with column names and labels in ``lang``, whichever language it is in.

    Column and index names follow ``mappings.COLUMNS_FR``; production types, networks,
    sectors, sub-sectors and scopes follow ``PRODUCTION_TYPE_FR``, ``NETWORK_FR``,
    ``SECTOR_FR`` and ``SCOPE_FR``. Labels without a translation (unknown ones, department
    codes, free text) are kept; category order is kept. The round trip en -> fr -> en gives
    back an equal frame. ``attrs`` are copied and ``attrs["rtecap"]["lang"]`` set.

    Parameters
    ----------
    df : DataFrame
        An rtecap frame in English or French (see :func:`frame_lang`).
    lang : {"en", "fr"}
        The language wanted.

    Returns
    -------
    DataFrame
        A new frame (``df`` is not modified).

    Raises
    ------
    RteValidationError
        ``lang`` is neither "en" nor "fr".

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"production_type": pd.Categorical(["NUCLEAR"]),
    ...                    "capacity_mw": [63130.0]})
    >>> fr = translate(df, "fr")
    >>> fr.columns.tolist(), fr["type_production"].tolist()
    (['type_production', 'puissance_mw'], ['NUCLEAIRE'])
    >>> translate(fr, "en").equals(df)
    True
    """
    lang = check_lang(lang)
    out = df.copy()
    if frame_lang(df) != lang:
        names = COLUMNS_FR_ALL if lang == "fr" else COLUMNS_EN_ALL
        for en_name, table in LABELS_FR.items():
            current = en_name if lang == "fr" else COLUMNS_FR_ALL.get(en_name, en_name)
            if current in out.columns:
                if lang == "en":
                    table = {fr: en for en, fr in table.items()}
                out[current] = _translate_labels(out[current], table)
        out = out.rename(columns=lambda c: names.get(c, c))
        out.index = out.index.rename(names.get(out.index.name, out.index.name))
    out.attrs = copy.deepcopy(df.attrs)
    out.attrs["rtecap"] = {**out.attrs.get("rtecap", {}), "lang": lang}
    return out
