"""Benchmarks and soak tests, run by hand (``python -m bench.<name>``), never by pytest."""
