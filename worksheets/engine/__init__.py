"""The worksheet engine: declarations, rendering, answers, hints and exports.

Pure standard-library Python. ``bridge`` is the only module the browser
worker calls; everything else is plain logic tested in CPython.
"""
