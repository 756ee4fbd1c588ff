"""The one exception type whose message is meant for the user's eyes."""


class PrepError(Exception):
    """A problem the user can fix; its message names the file, line or command and what to do."""


class UsageError(PrepError):
    """A command line that asks for something that does not exist or cannot go together: exit code 2, as argparse's."""
