"""The scene kit: every picture more than one scene draws, built from the lecture
layer's data (``lecture``) and the network's values; nothing here chooses what to
show or say."""
