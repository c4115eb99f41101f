"""`claimlint audit DIR`: index the whole archive, report what disagrees, and export it."""
