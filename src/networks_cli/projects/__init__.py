"""Imported projects (CORDIS): where they live, how they are read and placed, and their store."""
