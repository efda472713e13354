"""One module per chapter of the storyboard, each with ``plan(inputs) -> Chapter``.

A scene imports only its own chapter's module, so a chapter's fingerprint (what
decides when its video is rendered again) covers its own plan and no other.
"""
