"""Nasty inputs for the importer, generated at test time (see :mod:`.generate`)."""
