"""Invitation-letter burst: many users write twice within seconds, under Telegram's flood limits.

    .venv/bin/python benchmarks/burst.py [--users 300] [--seconds 40] [--seed 13] [--quick]

The morning the invitation letter goes out, delegates open its deep link at about the same time.
This plays that: each user sends a first message (two in three `/start <invitation token>` from
the letter, the others `/agenda`), then a free-text question 3-8 s later; first messages are
spread at random over the window so that every second message also falls inside it. The fake Bot
API runs in its own process with Telegram's flood limits on (`--rate-limit`: 429 with retry_after
beyond ~30 messages/s overall or more than one message per second to one chat) and records when
it handed each update out in getUpdates and when each send arrived (`--timeline`). The bot is
the real thing: `run_polling` with the rate limiter and settings the app builds for production,
on the demo event in an embedded SQLite database.

Printed: reply latency p50/p99/max from a message being handed out by getUpdates to the first
message of its answer reaching the fake, and to the last one (answers of several messages are
spaced a second apart per chat); users left without an answer (must be 0); 429s provoked (must
be 0). The bot answers a user's messages strictly in order, so a user's replies are split by
count: before the burst, one calibration user per kind of pair (opening, question) plays it to
learn how many messages each of the two answers has.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import logging
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import BotCore, open_core  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.domain.registration.invitations import agency_invitations
from bot.run.demo import ensure_demo_event
from bot.run.serve import run_polling
from tests.fakes.telegram_api import TOKEN, free_port, message_update  # noqa: E402

FIRST_USER = 700_000
CALIBRATION_USER = 690_000
QUESTIONS = (
    "Hội thảo tổ chức ở đâu?",
    "Mấy giờ bắt đầu đón tiếp đại biểu?",
    "Có cần mang theo giấy giới thiệu không?",
    "Hội thảo kéo dài mấy ngày?",
    "Có chỗ đỗ xe ô tô không?",
)


@dataclass(frozen=True)
class User:
    """One user of the burst: an opening message, then a question, at these seconds."""

    user_id: int
    opening: str
    question: str
    first_at: float = 0.0
    second_at: float = 0.0

    @property
    def kind(self) -> tuple[str, str]:
        """What decides the length of the answers: the command opened with, and the question."""
        return self.opening.split(" ", 1)[0], self.question


class FakeServer:
    """The fake Bot API in a child process, with flood limits and the timeline on."""

    def __init__(self) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.client = httpx.AsyncClient(base_url=self.base_url, timeout=30)
        args = [
            sys.executable,
            "-m",
            "tests.fakes.telegram_api",
            str(self.port),
            "--count-only",
            "--rate-limit",
            "--timeline",
        ]
        self.process = subprocess.Popen(args, cwd=ROOT)

    async def wait_ready(self) -> None:
        """Wait until it answers."""
        for _ in range(200):
            with contextlib.suppress(httpx.TransportError):
                await self.client.get("/_fake/stats")
                return
            await asyncio.sleep(0.05)
        raise RuntimeError("fake Bot API did not start")

    async def stats(self) -> dict[str, int]:
        """Calls received per method."""
        return dict((await self.client.get("/_fake/stats")).json())

    async def timeline(self) -> dict[str, object]:
        """Updates handed out, sends received and 429s answered so far."""
        return dict((await self.client.get("/_fake/timeline")).json())

    async def push(self, updates: list[dict[str, object]]) -> None:
        """Queue updates for getUpdates."""
        await self.client.post("/_fake/updates", json=updates)

    async def stop(self) -> None:
        """End the child process."""
        await self.client.aclose()
        self.process.terminate()
        self.process.wait(10)


def plan(users: int, seconds: float, tokens: list[str], seed: int) -> list[User]:
    """First messages spread over the window, second ones 3-8 s later."""
    rng = random.Random(seed)
    latest_gap = min(8.0, seconds / 2)
    out = []
    for n in range(users):
        first = rng.uniform(0.0, seconds - latest_gap)
        gap = rng.uniform(min(3.0, latest_gap), latest_gap)
        opening = f"/start {tokens[n % len(tokens)]}" if n % 3 != 2 else "/agenda"
        out.append(User(FIRST_USER + n, opening, rng.choice(QUESTIONS), first, first + gap))
    return out


async def play(server: FakeServer, users: list[User]) -> None:
    """Push each message at its time (on this process's clock)."""
    messages = sorted(
        [(u.first_at, u.user_id, u.opening) for u in users]
        + [(u.second_at, u.user_id, u.question) for u in users]
    )
    started = time.monotonic()
    index = 0
    while index < len(messages):
        delay = messages[index][0] - (time.monotonic() - started)
        if delay > 0:
            await asyncio.sleep(delay)
        elapsed = time.monotonic() - started
        due = []
        while index < len(messages) and messages[index][0] <= elapsed:
            due.append(message_update(messages[index][1], messages[index][2]))
            index += 1
        await server.push(due)


def _by_chat(rows: object, *, accepted_only: bool = False) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for row in rows:  # type: ignore[attr-defined]
        if not accepted_only or row["ok"]:
            out.setdefault(str(row["chat"]), []).append(float(row["at"]))
    return {chat: sorted(times) for chat, times in out.items()}


async def calibrate(server: FakeServer, token: str) -> dict[tuple[str, str], tuple[int, int]]:
    """How many messages answer each opening and each question after it, one user per pair."""
    pairs = [(opening, q) for opening in (f"/start {token}", "/agenda") for q in QUESTIONS]
    users = [User(CALIBRATION_USER + n, o, q) for n, (o, q) in enumerate(pairs)]
    await server.push([message_update(u.user_id, u.opening) for u in users])
    first = await _quiet_counts(server, users, {})
    await server.push([message_update(u.user_id, u.question) for u in users])
    both = await _quiet_counts(server, users, first)
    return {u.kind: (first[u.user_id], both[u.user_id] - first[u.user_id]) for u in users}


async def _quiet_counts(server: FakeServer, users: list[User], before: dict[int, int]) -> dict[int, int]:
    # Messages received per user once each has more than before and nothing came for 2 s.
    quiet_since, last = time.monotonic(), -1
    while True:
        sent = _by_chat((await server.timeline())["sends"], accepted_only=True)
        counts = {u.user_id: len(sent.get(str(u.user_id), [])) for u in users}
        total = sum(counts.values())
        if total != last:
            quiet_since, last = time.monotonic(), total
        grown = all(counts[u] > before.get(u, 0) for u in counts)
        if grown and time.monotonic() - quiet_since >= 2.0:
            return counts
        await asyncio.sleep(0.2)


@dataclass
class Outcome:
    """Latencies per answered message, and who was left unanswered."""

    first: list[float]
    whole: list[float]
    unanswered_users: set[int]


def match(
    timeline: dict[str, object], users: list[User], lengths: dict[tuple[str, str], tuple[int, int]]
) -> Outcome:
    """Split each user's replies into the two answers by their calibrated lengths."""
    handed = _by_chat(timeline["handed_out"])
    sent = _by_chat(timeline["sends"], accepted_only=True)
    outcome = Outcome([], [], set())
    for user in users:
        asked = handed.get(str(user.user_id), [])
        got = sent.get(str(user.user_id), [])
        n1, n2 = lengths[user.kind]
        # Unanswered: a message never handed out, an answer short of messages, or the second
        # answer's first message arriving before the question was even handed out.
        if len(asked) < 2 or len(got) < n1 + n2 or got[n1] < asked[1]:
            outcome.unanswered_users.add(user.user_id)
            continue
        outcome.first += [got[0] - asked[0], got[n1] - asked[1]]
        outcome.whole += [got[n1 - 1] - asked[0], got[n1 + n2 - 1] - asked[1]]
    return outcome


async def settle(
    server: FakeServer,
    users: list[User],
    lengths: dict[tuple[str, str], tuple[int, int]],
    deadline: float,
) -> dict[str, object]:
    """Wait until every user has both answers and sends have stopped for 3 s (or the deadline)."""
    quiet_since, last_sends = time.monotonic(), -1
    while True:
        timeline = await server.timeline()
        sends = len(timeline["sends"])  # type: ignore[arg-type]
        if sends != last_sends:
            quiet_since, last_sends = time.monotonic(), sends
        done = not match(timeline, users, lengths).unanswered_users
        if (done and time.monotonic() - quiet_since >= 3.0) or time.monotonic() > deadline:
            return timeline
        await asyncio.sleep(0.5)


async def run(users: int, seconds: float, seed: int, dump: Path | None = None) -> Outcome:
    """Start the fake and the bot, play the burst, and measure."""
    logging.basicConfig(level=logging.WARNING)
    server = FakeServer()
    await server.wait_ready()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(  # type: ignore[call-arg]
                _env_file=None,
                data_dir=Path(tmp),
                database_url=None,
                telegram_bot_token=TOKEN,
                telegram_api_base_url=server.base_url,
            )
            core = await open_core(settings)
            try:
                tokens = await invitation_tokens(core)
                burst = plan(users, seconds, tokens, seed)
                stop = asyncio.Event()
                bot = asyncio.create_task(run_polling(settings, core=core, stop=stop))
                while not (await server.stats()).get("getUpdates") and not bot.done():
                    await asyncio.sleep(0.05)
                if bot.done():
                    bot.result()
                lengths = await calibrate(server, tokens[0])
                shapes = sorted({f"{o} {n1}+{n2}" for (o, _q), (n1, n2) in lengths.items()})
                print("messages per answer (opening + question):", ", ".join(shapes))
                setup = await server.timeline()  # start-up and calibration are not the burst
                await play(server, burst)
                timeline = await settle(server, burst, lengths, time.monotonic() + 120)
                stop.set()
                await asyncio.wait_for(bot, 30)
            finally:
                await core.close()
    finally:
        await server.stop()
    timeline["rate_limited"] = int(timeline["rate_limited"]) - int(setup["rate_limited"])  # type: ignore[call-overload]
    if dump is not None:
        dump.write_text(json.dumps(timeline), encoding="utf-8")
    timeline["sends"] = timeline["sends"][len(setup["sends"]) :]  # type: ignore[index]
    outcome = match(timeline, burst, lengths)
    report(outcome, timeline, users, seconds, 2 * len(burst))
    return outcome


async def invitation_tokens(core: BotCore) -> list[str]:
    """The demo event's per-agency invitation tokens (what the letter's deep links carry)."""
    today = dt.datetime.now(zoneinfo.ZoneInfo(core.settings.timezone)).date()
    event_id = await ensure_demo_event(core, today)
    async with core.sessions() as session, session.begin():
        return [invitation.token for _quota, invitation in await agency_invitations(session, event_id)]


def _quantile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1]


def report(outcome: Outcome, timeline: dict[str, object], users: int, seconds: float, count: int) -> None:
    """Print the figures."""
    accepted = sum(1 for row in timeline["sends"] if row["ok"])  # type: ignore[attr-defined]
    print(f"burst: {users} users, {count} messages within {seconds:g} s; {accepted} messages sent")
    for label, values in (
        ("first message of the answer", outcome.first),
        ("whole answer", outcome.whole),
    ):
        ms = [v * 1000 for v in values]
        print(
            f"reply latency, {label + ':':29} p50 {_quantile(ms, 0.5):7.0f} ms   p99 "
            f"{_quantile(ms, 0.99):7.0f} ms   max {max(ms, default=float('nan')):7.0f} ms"
        )
    print(f"unanswered users: {len(outcome.unanswered_users)}   (must be 0)")
    print(f"429s provoked:    {timeline['rate_limited']}   (must be 0)")


def main() -> None:
    """Parse the options and run the burst."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=40.0, help="window all messages fall in")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--quick", action="store_true", help="a short run: 60 users within 12 s")
    parser.add_argument("--timeline", type=Path, help="also write the fake's timeline to this JSON file")
    args = parser.parse_args()
    users, seconds = (60, 12.0) if args.quick else (args.users, args.seconds)
    outcome = asyncio.run(run(users, seconds, args.seed, args.timeline))
    sys.exit(1 if outcome.unanswered_users else 0)


if __name__ == "__main__":
    main()
