"""The card browser, Anki's Browse: search and filter the cards, preview one as the review shows it,
suspend or bury it (and back), forget it, open its note at its line; u takes the last of these back.

The search line takes words and filters (prep.review.browse); the list follows when typing pauses (SEARCH_PAUSE_S), or at
once on Enter or Esc.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Rule, Static

from prep.errors import PrepError
from prep.review.actions import Change
from prep.review.browse import ORDERS, SYNTAX, CardRow, Found
from prep.service import CardView, PrepService
from prep.tui.card_text import answer_text, crumbs
from prep.tui.errors import notifies_prep_errors
from prep.tui.external_editor import edit_in_external_editor, notes_to_edit
from prep.tui.listed_table import Column, ListedTable
from prep.tui.widgets import CardText, KeyFooter, SteadyLayout

SORTED_BY = {"Due": "due", "Ivl": "interval", "Lapses": "lapses"}  # a column header clicked sorts by it, as in Anki
ORDER_NAMES = {"due": "due", "interval": "interval", "lapses": "lapses", "added": "date added"}
W = TypeVar("W", bound=Widget)
# A key typed into the search line only echoes there; the search runs when typing pauses this long (or on Enter or Esc).
# Searching ten thousand cards and filling the list again on every key took about 100 ms a key (bench/keypress.py):
# keys typed faster than that queued up behind the searches of words half typed.
SEARCH_PAUSE_S = 0.2


def interval_text(days: float | None) -> str:
    if days is None:
        return ""
    if days < 1:
        return f"{max(1, round(days * 1440))}m" if days * 24 < 1 else f"{round(days * 24)}h"
    return f"{days:.0f}d" if days < 60 else f"{days / 30:.1f}mo" if days < 365 else f"{days / 365:.1f}y"


def flags(row: CardRow) -> Text:
    state = Text(row.state)
    if row.suspended:
        state = Text("suspended", style="#ebcb8b")
    elif row.buried:
        state = Text("buried", style="#81a1c1")
    if row.leech:
        state.append(" leech", style="#bf616a")
    return state


def flags_width(row: CardRow) -> int:
    """The width of flags(row), without making it."""
    return len("suspended" if row.suspended else "buried" if row.buried else row.state) + (6 if row.leech else 0)


# The list's columns: each as wide as its widest cell, the question what is left; a list too narrow for a question of a
# few words leaves out the lapses, then the deck (prep.tui.listed_table).
COLUMNS: tuple[Column[CardRow], ...] = (
    Column("State", measure=flags_width),
    Column("Due", measure=lambda row: 0 if row.due is None else 10),
    Column("Ivl", measure=lambda row: len(interval_text(row.interval))),
    Column("Lapses", width=0, drop=1),
    Column("Question", flex=True, least=20),
    Column("Deck", measure=lambda row: cell_len(row.deck), cap=12, drop=2),  # cut as Anki cuts it: the question comes first
)


def edge_label(widget: Widget, text: str) -> None:
    """Set `widget`'s border subtitle, drawing only its bottom edge again. Textual's border_subtitle draws the whole
    widget again, every line of the preview on each cursor key (bench/keypress.py, browser_cursor_down)."""
    label = widget.render_str(text).expand_tabs(4).split()[0]  # as Textual's border_subtitle keeps it
    if label == widget._border_subtitle:
        return
    widget._border_subtitle = label
    inside = widget.content_offset  # a region to refresh is given from the content's corner
    outer = widget.outer_size
    widget.refresh(Region(-inside.x, outer.height - 1 - inside.y, outer.width, 1))


def in_place(widget: W, update: Callable[[W], None]) -> None:
    """`update` the widget's content, and lay the screen out only if its height changed: Textual lays the whole screen
    out on each update of a text, a good part of a cursor key's frame (bench/keypress.py, browser_cursor_down)."""
    width, height = widget.size
    update(widget)
    if not width or widget.get_content_height(widget.size, widget.size, width) != height:
        widget.refresh(layout=True)


class BrowserScreen(SteadyLayout, Screen[None]):
    BINDINGS = [
        # A priority key: acted on as it is read, before the keys read with it go to the list ('/soft' typed fast or
        # pasted suspended the card, sorted the list and forgot a card); within the search line it is a '/' typed.
        Binding("slash", "focus_search", "Search", id="browse-search", priority=True),
        Binding("escape", "back", "Back", id="browse-back"),
        Binding("s", "toggle('suspend')", "Suspend", tooltip="Suspend or unsuspend the card", id="browse-suspend"),
        Binding("b", "toggle('bury')", "Bury", tooltip="Bury the card until tomorrow, or unbury it", id="browse-bury"),
        Binding("f", "forget", "Forget", tooltip="Reset the card to new (its answers stay in the history)", id="browse-forget"),
        Binding("e", "edit_note", "Edit note", tooltip="Open the card's note at its line in $EDITOR", id="browse-edit"),
        Binding("u", "undo", "Undo", tooltip="Take back the last suspend, bury or forget", id="browse-undo"),
        Binding("space", "flip", "Answer", tooltip="Show or hide the answer in the preview", id="browse-flip"),
        Binding("o", "sort", "Sort", tooltip="Sort by due, interval, lapses, date added, then the notes' order again",
                id="browse-sort"),
        Binding("O", "reverse", "Reverse", show=False, tooltip="Reverse the order of the list", id="browse-reverse"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, service: PrepService, clock: Callable[[], datetime], deck: str | None = None,
                 query: str | None = None) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.start_query = query if query is not None else (f'deck:"{deck}"' if deck else "")
        self.found = Found([], 0)
        self.rows: dict[str, CardRow] = {}
        self.history: list[Change] = []  # this screen's actions, newest last, for undo
        self.show_answer = False
        self.order: str | None = None  # ORDERS, or None: the notes' order
        self.previews: dict[str, CardView] = {}  # the cards previewed since the list was last read
        self.descending = False
        self._typing: Timer | None = None  # the search of what is being typed, when typing pauses

    def compose(self) -> ComposeResult:
        yield Static("prep · browse", id="browse-title", classes="top-line")
        yield Input(self.start_query, placeholder="search: " + SYNTAX, id="browse-query")
        yield Static(id="browse-status")
        with Horizontal(id="browse-body"):
            table: ListedTable[CardRow] = ListedTable(COLUMNS, self.cells, lambda row: row.id,
                                                      moved=self.cursor_moved, id="browse-table")
            table.border_title = "Cards"
            yield table
            with VerticalScroll(id="browse-preview", can_focus=False) as preview:
                preview.border_title = "Preview"
                yield Static(id="preview-crumbs", classes="crumbs", markup=False)
                yield CardText(id="preview-front")
                with Vertical(id="preview-answer"):
                    yield Rule()
                    yield CardText(id="preview-back")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.run_search()
        self.query_one(ListedTable).focus()

    # ---- the list ----------------------------------------------------------------------

    def on_screen_resume(self) -> None:
        """Back on top (from the help, an editor): read the list again if the collection changed meanwhile (one
        statement off the UI thread: prep.tui.app.watch_collection)."""
        self.app.watch_collection()  # type: ignore[attr-defined]

    def collection_changed(self) -> None:
        """Another prep or machine changed the cards (prep.tui.app.watch_collection): the list again, the same card kept."""
        self.run_search()

    @on(Input.Changed, "#browse-query")
    def search_changed(self) -> None:
        """The search when typing pauses: each key restarts the wait."""
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(SEARCH_PAUSE_S, self.search_typed, name="browser search")

    @property
    def search_pending(self) -> bool:
        """Whether the list is still to follow what was typed (typing has not paused yet)."""
        return self._typing is not None

    def search_typed(self) -> None:
        """What was typed, searched: only the text changed, so the cards read for the last search are searched again."""
        if self._typing is not None:
            self._typing = None
            self.run_search(reread=False)

    @on(Input.Blurred, "#browse-query")
    def search_left(self) -> None:
        self.search_typed()  # the list as typed, before a key acts on one of its cards

    @on(Input.Submitted, "#browse-query")
    def search_done(self) -> None:
        self.search_typed()  # Enter does not wait for the pause
        self.set_focus(self.query_one(ListedTable))

    def run_search(self, keep: str | None = None, reread: bool = True) -> None:
        """The list again; `reread` False when only the search text changed: the cards read last time are searched,
        the previews shown kept (prep.review.browse.Browser.search). Any change to the cards reads them again."""
        if self._typing is not None:  # this search covers what was typed
            self._typing.stop()
            self._typing = None
        text = self.query_one("#browse-query", Input).value
        try:
            self.found = self.service.browser.search(text, self.clock(), order=self.order, descending=self.descending,
                                                     reread=reread)
        except PrepError as error:
            self.query_one("#browse-status", Static).update(Text(str(error), style="#bf616a"))
            return
        if reread:
            self.previews.clear()
        self.rows = {row.id: row for row in self.found.rows}
        self._listing = True  # the cursor moves as the list is shown: the preview follows once it is (below)
        try:
            column = next((label for label, order in SORTED_BY.items() if order == self.order), None)
            self.query_one(ListedTable).mark_sorted(column, self.descending)  # as Anki marks the column sorted by
            self.query_one(ListedTable).show_items(self.found.rows, keep or self.selected_id())  # drawn as they come into view
        finally:
            self._listing = False
        self.update_status()
        self.update_preview()

    def cells(self, row: CardRow) -> tuple[object, ...]:
        due = "" if row.due is None else row.due.isoformat()
        # The list cuts what is longer than its column with an ellipsis (prep.tui.listed_table).
        return (flags(row), Text(due), Text(interval_text(row.interval)), Text(str(row.lapses or "")),
                Text(row.question), Text(row.deck, style="dim"))

    def update_status(self, message: str = "", undoable: bool = True) -> None:
        shown, matched = len(self.found.rows), self.found.matched
        count = f"{matched} card{'s' if matched != 1 else ''}" + (f" (first {shown} listed)" if shown < matched else "")
        count += f" · by {ORDER_NAMES[self.order]}{' ↓' if self.descending else ''}" if self.order else " · notes' order"
        status = Text(count, style="dim")
        if message:
            status = Text.assemble((message, "bold"), ("  · u undo" if undoable else "", "dim"), ("  · ", "dim"), (count, "dim"))
        self.query_one("#browse-status", Static).update(status)

    def selected_id(self) -> str | None:
        return self.query_one(ListedTable).selected_key

    def selected(self) -> CardRow | None:
        return self.rows.get(self.selected_id() or "")

    def cursor_moved(self) -> None:
        """The preview follows the cursor, in the frame that shows the cursor moved (prep.tui.listed_table)."""
        if self.is_mounted and not self._listing and self.selected_id() != self._previewed:
            self.update_preview()
            self.call_after_refresh(self.read_ahead)

    def read_ahead(self) -> None:
        """The cards on either side of the cursor, read once its frame is painted: a key that moves on finds its
        preview read already (a read is a few milliseconds of the key's frame otherwise, bench/keypress.py)."""
        tables = self.query(ListedTable) if self.is_attached else []
        if not tables:
            return  # the browser was closed before its frame was painted
        at = tables.first().cursor_row
        for row in self.found.rows[max(0, at - 1):at + 2]:
            if row.id not in self.previews:
                try:
                    self.previews[row.id] = self.service.card(row.id, self.clock())
                except PrepError:
                    return  # gone meanwhile: the preview says so if the cursor comes to it

    _previewed: str | None = None  # the card in the preview
    _listing = False  # the list is being shown (run_search)
    _trail: object = None  # the headings shown above the previewed card

    def update_preview(self) -> None:
        row = self.selected()
        self._previewed = row.id if row is not None else None
        preview = self.query_one("#browse-preview", VerticalScroll)
        if row is None:
            self.query_one("#preview-crumbs", Static).update("")
            self._trail = None
            self.query_one("#preview-front", CardText).show("*No card matches.*")
            self.query_one("#preview-answer").display = False
            preview.border_subtitle = ""
            return
        card = self.previews.get(row.id)
        if card is None:  # as the review shows it; read once until the cards change (run_search), not on every key
            card = self.previews[row.id] = self.service.card(row.id, self.clock())
        trail = crumbs(card.path, card.front)
        if trail != self._trail:  # the cards of one topic, one after another: the same trail, not drawn again
            self._trail = trail
            in_place(self.query_one("#preview-crumbs", Static), lambda crumb: crumb.update(trail, layout=False))
        in_place(self.query_one("#preview-front", CardText), lambda front: front.show(card.front, layout=False))
        if self.show_answer:  # a hidden answer is drawn when it is shown (action_flip), not on every cursor key
            self.query_one("#preview-back", CardText).show(answer_text(card.front, card.back))
        self.query_one("#preview-answer").display = self.show_answer
        if preview.border_title != card.deck:
            preview.border_title = card.deck
        edge_label(preview, f"{card.kind} · {card.source_file.rsplit('/', 1)[-1]}:{card.source_line}")
        preview.scroll_home(animate=False)

    # ---- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_search":
            return not self.query_one("#browse-query", Input).has_focus
        if action in ("toggle", "forget", "edit_note", "flip"):
            return True if self.rows else None
        if action == "undo":
            return True if self.history else None
        return True

    def help_extra(self) -> list[tuple[list[str], str]]:
        """The search line's syntax, beside the keys (prep.tui.screens.help)."""
        return [(["words"], "cards whose question, answer, topic or tags hold every word (any script)"),
                (["deck:NAME"], "a deck; * matches any part of a name (deck:ml*)"), (["tag:TAG"], "cards with that tag"),
                (["is:STATE"], "new, learn, review, due (by the end of today), suspended, buried, leech"),
                (["due:N"], "due within N days (due:0 today)"), (["-is:… -deck:…"], "a minus negates a filter"),
                (["click a header"], "sort by due, interval or lapses; again reverses")]

    def action_sort(self) -> None:
        """The next order: due, interval, lapses, date added, then the notes' order again."""
        cycle = [*ORDERS, None]
        self.order, self.descending = cycle[(cycle.index(self.order) + 1) % len(cycle)], False
        self.run_search(reread=False)  # the same cards in another order

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.run_search(reread=False)  # the same cards in another order

    @on(ListedTable.HeaderSelected)
    def header_clicked(self, event: ListedTable.HeaderSelected) -> None:
        order = SORTED_BY.get(event.label)
        if order is None:
            return
        self.descending = not self.descending if order == self.order else False
        self.order = order
        self.run_search(reread=False)  # the same cards in another order

    def action_focus_search(self) -> None:
        self.set_focus(self.query_one("#browse-query", Input))  # at once: the keys read with '/' are the search's

    def action_back(self) -> None:
        search = self.query_one("#browse-query", Input)
        if search.has_focus:
            self.search_typed()  # the list as typed before the cards are acted on
            self.set_focus(self.query_one(ListedTable))  # at once: the keys typed next act on the list
        else:
            self.dismiss()

    def action_flip(self) -> None:
        self.show_answer = not self.show_answer
        self.update_preview()

    @notifies_prep_errors
    def action_toggle(self, how: str) -> None:
        row = self.selected()
        if row is None:
            return
        on_already = row.suspended if how == "suspend" else row.buried
        self.apply(f"un{how}" if on_already else how, row)

    @notifies_prep_errors
    def action_forget(self) -> None:
        row = self.selected()
        if row is not None:
            self.apply("forget", row)

    def apply(self, action: str, row: CardRow) -> None:
        change = self.service.cards.apply(action, row.id, self.clock())
        self.history.append(change)
        self.run_search(keep=row.id)
        self.update_status(change.message)
        self.refresh_bindings()

    @notifies_prep_errors
    def action_undo(self) -> None:
        if not self.history:
            return
        change = self.history.pop()
        self.service.cards.undo(change, self.clock())
        self.run_search(keep=change.card_id)
        self.update_status(change.undone_message)
        self.refresh_bindings()

    async def action_edit_note(self) -> None:
        row = self.selected()
        if row is None:
            return
        source = Path(row.source_file)
        if not notes_to_edit(self.app, source):
            return
        if edit_in_external_editor(self.app, source, row.source_line):
            await self.reimport(str(source), row.id)

    @notifies_prep_errors
    def reimport(self, source: str, card_id: str) -> None:
        report = self.service.reimport_source(source, self.clock())
        self.run_search(keep=card_id)
        self.update_status(f"Notes saved · {report.counts.updated} updated · {report.counts.added} added", undoable=False)
