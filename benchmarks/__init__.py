"""Benchmarks of wirogen at catalogue scale: see benchmarks/README.md."""
