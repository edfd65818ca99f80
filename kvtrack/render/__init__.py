"""Renderers: one module per output format. They take result objects from the core and write text."""
