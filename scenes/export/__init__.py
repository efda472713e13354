"""The whole lecture out of its scenes: one video with chapters and subtitles, and slides.

Run with ``python -m scenes.export lecture|slides`` (``make lecture``, ``make slides``).
"""
