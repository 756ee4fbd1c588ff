"""The terminal interface: a Textual app that talks to the core only through PrepService."""
