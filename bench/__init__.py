"""The benchmark (bench/bench.py) and its browser steps (bench/browser.py)."""
