"""The screens of the app: today's numbers, the review loop and the key help."""
