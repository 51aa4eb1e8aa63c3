"""Showing results: terminal tables (rich), charts (matplotlib), reports, files.

Renderers take results and never recompute them.
"""
