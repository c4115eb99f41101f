"""CL001 unused-suppression: a claimlint-disable comment that suppresses nothing.

Stale suppressions hide future problems; remove them when the text they excused is gone.

Passing example (page.md)::

    <!-- claimlint-disable-next-line CL401 -->
    Our therapy cures arthritis.

Failing example (page.md)::

    <!-- claimlint-disable-next-line CL401 -->
    Stem cells may ease arthritis pain.
"""
from __future__ import annotations

from .base import meta

META = meta("CL001", "unused-suppression", "artifact", "warning", __doc__)
# Findings of this rule are made by the linter, which alone knows what was suppressed.
