"""Answer a free-text question from one event's data: understand, match, decide, explain.

Deterministic: the same question about the same event always gets the same answer, and the
Answer says which cues fired, what matched and what it rests on (its evidence), so a wrong answer
can be traced to a rule. Below the confidence threshold, or when the question holds words the
event's data never uses, the bot does not answer: it says so and the question is forwarded.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from bot.domain.qa import facts
from bot.domain.qa.agreement import PART_WORDS, asks_quantity
from bot.domain.qa.asking import faq_holding
from bot.domain.qa.clauses import (
    CLAUSES,
    asks_itself,
    mentions_own_group,
    names_own_agency,
    own_agency_kinds,
    question_clause,
    two_asks,
    with_own_group,
    without_introduction,
    without_purpose,
    without_trailing_reasons,
)
from bot.domain.qa.days import DayAsked, day_asked, half_of
from bot.domain.qa.decide import AGENCY_THRESHOLD, FAQ_STRONG, FAQ_WEAK, ITEM_THRESHOLD, decide
from bot.domain.qa.evidence import CONFIDENCE_THRESHOLD, HARMLESS, Answer, Evidence, unsure
from bot.domain.qa.intents import CueHits, Intent, score_intents
from bot.domain.qa.language import loanwords_only, question_language
from bot.domain.qa.lexicon import lexicon
from bot.domain.qa.long_messages import asked_sentences
from bot.domain.qa.matcher import EventIndex, content_tokens, index_for, label_id, topic_words, word_forms
from bot.domain.qa.messages import Message, message_texts
from bot.domain.qa.normalise import TIME_QUESTION, blank_phrases, holds, normalise, normalise_tokens
from bot.domain.qa.ordinals import ordinal_span
from bot.domain.qa.people import PERSON_WORDS
from bot.domain.qa.reading import Reading, title_runs
from bot.domain.qa.replies import SEAT_NOUNS
from bot.domain.qa.rooms import placed
from bot.domain.qa.specifics import answered_specifics
from bot.domain.qa.view import EventView
from bot.domain.textfold import fold

__all__ = [
    "AGENCY_THRESHOLD",
    "CONFIDENCE_THRESHOLD",
    "FAQ_STRONG",
    "FAQ_WEAK",
    "ITEM_THRESHOLD",
    "Answer",
    "Evidence",
    "answer_question",
]


def _looks_like_question(tokens: tuple[str, ...], markers: frozenset[str], hits_count: int) -> bool:
    # Enough to be worth an organiser's time: a question mark or word, and some real words.
    words = [t for t in tokens if t.isalpha() and len(t) > 1]
    return len(words) >= 2 and ("question_mark" in markers or hits_count > 0 or bool(_ASKING & set(tokens)))


# Words that ask, deny or object beside thanks ("cảm ơn, nhưng link không vào được"): a message
# the organisers should see.
_NOT_ONLY_THANKS = frozenset(
    {"may", "k", "ko", "but", "nhung", "not", "doesn", "don", "didn", "cannot", "loi", "error", "problem"}
)
# Words that ask something, in either language.
_ASKING = frozenset(
    {
        "khong",
        "gi",
        "nao",
        "dau",
        "sao",
        "bao",
        "what",
        "where",
        "when",
        "how",
        "who",
        "which",
        "is",
        "are",
        "can",
        "do",
        "does",
        "co",
        "ai",
        "chua",
        "nhieu",
    }
)


def answer_question(text: str, view: EventView, now: dt.datetime) -> Answer:
    """Understand `text` as a question about `view` at time `now`, and build the answer.

    A long message is read sentence by sentence (long_messages.py): each sentence that asks is
    answered, with the day the whole message names; all of them, or the question is forwarded.
    """
    answer = _whole(text, view, now)
    # ("When can we meet Ms Phan Thị Thu Hà, the fundraising mentor?": the part answered alone may
    # be too short to tell its language; the whole message is English)
    if answer.language is None and question_language(text) == "en":
        return replace(answer, language="en")
    return answer


def _whole(text: str, view: EventView, now: dt.datetime) -> Answer:
    """The answer to a whole message, its sentences each answered when it has several."""
    asked = asked_sentences(text, index_for(view))
    if asked is None:
        return _message(text, view, now)
    normalised = normalise(text)
    context = day_asked(normalised.tokens, normalised.dates, view, now)
    answers = [_message(sentence, view, now, context) for sentence in asked]
    for n in range(1, len(answers)):
        # "Is there a shuttle from the bus station? What times does it leave?"
        pair = (asked[n - 1], asked[n])
        answers[n] = _more_of_the_note(pair, answers[n - 1], answers[n], view, now, context)
    if any(a.intent == Intent.WHERE and not a.abstains for a in answers):
        # "Where is it held? Do we have to go to a meeting hall?": where it is settles the guess.
        answers = [
            a
            for a, sentence in zip(answers, asked, strict=True)
            if not (a.abstains and _guesses_place(sentence, view))
        ]
    missing = next((a for a in answers if a.abstains), None)
    if missing is not None:
        return missing
    combined = answers[0]
    for other in answers[1:]:
        combined = _both(combined, other)
    return combined


def _message(text: str, view: EventView, now: dt.datetime, context: DayAsked | None = None) -> Answer:
    """The answer to one message or one sentence of it.

    A long message often tells the asker's situation around the question ("Em ở Hướng Hóa, sáng
    26 bắt xe xuống, hội trường ở số mấy đường nào ạ?"): when the whole message gets no answer,
    the clause that asks is tried alone, provided what is left out asks nothing the event's data
    does not hold.
    """
    text = _with_own_group(_without_home(without_purpose(without_introduction(text)), view), view)
    pair = two_asks(text)
    if pair is not None:
        # "họp ở đâu và có phải mang theo gì không": both are answered, or neither.
        if context is None:
            normalised = normalise(text)
            context = day_asked(normalised.tokens, normalised.dates, view, now)
        first, second = (_answer(part, view, now, context) for part in pair)
        lines = [e.detail for e in first.evidence if e.source == "item"] or _agency_lines(first, view)
        bare = len(content_tokens(list(normalise(pair[1]).tokens))) <= 1  # "and who is the speaker?"
        if second.abstains and not first.abstains and lines and (bare or _REFERS_BACK.search(fold(pair[1]))):
            # "Who is the Dutch speaker and when is his talk?": "his talk" is the line first found.
            referent = _REFERS_BACK.sub(" ", fold(pair[1]))
            second = _answer(f"{referent} {lines[0]}", view, now, context)
        second = _more_of_the_note(pair, first, second, view, now, context)
        if (
            second.abstains
            and first.intent == Intent.WHERE
            and not first.abstains
            and _guesses_place(pair[1], view)
        ):
            # "họp báo ở phòng nào, có phải ở ballroom luôn không": where it is settles the guess.
            return first
        if first.abstains or second.abstains:
            return first if first.abstains else second
        return _both(first, second)
    answer = _answer(text, view, now, context)
    side = two_asks(text, joined=False)
    if side is not None:
        # "ai chủ trì, ai phát biểu khai mạc": both answered, when each asks a thing of its own.
        first, second = (_answer(part, view, now, context) for part in side)
        if second.abstains and not first.abstains and set(normalise(side[1]).tokens) <= _SETTLED_ONLY:
            # "họp ngày nào vậy, chốt chưa": whether what the first asks is settled, which its
            # answer says.
            return first
        # ("tối thứ 5 mặc gì, có ăn tối không": two notes; "ai khai mạc, ai bế mạc": two lines)
        two_things = first.intent == second.intent and first.evidence != second.evidence
        # ("họp báo ở phòng nào, ai chủ trì": the second names nothing, so it asks of the line the
        # first names, which the whole message's answer gives, its presenter with it)
        of_the_first = (
            _names_nothing(side[1]) and not answer.abstains and answer.intent == Intent.ITEM_PRESENTER
        )
        if (
            not (first.abstains or second.abstains)
            and (first.intent != second.intent or two_things)
            and not of_the_first
        ):
            return _both(first, second)
    # "Mấy giờ kết thúc ạ, em đặt vé xe về", "đang đến phần nào rồi, e đang gửi xe": what follows
    # the question says why it is asked, or where the asker is; the question alone is answered.
    asked = without_trailing_reasons(text)
    if asked:
        retry = _answer(asked, view, now, context)
        if not retry.abstains:
            return retry
    if not answer.abstains:
        return answer
    asking, rest = question_clause(text)
    if not asking or not rest:
        return answer
    for guess, other in ((rest, asking), (asking, rest)):
        if _guesses_place(guess, view):
            # "họp báo ở phòng nào, có phải ở ballroom luôn không": where it is settles the guess.
            retry = _answer(other, view, now, context)
            if retry.intent == Intent.WHERE and not retry.abstains:
                return retry
    if any(asks_itself(normalise(c).tokens) for c in CLAUSES.split(rest) if c and c.strip()):
        return answer  # two questions in one message: the other one would go unanswered
    if _yes_no(rest) and not content_tokens(list(normalise(asking).tokens)):
        return answer  # "Will the notice be sent afterwards, and when?": "when" asks of the first
    rest_hits = score_intents(normalise(rest).tokens, frozenset())
    if rest_hits.score(Intent.UNKNOWN) >= 3:
        return answer  # "..., có xe đưa đón không": the rest asks something the data lacks
    if any(
        rest_hits.score(i) >= 3
        for i in (Intent.END, Intent.NEXT, Intent.PREVIOUS, Intent.CHAIR, Intent.DURATION)
    ):
        return answer  # "mấy giờ thì xong hẳn": the rest says what is asked
    retry = _answer(asking, view, now, context)
    # "After the tea break on day one, what's next?": what comes next is relative to the rest;
    # "bên e có bài tham luận, mấy h": the rest names what the time is asked of.
    relative = retry.intent in (Intent.NEXT, Intent.PREVIOUS)
    of_the_event = all(e.source == "field" for e in retry.evidence)  # the event's date, place, hours
    if retry.abstains or relative or (of_the_event and _names_a_part(rest, view)):
        return answer
    # "Ở phần ý kiến doanh nghiệp, công ty nào phát biểu": the rest names the line asked about;
    # an answer about other lines answers another question.
    if retry.intent != Intent.ITEM_PRESENTER:
        return retry
    named = _lines_named(rest, view)
    answered = {e.detail for e in retry.evidence if e.source == "item"}
    return answer if named and answered and not named & answered else retry


_TOLD = frozenset({"note", "faq"})
# English questions that open with an auxiliary ("Will the notice be sent ...?"), whose words the
# normalised tokens drop.
_AUXILIARIES = frozenset("will is are can could do does did should would shall has have may".split())


def _agency_lines(answer: Answer, view: EventView) -> list[str]:
    """The titles of the lines of the agency an answer is about, if it is about one."""
    index = index_for(view)
    for e in answer.evidence:
        if e.source == "agency":
            match = index.match_agency(content_tokens(list(normalise(e.detail).tokens)))
            if match is not None:
                return [i.title for i in index.agency_lines(match.names)]
    return []


# "có phải ở ... không", "is it in ...": a place guessed, to confirm.
_PLACE_GUESS = re.compile(
    r"^(?:(?:co phai|phai|la|is it|or|hay)?\s*(?:o|tai|in|at)"
    r"|(?:do|must|should) (?:we|i) (?:have to |need to )?go to|(?:co )?phai (?:den|len|toi))\b"
)


def _names_nothing(clause: str) -> bool:
    """Whether a clause holds only the words of what it asks ("ai chủ trì", "who leads it")."""
    tokens = normalise(clause).tokens
    used = score_intents(tokens, frozenset()).used
    return all(
        n in used or t in HARMLESS for n, t in enumerate(tokens) if t in content_tokens([t]) or t.isdigit()
    )


def _guesses_place(clause: str, view: EventView) -> bool:
    """Whether a clause only guesses a place the event's data names ("có phải ở ballroom luôn k")."""
    folded = fold(clause).strip()
    if not _PLACE_GUESS.match(folded):
        return False
    index = index_for(view)
    words = [t for t in content_tokens(list(normalise(clause).tokens)) if t not in HARMLESS]
    # (a room or hall guessed: "ở khách sạn" may be where one stays)
    return (
        bool(words)
        and bool(_ROOM_WORDS & set(words))
        and all(t in index.venue_words or t in index.kind_words or t in _GUESS_FILLERS for t in words)
    )


_ROOM_WORDS = frozenset({"phong", "ballroom", "hall", "room", "hoi", "truong", "tang", "floor"})
_GUESS_FILLERS = frozenset({"phai", "luon", "khong", "ko", "k", "ha", "a", "the", "same", "also"})


def _yes_no(clause: str) -> bool:
    words = clause.split()
    return bool(words) and words[0].lower() in _AUXILIARIES


# "em ở (xã) Quỳnh Lưu có được ...": where the asker lives, said inside the question.
_HOME = re.compile(
    r"\b(?:em|e|tôi|mình|anh|chị)\s+ở\s+(?:(?:xã|phường|huyện|tỉnh|thành phố|TP\.?)\s+)?", re.IGNORECASE
)


def _without_home(text: str, view: EventView) -> str:
    """The text without the place the asker says they live in, when the event's data never names it."""
    for match in _HOME.finditer(text):
        words = text[match.end() :].split()
        name = []
        for word in words:
            if not word[:1].isupper():
                break
            name.append(word.rstrip(",.;!?"))
            if word[-1:] in ",.;!?":
                break
        if not name or len(name) == len(words):
            continue
        folded = normalise_tokens(" ".join(name))
        if folded and not set(folded) <= index_for(view).known:
            start = match.start()
            end = match.end() + len(" ".join(words[: len(name)]))
            return f"{text[:start]}{text[end:]}".strip()
    return text


def _more_of_the_note(
    pair: tuple[str, str],
    first: Answer,
    second: Answer,
    view: EventView,
    now: dt.datetime,
    context: DayAsked | None,
) -> Answer:
    """The second of two questions, asked again with the first when it asks more of the note or
    FAQ entry the first found, which holds it ("có được ở lại khách sạn không, đăng ký trước ngày
    nào"): else as it was answered."""
    if not second.abstains or first.abstains or not _told_by(first) or _own_topic(pair[1]):
        return second
    joined = _answer(f"{pair[0]} {pair[1]}", view, now, context)
    if {e.detail for e in joined.evidence} & {e.detail for e in first.evidence if e.source in _TOLD}:
        return joined
    return second


def _told_by(answer: Answer) -> bool:
    """Whether the answer is an organisers' note or FAQ entry."""
    return any(e.source in _TOLD for e in answer.evidence)


def _own_topic(text: str) -> bool:
    """Whether the text names a practical topic of its own ("có phải mang gì không")."""
    return bool(score_intents(normalise(text).tokens, frozenset()).topics)


def _both(first: Answer, second: Answer) -> Answer:
    """One answer to two questions."""
    # ("học mấy ngày, từ ngày nào": how many days and which, the dates the more telling)
    dated = {first.intent, second.intent} == {Intent.DURATION, Intent.WHEN}
    return replace(
        first,
        intent=Intent.WHEN if dated else first.intent,
        # (two sentences asking one thing get it once)
        messages=(*first.messages, *(m for m in second.messages if m not in first.messages)),
        evidence=(*first.evidence, *second.evidence),
        cues=(*first.cues, *second.cues),
        confidence=min(first.confidence, second.confidence),
        location=first.location or second.location,
    )


def _lines_named(text: str, view: EventView) -> set[str]:
    """The titles of the programme lines `text` names clearly, if any."""
    index = index_for(view)
    item = index.match_items(content_tokens(list(normalise(text).tokens)), None, None)
    if item is None or item.score < ITEM_THRESHOLD:
        return set()
    return {view.items[n].title for n in item.indexes}


def _names_a_part(text: str, view: EventView) -> bool:
    """Whether `text` names a programme line or an agency that presents one."""
    index = index_for(view)
    words = content_tokens(list(normalise(text).tokens))
    agency = index.match_agency(words)
    if agency is not None and agency.score >= AGENCY_THRESHOLD:
        if index.agency_lines(agency.names):
            return True
    return bool(_lines_named(text, view))


def _with_own_group(text: str, view: EventView) -> str:
    """ "e ở Sở Tài chính, nhóm e mấy h vào phòng máy": the asker's group is the one the note on
    their agency's seats gives ("Nhóm A"), so the lines of that group answer."""
    index = index_for(view)
    if not index.agency_notes or not mentions_own_group(text):
        return text
    agency = index.match_agency(content_tokens(list(normalise(text).tokens)))
    if agency is None or agency.score < AGENCY_THRESHOLD:
        return text
    tokens = normalise_tokens(index.agency_notes.get(agency.name, ""))
    labels = [(k, v) for k, v in zip(tokens, tokens[1:], strict=False) if label_id(v)]
    return with_own_group(text, labels) if labels else text


def _for_the_kind(text: str, answer: Answer) -> bool:
    """Whether a line the answer gives is for the kind of agency the asker calls theirs ("xã mình
    ... lúc mấy giờ" of "Câu hỏi của UBND các xã, phường"), the kind read as written: "Sở em" is
    no "số" of "Chuyển đổi số"."""
    titles = [e.detail.lower() for e in answer.evidence if e.source == "item"]
    for kind in own_agency_kinds(text):
        if kind.isascii():
            # (written without diacritics: the kind said of many, "các xã")
            if any(holds(normalise_tokens(title), ("cac", *kind.split())) for title in titles):
                return True
        elif any(re.search(rf"(?<!\w){re.escape(kind)}(?!\w)", title) for title in titles):
            return True
    return False


def _answer(text: str, view: EventView, now: dt.datetime, context: DayAsked | None = None) -> Answer:
    index = index_for(view)
    normalised = normalise(text)
    words = index.expand_initials(normalised.tokens)
    tokens = tuple(index.correct(t) for t in index.correct_event_words(words))
    asked = day_asked(tokens, normalised.dates, view, now)
    # "bài PII ở Châu Đốc mấy giờ" of a roadshow: the day held at the place named.
    if asked.day is None:
        placed_day = index.day_of_place(tokens)
        if placed_day is not None:
            asked = replace(asked, day=placed_day[0], used=asked.used | placed_day[1])
    # "lớp 2 giải lao lúc mấy giờ" of a course held as "Lớp 1" one day, "Lớp 2" the next.
    cohort = _cohort_day(tokens, view, index)
    if cohort is not None and asked.day in (None, cohort[0]):
        asked = replace(asked, day=cohort[0], used=asked.used | cohort[1], by_group=asked.day is None)
        if tokens[min(cohort[1])] not in _COHORTS:
            # ("Phiên 2 họp ngày nào" of a series: the session is that day, not its lines' words)
            tokens = tuple("" if i in cohort[1] else t for i, t in enumerate(tokens))
    # "next Thursday", "thứ 5 tuần sau": a day's own words, which ask for no next line.
    scored = tuple("" if i in asked.used and t in _DAY_RELATIVE else t for i, t in enumerate(tokens))
    # ("... in Vinh Long?": the province's name asks nothing, not "how long")
    place = index.province
    if len(place) >= 2:
        scored = blank_phrases(scored, [place])
    # ("lớp tập huấn giảng viên nguồn học từ ngày nào": the event's own name, whose "giảng viên"
    # asks for no lecturer)
    own = title_runs(scored, index.event_title_tokens, gap=1)
    if own:
        scored = tuple("" if i in own else t for i, t in enumerate(scored))
    # ("có mặt ở phòng máy": the programme's "Phòng máy tính", never "phòng mấy" (which room))
    machine = {
        n
        for n, t in enumerate(scored)
        if t == "may"
        and ((n and (scored[n - 1], t) in index.may_pairs) or (t, *scored[n + 1 : n + 2]) in index.may_pairs)
    }
    # ("ai chủ trì mấy buổi giao ban này": "mấy ... này" is "these", which asks no number)
    # (the event's kind between them: "mấy buổi [giao ban] này")
    machine |= {
        n
        for n, t in enumerate(scored)
        if t == "may"
        and [w for w in scored[n + 2 :] if w and (w == "nay" or w not in index.kind_words)][:1] == ["nay"]
    }
    if machine:
        scored = tuple("" if i in machine else t for i, t in enumerate(scored))
    hits = score_intents(scored, normalised.markers)
    if context is not None and asked.day is None and asked.half is None:
        # One of two questions in a message: the day the message names ("hôm 09/12 ... và mấy giờ xong").
        asked = DayAsked(context.day, context.half, asked.used)
    # Words strong cues used ("ở đâu", "ai trình bày") say what is asked, not what it is about;
    # words naming a day ("ngày thứ hai", "buổi chiều") say when.
    strong = {i for i, weight in hits.used.items() if weight >= 2} | asked.used
    strong |= ordinal_span(tokens, frozenset(asked.used))  # ("đầu tiên" names no "đầu tư")
    # A practical topic's words ("giấy mời") are not about a line, unless a line uses them ("trưa").
    strong |= {i for i in hits.topic_used if tokens[i] not in index.idf}
    content = topic_words([t for i, t in enumerate(tokens) if i not in strong], index.event_phrases)
    all_content = topic_words([t for i, t in enumerate(tokens) if i not in asked.used], index.event_phrases)
    question_like = _looks_like_question(tokens, normalised.markers, len(hits.fired))
    reading = Reading(
        view,
        index,
        now,
        hits,
        content,
        all_content,
        normalised.clock,
        question_like,
        asked,
        tokens,
        word_forms(normalised.original),
    )
    answer = decide(reading)
    if (
        answer.abstains
        and hits.score(Intent.THANKS) >= 3
        and "question_mark" not in normalised.markers
        and not (_ASKING | _NOT_ONLY_THANKS) & set(tokens)
        and TIME_QUESTION not in hits.phrases()
    ):
        # "Thanks a lot, see you on the bus!": thanks and a farewell, which ask nothing.
        answer = Answer(Intent.THANKS, 0.9, (Message.of("qa.thanks"),), cues=answer.cues)
    if (
        answer.abstains
        and answer.intent == Intent.UNKNOWN
        and not hits.topics
        and not hits.score(Intent.UNKNOWN)
        # (not what the data says is elsewhere: "đợt 2" of an event with one round)
        and not any(e.source == "elsewhere" for e in answer.evidence)
    ):
        # Before giving up: a FAQ entry that says every word asked ("đăng ký gian hàng có mất phí").
        holder = faq_holding(all_content, tokens, view, index, digits=asks_quantity(tokens, frozenset()))
        if holder is not None:
            entry = view.faq[holder]
            answer = Answer(
                Intent.FAQ,
                0.7,
                (Message.of("qa.faq", answer=entry.answer),),
                question_like=answer.question_like,
                cues=answer.cues,
                evidence=(Evidence("faq", entry.question, 0.7),),
            )
    # ("the Dutch expert": the words naming a person the programme presents are the data's own)
    personal = PERSON_WORDS if reading.people else frozenset()
    answer = _unexplained_gate(answer, index, [t for t in all_content if t not in personal])
    answer = _elsewhere_gate(answer, index, content, tokens, hits)
    if (
        # ("phần của đơn vị mình lúc mấy giờ": a part of its own, not the event's hours)
        (answer.intent in _OF_AN_AGENCY or (answer.intent == Intent.WHEN and bool(PART_WORDS & set(tokens))))
        and not answer.abstains
        and names_own_agency(text)
        and not reading.agency_ok
        and not any(e.source == "agency" for e in answer.evidence)
        and not _for_the_kind(text, answer)
    ):
        # "sở em có bài tham luận không" with no agency introduced: whose lines is not known.
        answer = unsure(answer.cues, answer.question_like, answer.matched, "qa.dont_know")
    if answer.intent in (Intent.WHEN, Intent.WHERE) and _asked_as_thing(tokens):
        answer = unsure(answer.cues, answer.question_like, answer.matched, "qa.dont_know")
    if answer.intent in _HOURS_REPLIES and _of_the_event_hours(answer) and _numbered_part(tokens):
        # "When does online session 3 finish?" answered with the event's hours: the part numbered
        # is not the whole event, and which hours are its own is not known.
        answer = unsure(answer.cues, answer.question_like, answer.matched, "qa.dont_know")
    asked_in = question_language(text)
    if asked_in is None and index.in_english and loanwords_only(text):
        asked_in = "en"  # "wifi?" at a workshop held in English
    language = "en" if asked_in == "en" else None
    return replace(answer, language=language) if language else answer


_HOURS_REPLIES = frozenset({Intent.END, Intent.DURATION})
# Words that name a part of an event by its number ("phiên 2", "session 3", "the third round").
_PART_NAMES = frozenset({"phien", "buoi", "ca", "vong", "session", "round", "part", "module", "khung"})
_PART_NUMBERS = frozenset(
    {
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "1st",
        "2nd",
        "3rd",
    }
)


def _of_the_event_hours(answer: Answer) -> bool:
    """Whether the answer rests only on the event's own hours (no programme line)."""
    return bool(answer.evidence) and all(e.source == "field" for e in answer.evidence)


def _numbered_part(tokens: tuple[str, ...]) -> bool:
    """Whether the question names a part of the event by its number ("buổi 3", "session 2",
    "the first session", "second round")."""
    for n, t in enumerate(tokens):
        if t not in _PART_NAMES:
            continue
        near = set(tokens[n + 1 : n + 2]) | set(tokens[max(n - 2, 0) : n])
        if near & _PART_NUMBERS:
            return True
    return False


# Words for a group of attendees that a course may hold on a day of its own ("Lớp 2").
_COHORTS = frozenset({"lop", "class", "cohort"})
# Words that number the parts of an event held on days of their own, in either language: the
# sessions of a series ("Phiên 2: ..."), the stops of a roadshow ("Điểm 3 - ...").
_NUMBERED_PARTS = (_COHORTS, frozenset({"phien", "session"}), frozenset({"diem", "stop"}))


def _cohort_day(
    tokens: tuple[str, ...], view: EventView, index: EventIndex
) -> tuple[int, frozenset[int]] | None:
    """The day of the group the question names, when the programme holds that group on one day
    only (its lines' titles name it: "Lớp 2 (UBND các xã, phường): ..."), with the tokens that
    name it: "lớp 2", or "lớp xã phường" by the words its titles give it."""
    if len({i.day for i in view.items}) < 2:
        return None
    found: list[tuple[int, frozenset[int]]] = []
    for n in range(len(tokens) - 1):
        group = next((g for g in _NUMBERED_PARTS if tokens[n] in g), None)
        if group is None:
            continue
        words: list[str] = []
        if tokens[n + 1].isdigit():
            number, used = str(int(tokens[n + 1])), frozenset({n, n + 1})
        elif group is not _COHORTS:
            continue  # ("phiên chiều": a half of the day, not a session named by its words)
        else:
            number, used = "", frozenset({n})
            for m in range(n + 1, min(n + 4, len(tokens))):
                if tokens[m] not in index.idf:
                    break
                words.append(tokens[m])
                used |= {m}
            if not words:
                continue
        parts = _numbered_parts(view, index, group)
        days = {
            day
            for day, part_number, named in parts
            if part_number == number or (words and set(words) <= set(named))
        }
        # (of a series' sessions or a roadshow's stops, one that is the whole day: "Phiên 2" is
        # that day, not "Điểm 1", "Điểm 2" and "Điểm 3" of a field trip's one day)
        one_a_day = group is _COHORTS or len({n for day, n, _ in parts if day in days}) == 1
        if len(days) == 1 and one_a_day:
            found.append((days.pop(), used))
    # ("switch from Class 1 to Class 2": two groups, no one day)
    return found[0] if len({day for day, _ in found}) == 1 else None


def _numbered_parts(
    view: EventView, index: EventIndex, group: frozenset[str]
) -> list[tuple[int, str, tuple[str, ...]]]:
    """Each part the titles number with a word of `group` ("Lớp 2", "Phiên 2"): its day, its
    number and the title's words from there on."""
    return [
        (item.day, str(int(title[k + 1])), title[k : k + 10])
        for item, title in zip(view.items, index.title_tokens, strict=True)
        for k in range(len(title) - 1)
        if title[k] in group and title[k + 1].isdigit()
    ]


# Answers about the lines, which "Sở em" asks of the asker's own agency.
_OF_AN_AGENCY = frozenset(
    {Intent.ITEM_TIME, Intent.ITEM_PRESENTER, Intent.PROGRAMME, Intent.AGENCY_TALKS, Intent.DURATION}
)
# Words that point back to the person or line of the question before ("his talk", "bài đó").
# A clause that only asks whether the rest is so or settled ("chốt chưa", "đúng không", "confirmed?").
_SETTLED_ONLY = frozenset(
    "chot chua roi dung khong ko k phai a ad vay nhi ha confirmed confirm yet fixed final is it that right correct".split()
)
_REFERS_BACK = re.compile(r"\b(?:his|her|their|its|ong ay|ba ay|anh ay|chi ay|nguoi do|bai do|phan do)\b")
_DAY_RELATIVE = frozenset({"next", "this", "coming", "sau", "toi", "nay"})
# Question words that fold like nouns: "tháng mấy" / "thang máy" (lift), "tầng mấy" / "tang may".
_LOOK_ALIKES = (("thang", "may"), ("tang", "may"))


def _asked_as_thing(tokens: tuple[str, ...]) -> bool:
    # "có thang máy không": a question word cannot be what "có ... không" asks about, so the
    # words name a thing (a lift), and a date or an address would answer another question.
    for n in range(1, len(tokens) - 1):
        if tokens[n - 1] == "co" and tuple(tokens[n : n + 2]) in _LOOK_ALIKES:
            rest = tokens[n + 2 :]
            if not rest or rest[0] in {"khong", "ko", "k", "chua"}:
                return True
    return False


# Words of the event's data that the question names and a date-or-place answer does not give.
_ELSEWHERE_AT_LEAST = 2


def _elsewhere_gate(
    answer: Answer, index: EventIndex, content: list[str], tokens: tuple[str, ...], hits: CueHits
) -> Answer:
    # "bên e (Cục Thống kê) nói lúc mấy h" answered with the event's hours: the question names
    # another part of the event's data than the answer gives (checked for the event's own date,
    # place and hours, the readings that answer when nothing more particular matched).
    if answer.abstains or not answer.evidence or not all(e.source == "field" for e in answer.evidence):
        return answer
    shown = [normalise_tokens(text) for text in message_texts(list(answer.messages))]
    said = {w for words in shown for w in words}
    said |= {w for g in lexicon().glosses(tuple(said)) for w in g}
    # ("ĐH Nha Trang" of "Trường Đại học Nha Trang": a name by its initials)
    said |= {a[0] + b[0] for words in shown for a, b in zip(words, words[1:], strict=False) if a and b}
    if answer.intent == Intent.WHERE and half_of(tokens)[0] is not None:
        # ("sáng học lý thuyết ở đâu": the half-day's lines held at the venue itself name no other
        # place)
        said |= {
            w
            for n, item in enumerate(index.view.items)
            if not placed(item.title)
            for w in index.item_words[n]
        }
    fired = {tokens[i] for i in hits.used if i < len(tokens)}
    elsewhere = [
        t
        for t in content
        if t in index.data_words
        and t not in said
        and t not in index.title_words
        and t not in fired
        and not t.isdigit()
    ]
    if len(elsewhere) < _ELSEWHERE_AT_LEAST:
        return answer
    evidence = (*answer.evidence, *(Evidence("elsewhere", t, 0.0) for t in elsewhere))
    return unsure(answer.cues, answer.question_like, answer.matched, "qa.dont_know", evidence)


def _unexplained_gate(answer: Answer, index: EventIndex, all_content: list[str]) -> Answer:
    # A word the event's data never uses ("vé tàu", "visa") means the question asks for something
    # the data does not hold: a programme line or the address would be a confident wrong answer.
    if answer.abstains or answer.intent in (Intent.GREETING, Intent.THANKS):
        return answer
    if answer.intent == Intent.FAQ and answer.confidence >= FAQ_STRONG / 100:
        return answer
    if answer.confidence < CONFIDENCE_THRESHOLD:
        return unsure(answer.cues, answer.question_like, answer.matched, evidence=answer.evidence)
    # A number the event never mentions ("PII 2025" at a workshop about 2023) counts too.
    # ("Sở Tài chính có bao nhiêu suất": the seats asked are what the answer counts)
    counted = SEAT_NOUNS if facts.counts_seats(answer.messages) else frozenset()
    unexplained = [
        t
        for t in all_content
        if (t.isalpha() or t.isdigit())
        and len(t) >= 3
        and t not in index.known
        and t not in HARMLESS
        and t not in counted
    ]
    if unexplained:
        # ("áo màu gì": a colour is what the note names, "áo xanh dương", not the word "màu")
        shown = " ".join(message_texts(list(answer.messages)))
        unexplained = [t for t in unexplained if t not in answered_specifics(tuple(all_content), shown)]
    if not unexplained:
        return answer
    evidence = (*answer.evidence, *(Evidence("unexplained", t, 0.0) for t in unexplained))
    return unsure(answer.cues, answer.question_like, answer.matched, "qa.dont_know", evidence)
