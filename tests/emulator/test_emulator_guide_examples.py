"""Every call example of the guide's §5.1, verbatim, gives its error code (with its message).

``today`` is 2025-06-15, except for the CPPU and CCPC F04 examples, which the guide gives
"pour un appel le 30/10/2015" (interpretation note).
"""

from __future__ import annotations

import pytest
from guide_examples import GUIDE_EXAMPLES


@pytest.mark.parametrize(("path", "code", "today"), GUIDE_EXAMPLES,
                         ids=[code for _, code, _ in GUIDE_EXAMPLES])
def test_guide_example(api, rte_emulator, path, code, today):
    rte_emulator.today = today
    api.fails(path, code)
