"""Body (ô 6) rules on the real sample files.

Each rule has a failing fixture (``samples/defects/<RULE-ID>--*.docx|pdf``, made by
``samples/make_samples.py``) and must not fail on the compliant samples
(``samples/compliant/*``). Files are read by the real readers, labelled by the real structure
recognition and judged through the real engine. A missing sample file skips its test with
the reason, never passes it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from samplekit import rule_sample_tests  # noqa: E402

RULES = (
    "ND30-BODY-SIZE",
    "ND30-BODY-ALIGN",
    "ND30-BODY-INDENT",
    "ND30-BODY-SPACING",
    "ND30-CAN-CU",
    "ND30-HEADINGS",
    "ND30-KINH-GUI",
    "ND30-STRUCTURE-REQUIRED",
    "ND30-STRUCTURE-ORDER",
    "ND30-TEXT-STRAY",
)

test_defect_sample_fails, test_compliant_samples_do_not_fail = rule_sample_tests(RULES)
