"""What the learner sets and where prep keeps its files: the settings file, the data, config and cache folders, the shipped deck and drills."""
