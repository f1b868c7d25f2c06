"""Benchmarks of BaZ, measured side by side with their floors (run: ``python -m bench``)."""
