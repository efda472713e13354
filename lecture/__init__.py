"""The lecture layer: each chapter's steps, values and choices as plain, typed data.

Data flows one way: the configuration (``scenes.config``) and the mathematics
(``network``) feed this layer; the kit (``scenes.kit``) draws what it describes;
the scenes put the kit's pictures on screen in the order a chapter gives; the
export joins the scenes. Nothing here draws, and nothing here is drawn from.

- ``inputs``: what the configuration names, loaded once (digit, networks, script).
- ``step``: a chapter as data: its steps, each with its script key and values.
- ``choices``: what the lecture chooses to show and how to speak of it.
- ``palette``: the colours, and what the words call them.
- ``catalogue``: the chapters in storyboard order, with their titles.
- ``chapters``: one module per chapter: ``plan(inputs)`` → ``Chapter``.
"""
