"""Werkblad "Evaluatie" for professionals (regieondersteuner, zorgverantwoordelijke, others).

The four themes and every role's statements are declared once, in
``_evaluatie``; the answer files are combined on the overview page.
"""

from __future__ import annotations

from ._evaluatie import SHEETS

WORKSHEET = SHEETS["professional"]
