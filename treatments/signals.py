"""What this app tells the apps above it, which it cannot import."""

from django.dispatch import Signal

# Sent with `treatment` after a moderator renamed it, in the same transaction: the forum
# refreshes the search text of the questions that carry it, so they are found by the new name.
renamed = Signal()
