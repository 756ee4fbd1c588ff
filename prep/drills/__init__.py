"""Coding drills: a catalog of exercises, graded by hidden tests in a sandboxed child process."""
