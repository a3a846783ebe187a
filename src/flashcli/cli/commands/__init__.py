"""One module per command, named after it.

The live and editor modes of notes, and the walks of prep and followup, sit beside their
command as notes_live, notes_edit, prep_walk and followup_walk.
"""
