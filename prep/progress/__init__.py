"""How the learner stands: the numbers (stats) and their pictures for the screen and the shell (charts)."""
