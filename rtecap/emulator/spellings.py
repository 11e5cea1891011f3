"""The other spelling of each field where the guide's field list and its own example disagree.

By default the emulator serves the spelling that answers of the real API are seen to use
(docs/guide-rules.md, "Spellings"). With ``alt_spellings=True`` it serves the other one, so
that a parser can be run against both:

==========================  =============================  ==================================
field                        default (served)               alternate (``alt_spellings``)
==========================  =============================  ==================================
CPPU ``values[]`` type       ``type`` (the example)         ``production_type`` (field list)
CPPU producer keys           ``code_eic_producteur`` ...    ``Code_eic_producteur`` ...
                             (example)                      (field list)
CPPU open interval           ``end_date`` absent            ``"end_date": null`` (1..1 in
                             ("empty or not present")       the field list)
CPC capacity                 ``value`` (field list)         ``values`` (the example)
CPC biogas                   ``BIOGAZ`` (field list, input  ``BIOGAS`` (the example)
                             enum)
==========================  =============================  ==================================

CPPT's field list and example agree (``type``, ``value``): nothing changes there.
"""

from __future__ import annotations

from rtecap.mappings import CPC, CPPU

#: CPPU producer keys as the guide's field list writes them.
PRODUCER_KEYS = {"code_eic_producteur": "Code_eic_producteur",
                 "name_producteur": "Name_producteur"}  # fmt: skip
CPC_LABELS = {"BIOGAZ": "BIOGAS"}


def _cppu_value(value: dict) -> dict:
    out = {("production_type" if key == "type" else key): item for key, item in value.items()}
    out.setdefault("end_date", None)
    return out


def _cpc_record(record: dict) -> dict:
    out = {("values" if key == "value" else key): item for key, item in record.items()}
    out["production_type"] = CPC_LABELS.get(out["production_type"], out["production_type"])
    return out


def respell(answer: dict) -> dict:
    """Return a copy of an answer with the alternate spellings (table above).

    Parameters
    ----------
    answer : dict
        ``{resource: [...]}`` as :mod:`rtecap.emulator.resources` builds it.

    Returns
    -------
    dict
        The same records, re-spelled; CPPT answers are returned unchanged.

    Examples
    --------
    >>> respell({"capacities_cpc": [{"department_code": "FR", "network_connection": "RPD",
    ...                              "production_type": "BIOGAZ", "value": 3}]})
    {'capacities_cpc': [{'department_code': 'FR', 'network_connection': 'RPD', \
'production_type': 'BIOGAS', 'values': 3}]}
    """
    if CPC in answer:
        return {CPC: [_cpc_record(record) for record in answer[CPC]]}
    if CPPU in answer:
        return {CPPU: [
            {**unit,
             "production_unit": {PRODUCER_KEYS.get(key, key): item
                                 for key, item in unit["production_unit"].items()},
             "values": [_cppu_value(value) for value in unit["values"]]}
            for unit in answer[CPPU]
        ]}  # fmt: skip
    return answer
