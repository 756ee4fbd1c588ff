"""Turn a PrepError from the service into an error notification instead of a traceback."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from textual.widget import Widget

from prep.errors import PrepError


def notifies_prep_errors(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a handler or action so a PrepError becomes a notification carrying its message.

    The handler stops where the error was raised, so nothing after a failed service call runs.
    """

    @functools.wraps(handler)
    async def wrapper(node: Widget, *args: Any, **kwargs: Any) -> None:
        try:
            result = handler(node, *args, **kwargs)
            if inspect.isawaitable(result):
                await result
        except PrepError as error:
            node.notify(str(error), title="prep", severity="error", timeout=10)

    return wrapper
