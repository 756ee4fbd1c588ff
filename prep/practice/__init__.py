"""Practising the coding drills: workspaces, hints, attempts and their schedule (drill_service), and the cards and drills that bring each other forward (links)."""
