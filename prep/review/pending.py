"""Answers given while the collection cannot take them (its server cannot be reached, another program holds its
file): kept until they are saved, in order.

An answer is written to a small journal file (JSON lines, in the data folder) before prep tries to save it, and
taken out of it once saved; quitting or a crash keeps the file, and the next prep on this machine saves what it
holds (`adopt`). Each running prep owns its own journal and holds a lock on it, so two of them never save the
same answer; a journal whose owner is gone is free to adopt.

A server collection's answers are journaled before each save. A SQLite file is on this machine and is written at
once, unless another program holds it for longer than the busy timeout (prep.store.database): only then is the
answer journaled, and kept like one the server could not take.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from prep.errors import NotSavedYet, PrepError
from prep.settings.files import PRIVATE, private_folder

if TYPE_CHECKING:
    from prep.review.answers import Answered
    from prep.store.location import Database


class Service(Protocol):
    """What the journal saves answers through (prep.service.PrepService), passed in."""

    database: Database

    def answer(self, card_id: str, rating: int, now: datetime, duration_ms: int = 0,
               seen_answers: int | None = None) -> Answered: ...
    def find_answer(self, card_id: str, rating: int, at: datetime, duration_ms: int) -> Answered | None: ...

RETRY_SECONDS = 5  # how often the TUI tries again while answers wait


@dataclass
class Pending:
    """One answer not saved yet: what `PrepService.answer` is given."""

    card_id: str
    rating: int
    at: datetime
    duration_ms: int
    seen_answers: int | None  # the card's answers when it was shown (CardView.answers)
    key: str = field(default_factory=lambda: uuid.uuid4().hex)
    saved: Answered | None = None  # set once saved
    tried: bool = False  # a save was cut off: it may have reached the server before the connection dropped

    def line(self) -> str:
        return json.dumps({"key": self.key, "card": self.card_id, "rating": self.rating, "at": self.at.isoformat(),
                           "duration_ms": self.duration_ms, "seen": self.seen_answers}) + "\n"

    @classmethod
    def from_line(cls, line: str) -> Pending:
        data = json.loads(line)
        return cls(data["card"], int(data["rating"]), datetime.fromisoformat(data["at"]), int(data["duration_ms"]),
                   data.get("seen"), data["key"], tried=True)  # it may have been saved before that prep stopped


class Journal:
    """This run's journal of unsaved answers for one collection: `<folder>/<collection>-<pid>-<random>.jsonl`."""

    def __init__(self, folder: Path, collection: str) -> None:
        self.folder = folder
        self.collection = collection
        self.path = folder / f"{collection}-{os.getpid()}-{uuid.uuid4().hex[:8]}.jsonl"
        self._file: IO[str] | None = None

    @property
    def opened(self) -> bool:
        """Whether this run has written its journal (and so holds it)."""
        return self._file is not None

    def _own(self) -> IO[str]:
        if self._file is None:
            try:
                private_folder(self.folder)  # the user's answers: theirs alone to read (prep.settings.files)
                self._file = open(self.path, "a+", encoding="utf-8",  # noqa: SIM115 - held (and locked) while prep runs
                                  opener=lambda name, flags: os.open(name, flags, PRIVATE))
            except OSError as error:
                raise PrepError(f"{self.path}: cannot keep the answer in the journal ({error.strerror}).") from None
            fcntl.flock(self._file, fcntl.LOCK_EX)  # taken before anything is written: see adopt
        return self._file

    def write(self, entries: list[Pending]) -> None:
        """The journal holds exactly `entries` (appended when they only grow, as when an answer is added)."""
        journal = self._own()
        journal.seek(0)
        held = journal.read().splitlines(keepends=True)
        lines = [entry.line() for entry in entries]
        if lines[: len(held)] == held:
            journal.writelines(lines[len(held):])
        else:
            journal.seek(0)
            journal.truncate()
            journal.writelines(lines)
        journal.flush()
        os.fsync(journal.fileno())

    def adopt(self) -> list[Pending]:
        """Answers left by a prep that is no longer running (its journal is not locked), oldest journal first.
        The caller writes them to its own journal, then `forget_adopted` removes theirs."""
        found: list[Pending] = []
        self._adopted: list[tuple[Path, IO[str]]] = []
        if not self.folder.is_dir():
            return found
        theirs = [p for p in self.folder.glob(f"{self.collection}-*.jsonl")
                  if p != self.path and re.fullmatch(r"\d+-[0-9a-f]{8}\.jsonl", p.name[len(self.collection) + 1:])]
        for path in sorted(theirs, key=lambda p: p.stat().st_mtime):
            try:
                other = open(path, encoding="utf-8")  # noqa: SIM115 - closed in forget_adopted
            except OSError:
                continue
            try:
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                other.close()  # its prep still runs and saves them itself
                continue
            for line in other.read().splitlines():
                try:
                    found.append(Pending.from_line(line))
                except (ValueError, KeyError, TypeError):
                    continue  # a line torn by a crash mid-write: it was never acknowledged as kept
            self._adopted.append((path, other))
        return found

    def forget_adopted(self) -> None:
        for path, other in getattr(self, "_adopted", []):
            path.unlink(missing_ok=True)
            other.close()
        self._adopted = []

    def close(self, entries: list[Pending]) -> None:
        """Remove the journal when nothing waits; otherwise keep it for the next start."""
        if self._file is None:
            return
        if not entries:
            self.path.unlink(missing_ok=True)
        self._file.close()
        self._file = None


class PendingAnswers:
    """The answers of this process not saved yet, in order. `answer` journals first, then saves everything waiting;
    `save` retries (the TUI's timer, and before each answer). Safe to call from a worker thread."""

    def __init__(self, service: Service, journal: Journal | None, journal_first: bool = True) -> None:
        self.service = service
        self.journal = journal
        self.journal_first = journal_first  # journal each answer before saving it; else only one that waits
        self.waiting: list[Pending] = []
        self.problem = ""  # why the last save failed: the server's one-line message
        self._lock = threading.RLock()
        self._saved_late: list[Pending] = []  # answers that had waited, saved since `take_saved` (by whichever caller)

    @classmethod
    def for_service(cls, service: Service, folder: Path) -> PendingAnswers:
        from prep.store.location import ServerURL

        database = service.database
        if isinstance(database, ServerURL):
            return cls(service, Journal(folder, database.label))
        # A file's journal is named after the file's real path: two collections of the same name never share one.
        name = hashlib.sha256(str(database.resolve()).encode()).hexdigest()[:12]
        return cls(service, Journal(folder, f"{database.stem}-{name}"), journal_first=False)

    def adopt(self) -> int:
        """Take over the answers a previous prep left unsaved; they are saved with the next `save`."""
        if self.journal is None:
            return 0
        with self._lock:
            found = self.journal.adopt()
            if found:
                self.waiting[:0] = found
                self.journal.write(self.waiting)
            self.journal.forget_adopted()
            return len(found)

    def answer(self, card_id: str, rating: int, at: datetime, duration_ms: int, seen_answers: int | None) -> Pending:
        """Keep the answer, then save it with any waiting before it. Its `saved` is None when the server is down."""
        entry = Pending(card_id, rating, at, duration_ms, seen_answers)
        with self._lock:
            self.waiting.append(entry)
            if self.journal_first:
                self._write()
            self.save()
        return entry

    def save(self) -> list[Pending]:
        """Save the waiting answers in order, up to the first the server cannot take; returns those saved.
        An error other than an unreachable server is raised (the answer is dropped: it cannot be saved as it is)."""
        done: list[Pending] = []
        with self._lock:
            try:
                while self.waiting:
                    entry = self.waiting[0]
                    try:
                        entry.saved = self._save(entry)
                    except NotSavedYet as error:
                        entry.tried, self.problem = True, str(error)
                        self._write()  # kept where the next prep finds it, were this one to stop
                        break
                    except PrepError:
                        self.waiting.pop(0)
                        self._write()
                        raise
                    done.append(self.waiting.pop(0))
            finally:
                if done:
                    self._write()
                    self._saved_late += [entry for entry in done if entry.tried]
        return done

    def take_saved(self) -> list[Pending]:
        """The answers that had to wait and were saved since the last call, whoever saved them (the TUI says so once)."""
        with self._lock:
            saved, self._saved_late = self._saved_late, []
            return saved

    def _save(self, entry: Pending) -> Answered:
        if entry.tried:  # the last try may have reached the server before the connection dropped: not twice
            found = self.service.find_answer(entry.card_id, entry.rating, entry.at, entry.duration_ms)
            if found is not None:
                return found
        return self.service.answer(entry.card_id, entry.rating, entry.at, entry.duration_ms, entry.seen_answers)

    def take_back(self, entry: Pending) -> bool:
        """Drop an answer not saved yet (undo); False when it was saved meanwhile (undo it in the collection)."""
        with self._lock:
            if entry.saved is not None or not any(waiting is entry for waiting in self.waiting):
                return False
            self.waiting = [waiting for waiting in self.waiting if waiting is not entry]
            self._write()
            return True

    def _write(self) -> None:
        if self.journal is None or not (self.journal_first or self.waiting or self.journal.opened):
            return  # a file's journal is made only when an answer has to wait
        self.journal.write(self.waiting)

    def close(self) -> None:
        if self.journal is not None:
            with self._lock:
                self.journal.close(self.waiting)
