"""The settings a user changes while preparing: the interview date, retention targets, daily limits.

Saving writes the config file (as `prep config set` does), applies it to the running
service and makes the interview plan again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.validation import Integer, Number, ValidationResult, Validator
from textual.widgets import Input, Label, Static

from prep.service import PrepService
from prep.settings import paths
from prep.settings.config import BOUNDS, SETTABLE, set_value
from prep.tui.errors import notifies_prep_errors
from prep.tui.widgets import SteadyLayout

RETENTION = "0.70 to 0.99"
# config key → label, what to type
FIELDS = {
    "interview-date": ("Interview date", "YYYY-MM-DD, empty for none"),
    "interview-retention": ("Recall target on the day", RETENTION),
    "desired-retention": ("Desired retention", RETENTION),
    "new-per-day": ("New cards a day", "a whole number"),
    "reviews-per-day": ("Reviews a day", "a whole number"),
    "new-drills-per-day": ("New drills a day", "a whole number"),
}


class InterviewDate(Validator):
    """Empty (no interview), or a date after today."""

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success()
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            return self.failure("a date like 2027-01-15, or empty for none")
        return self.success() if day > self.today else self.failure("the interview must be after today")


class SettingsScreen(SteadyLayout, ModalScreen[bool]):
    """Dismissed with True when settings were saved."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-settings"),
        Binding("escape", "dismiss(False)", "Cancel", id="cancel-settings"),
    ]

    def __init__(self, service: PrepService, clock: Callable[[], datetime]) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        values = {key: getattr(service.config, SETTABLE[key]) for key in FIELDS}
        self.initial = {key: "" if value is None else str(value) for key, value in values.items()}

    def compose(self) -> ComposeResult:
        today = self.clock().astimezone(self.service.tz).date()
        inputs = {"interview-date": ("text", InterviewDate(today)), "interview-retention": ("number", Number(0.7, 0.99)),
                  "desired-retention": ("number", Number(0.7, 0.99))}  # the rest: whole numbers
        with Vertical(id="settings-panel") as panel:
            panel.border_title = "Settings"
            panel.border_subtitle = "enter save · esc cancel"
            with Grid(id="settings-form"):
                for key, (label, hint) in FIELDS.items():
                    least, most = BOUNDS.get(SETTABLE[key], (0, None))
                    kind, validator = inputs.get(key, ("integer", Integer(minimum=least, maximum=most)))
                    yield Label(label)
                    yield Input(self.initial[key], placeholder=hint, id=f"setting-{key}", compact=True, type=kind,
                                validators=validator)
            yield Static(id="settings-problem")
            yield Static(f"Settings file: {paths.config_file()}", id="settings-file", markup=False)

    def on_input_changed(self) -> None:
        self.query_one("#settings-problem", Static).update("")

    async def on_input_submitted(self) -> None:
        await self.action_save()

    @notifies_prep_errors
    def action_save(self) -> None:
        texts = {}
        for key, (label, _hint) in FIELDS.items():
            field = self.query_one(f"#setting-{key}", Input)
            result = field.validate(field.value)
            if result is not None and not result.is_valid:
                field.focus()
                self.query_one("#settings-problem", Static).update(f"{label}: {result.failure_descriptions[0]}")
                return
            texts[key] = field.value.strip()
        changed = {key: text for key, text in texts.items() if text != self.initial[key]}
        if not changed:
            self.dismiss(False)
            return
        config = self.service.config
        for key, text in changed.items():
            config = set_value(paths.config_file(), key, text)
        self.service.reconfigure(config)
        self.service.plan(self.clock())  # the reviews for the interview follow the new date and limits
        self.notify("Settings saved.", timeout=3)
        self.dismiss(True)
