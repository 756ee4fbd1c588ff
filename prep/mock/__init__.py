"""Mock interviews: a timed mix of questions, drills and a story, graded into the learner's schedule (interview)."""
