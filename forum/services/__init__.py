"""The verbs of the domain; HTTP views and socket handlers both call these."""
