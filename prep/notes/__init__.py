"""Notes in Markdown become an outline, and the outline becomes card drafts."""
