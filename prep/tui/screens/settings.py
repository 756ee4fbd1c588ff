"""Every setting, as in the config file: its name in the file's one spelling, what it is, its range.

Each field is checked as `prep config set` checks it (prep.settings.config.parse_setting): a value that is not a
number, or out of range, is refused with the same one line (`new_per_day must be a whole number from 0 to 9999.`),
never trimmed into something else. Saving writes the config file (as `prep config set` does), applies it to the
running service and makes the interview plan again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, Static

from prep.errors import PrepError
from prep.service import PrepService
from prep.settings import paths
from prep.settings.config import BOUNDS, SETTINGS, parse_setting, set_value, setting_text
from prep.tui.errors import notifies_prep_errors
from prep.tui.widgets import SteadyLayout

SWITCH = "true or false"
STEPS = "steps: 1m 10m"
# setting → its label, and what it takes where BOUNDS does not say
FIELDS: dict[str, tuple[str, str]] = {
    "interview_date": ("Interview date", "YYYY-MM-DD or empty"),
    "interview_retention": ("Recall on the day", ""),
    "desired_retention": ("Desired retention", ""),
    "new_per_day": ("New cards a day", ""),
    "reviews_per_day": ("Reviews a day", ""),
    "new_drills_per_day": ("New drills a day", ""),
    "drills_per_day": ("Drills a day", ""),
    "day_starts_at_hour": ("Day starts at (hour)", ""),
    "learning_steps": ("Learning steps", STEPS),
    "relearning_steps": ("Relearning steps", STEPS),
    "maximum_interval_days": ("Max interval (days)", ""),
    "final_review_days": ("Final review (days)", ""),
    "leech_lapses": ("Leech after (lapses)", ""),
    "bury_siblings": ("Bury siblings", SWITCH),
    "space_rates_good": ("Space rates Good", SWITCH),
    "enable_fuzzing": ("Fuzz intervals", SWITCH),
    "schedule_suggestions": ("Skip the inbox", SWITCH),
    "fsrs_parameters": ("FSRS parameters", "empty: defaults"),
}
assert set(FIELDS) == set(SETTINGS), "every setting has its field"


def range_of(name: str) -> str:
    """What a setting takes, shown beside its field."""
    if name in BOUNDS:
        least, most = BOUNDS[name]
        return f"{least:g} to {most:g}" if isinstance(least, float) and not least.is_integer() else f"{least:g}–{most:g}"
    return FIELDS[name][1]


class Setting(Validator):
    """The value checked as `prep config set` checks it, failing with its one line; the interview after today."""

    def __init__(self, name: str, today: date) -> None:
        super().__init__()
        self.name, self.today = name, today

    def validate(self, value: str) -> ValidationResult:
        try:
            _, parsed = parse_setting(self.name, value)
        except PrepError as error:
            return self.failure(str(error))
        if self.name == "interview_date" and parsed is not None:
            day = parsed if isinstance(parsed, date) else date.fromisoformat(str(parsed))
            if day <= self.today:
                return self.failure("interview_date must be after today.")
        return self.success()


class SettingsScreen(SteadyLayout, ModalScreen[bool]):
    """Dismissed with True when settings were saved."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (84, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-tall")]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-settings"),
        Binding("escape", "dismiss(False)", "Cancel", id="cancel-settings"),
    ]

    def __init__(self, service: PrepService, clock: Callable[[], datetime]) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.initial = {name: setting_text(getattr(service.config, name)) for name in FIELDS}

    def compose(self) -> ComposeResult:
        today = self.clock().astimezone(self.service.tz).date()
        with Vertical(id="settings-panel") as panel:
            panel.border_title = "Settings"
            panel.border_subtitle = "enter or ctrl+s save · tab next · esc cancel"
            with VerticalScroll(id="settings-scroll", can_focus=False), Grid(id="settings-form"):
                for name, (label, _takes) in FIELDS.items():
                    yield Label(label, classes="setting-label")
                    # Text, not Textual's number inputs: those drop what is not a digit silently (1e3 became 13).
                    yield Input(self.initial[name], id=f"setting-{name}", compact=True, validators=Setting(name, today),
                                validate_on=["submitted"], tooltip=name)
                    yield Static(range_of(name), classes="setting-range", markup=False)
            yield Static(id="settings-problem")
            yield Static(f"Settings file: {paths.config_file()}", id="settings-file", markup=False)

    def on_input_changed(self) -> None:
        self.query_one("#settings-problem", Static).update("")

    async def on_input_submitted(self) -> None:
        await self.action_save()

    @notifies_prep_errors
    def action_save(self) -> None:
        texts = {}
        for name in FIELDS:
            field = self.query_one(f"#setting-{name}", Input)
            result = field.validate(field.value)
            if result is not None and not result.is_valid:
                field.focus()
                self.query_one("#settings-problem", Static).update(result.failure_descriptions[0])
                return
            texts[name] = field.value.strip()
        changed = {name: text for name, text in texts.items() if text != self.initial[name]}
        if not changed:
            self.dismiss(False)
            return
        config = self.service.config
        for name, text in changed.items():
            config = set_value(paths.config_file(), name, text)
        self.service.reconfigure(config)
        self.service.plan(self.clock())  # the reviews for the interview follow the new date and limits
        self.notify("Settings saved.", timeout=3)
        self.dismiss(True)
