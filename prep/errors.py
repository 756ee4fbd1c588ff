"""The one exception type whose message is meant for the user's eyes."""


class PrepError(Exception):
    """A problem the user can fix; its message names the file, line or command and what to do."""


class NotSavedYet(PrepError):
    """Nothing was written, and the same step may work a moment later: the collection's server cannot be reached, or
    another program holds its file. An answer given meanwhile is kept and saved later (prep.review.pending), never dropped."""


class UsageError(PrepError):
    """A command line that asks for something that does not exist or cannot go together: exit code 2, as argparse's."""
