"""Energy Identification Codes (EIC): the ENTSO-E check character.

An EIC is 16 characters: a 2-digit issuing-office number, a type letter (``W`` production
unit, ``X`` party, ``Y`` area...), 12 characters among ``A-Z 0-9 -`` and a check character.
The check character follows ENTSO-E's *EIC Reference Manual* (§ "check character"):

1. map each of the first 15 characters to a number: ``0-9`` -> 0-9, ``A-Z`` -> 10-35,
   ``-`` -> 36;
2. multiply the character at position *i* (1-based) by the weight ``17 - i`` (16 ... 2);
3. sum, then ``check = 36 - ((sum - 1) mod 37)``;
4. map the check number back to a character the same way. A code whose check number is 36
   (``-``) is never issued.
"""

from __future__ import annotations

import random

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"
_VALUES = {char: index for index, char in enumerate(_ALPHABET)}


def eic_check_char(code15: str) -> str:
    """Return the check character completing the 15 first characters of an EIC.

    Parameters
    ----------
    code15 : str
        The first 15 characters, upper case, among ``A-Z``, ``0-9`` and ``-``.

    Returns
    -------
    str
        One character; ``"-"`` means no valid EIC can end those 15 characters.

    Raises
    ------
    ValueError
        If ``code15`` is not 15 characters of the EIC alphabet.

    Examples
    --------
    >>> eic_check_char("10YFR-RTE------")
    'C'
    """
    if len(code15) != 15 or any(char not in _VALUES for char in code15):
        raise ValueError(f"an EIC starts with 15 characters of A-Z, 0-9 or '-': {code15!r}")
    total = sum(_VALUES[char] * (16 - index) for index, char in enumerate(code15))
    return _ALPHABET[36 - ((total - 1) % 37)]


def is_valid_eic(code: str) -> bool:
    """Tell whether ``code`` is a 16-character EIC whose check character is right.

    Parameters
    ----------
    code : str
        The code to check.

    Returns
    -------
    bool
        True when the length, the alphabet and the check character are right.

    Examples
    --------
    >>> is_valid_eic("10YFR-RTE------C"), is_valid_eic("10YFR-RTE------D")
    (True, False)
    """
    if not isinstance(code, str) or len(code) != 16 or code[15] == "-":
        return False
    try:
        return eic_check_char(code[:15]) == code[15]
    except ValueError:
        return False


def make_eic(prefix: str, rng: random.Random, taken: set[str]) -> str:
    """Draw a new valid EIC starting with ``prefix`` and record it in ``taken``.

    Parameters
    ----------
    prefix : str
        The fixed start, e.g. ``"17W100P100P"``; the rest up to 15 characters is drawn
        among digits.
    rng : random.Random
        Source of the drawn digits (seeded for reproducible codes).
    taken : set of str
        Codes already used; the new code is added to it.

    Returns
    -------
    str
        A 16-character EIC with a valid check character, not in ``taken`` before the call.

    Examples
    --------
    >>> code = make_eic("17W100P100P", random.Random(0), set())
    >>> len(code), is_valid_eic(code)
    (16, True)
    """
    width = 15 - len(prefix)
    while True:
        code15 = prefix + "".join(rng.choice("0123456789") for _ in range(width))
        check = eic_check_char(code15)
        if check != "-" and code15 + check not in taken:
            taken.add(code15 + check)
            return code15 + check
