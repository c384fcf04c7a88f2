"""What a question asks: weighted cue phrases per intent, and which of them fired (explainable)."""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass

from bot.domain.qa.language import ENGLISH_WORDS
from bot.domain.qa.normalise import TIME_QUESTION, holds, normalise_tokens

__all__ = [
    "Intent",
    "CueHits",
    "NOTE_TOPICS",
    "TOPIC_CUE_WORDS",
    "CUE_WORDS",
    "INTENT_CUE_WORDS",
    "OUTSIDE_WORDS",
    "OUTSIDE_WEIGHTS",
    "score_intents",
]


class Intent(enum.StrEnum):
    """The questions the bot answers from an event's data."""

    WHERE = "where"
    WHEN = "when"
    PROGRAMME = "programme"
    NOW = "now"
    NEXT = "next"
    ITEM_TIME = "item_time"
    ITEM_PRESENTER = "item_presenter"
    AGENCY_TALKS = "agency_talks"
    DURATION = "duration"
    NOTE = "note"
    FAQ = "faq"
    CALENDAR = "calendar"
    GREETING = "greeting"
    THANKS = "thanks"
    CHAIR = "chair"
    END = "end"
    PREVIOUS = "previous"
    BETWEEN = "between"
    UNKNOWN = "unknown"


# Cue phrases in the folded, abbreviation-expanded form normalise_tokens() produces.
# Weight 3 is "this alone says what is asked"; 1 is a hint that only helps another cue.
_CUES: dict[Intent, dict[str, float]] = {
    Intent.WHERE: {
        "o dau": 3,
        "tai dau": 3,
        "sang dau": 3,  # "chiều hội thảo chuyển sang đâu": where it moves to
        "dia diem": 3,
        "dia chi": 3,
        "cho nao": 3,
        "noi nao": 3,
        "where": 3,
        "venue": 3,
        "address": 3,
        "street address": 3,
        "location": 3,
        "location pin": 4,
        "pin": 2,
        "ban do": 3,
        "map": 3,
        "duong di": 3,
        "chi duong": 3,
        "directions": 3,
        "how to get": 3,
        "get there": 3,
        "phong nao": 3,
        "phong may": 3,
        "phong so may": 4,
        "phong hop so may": 4,  # a meeting room's number
        "phong hop nao": 3,
        "hoi truong nao": 3,
        "tang may": 3,
        "vi tri": 2,
        "dinh vi": 3,
        "toa nha": 2,
        "toa nha nao": 3,
        "which building": 3,
        "which room": 3,
        "which floor": 3,
        "what floor": 3,
        "which hall": 3,
        "place": 1,
        "which place": 3,
        "held": 1,
        "di bang": 1,
        "duong nao": 3,
        "o phong": 2,
        "o phong nao": 3,
        "quan nao": 3,  # "ở quán nào": which café (or district)
        "nha hang nao": 3,
        "o phong may": 3,
        "where is": 3,
        "where do we meet": 4,
        "where should we meet": 4,
        "where will we meet": 4,
        "where do we gather": 4,
        "khach san nao": 2,
        "to chuc o khach san nao": 3,  # where it is held, not which hotel to stay at
        "dien ra o khach san nao": 3,
        "hop o khach san nao": 3,
        "which hotel": 2,
        "what hotel": 2,
    },
    Intent.WHEN: {
        "sang hay chieu": 4,
        "morning or afternoon": 4,
        "buoi sang hay buoi chieu": 4,
        "bat dau": 2,
        "start": 2,
        "starts": 2,
        "begin": 2,
        "begins": 2,
        "thoi gian": 2,
        "date": 3,
        "dates": 3,  # "what dates is the delegation visiting"
        "which days": 3,
        "what days": 3,
        "ngay": 1,
        "time": 1,
        "what times": 1,  # "what times does the shuttle leave"
        "dien ra": 2,
        "vao lop": 3,
        "ngay bao nhieu": 4,
        "mung may": 4,
        # the lunar calendar's words: "mùng mấy Tết", "ngày âm lịch", "the solar date"
        "tet": 1,
        "am lich": 3,
        "duong lich": 3,
        "lunar": 1,
        "solar date": 3,
        "be there": 3,
        "get there": 2,
        "to chuc": 1,
        "finish": 1,
        "end": 1,
        "ket thuc": 1,
        "hom nay": 1,
        "ngay mai": 1,
        "tomorrow": 1,
        "today": 1,
        "thu may": 3,
        "tuan nao": 2,
        "thang may": 2,
    },
    Intent.PROGRAMME: {
        # sessions side by side (rooms.py), never "phiên dịch song song" (interpretation)
        "di dau": 3,  # "ngày thứ 3 đi đâu": where the day's programme goes (a visit)
        "phien song song": 3,
        "parallel sessions": 3,
        "parallel": 2,
        "concurrent": 2,
        "chuong trinh": 3,
        "lich trinh": 3,
        "agenda": 3,
        "programme": 3,
        "program": 3,
        "schedule": 3,
        "itinerary": 3,  # a study tour's or a mission's programme
        "noi dung": 2,
        "chu de": 2,  # "chủ đề hội thảo là gì": what the event is on, its title and lines
        "about what": 2,
        "noi ve gi": 2,
        "what is the workshop about": 4,
        "what is the conference about": 4,
        "what is the meeting about": 4,
        "what is the training about": 4,
        "what is the event about": 4,
        "topic of the": 2,
        "timeline": 3,
        "kich ban": 2,
        "nhung phan": 2,
        "nhung bai": 2,
        "hoat dong gi": 3,
        "nhung hoat dong": 3,
        "gom nhung": 2,
        "trinh tu": 2,
        "cac phan": 2,
        "lich lam viec": 3,
        "whole": 1,
        "full": 1,
        "line up": 2,
        "lineup": 2,
        "nhung gi": 1,
        "co gi": 1,
        "lich hoc": 3,
        "lich": 2,
        "hoc gi": 3,
        "hoc nhung gi": 3,
        "noi dung gi": 3,
        "may bai": 3,
        "bao nhieu bai": 3,
        "how many talks": 3,
        "how many sessions": 3,
    },
    Intent.NOW: {
        "dang dien ra": 4,
        "dang den phan": 4,
        "dang o phan": 4,
        "den phan nao roi": 4,
        "bay gio": 3,
        "hien tai": 3,
        "luc nay": 3,
        "hien gio": 3,
        "right now": 4,
        "now": 3,
        "currently": 4,
        "going on": 4,
        "happening": 3,
        "dang noi": 3,
        "dang trinh bay": 4,
        "den dau roi": 4,
        "toi dau roi": 4,
        "phan nao roi": 4,
        "at the moment": 4,
        "dang la": 3,
        "ongoing": 3,
        "dang co phan gi": 4,  # "sáng nay đang có phần gì": what is on now
        "dang co phan nao": 4,
        "dang co gi": 4,
        "dang co phien gi": 4,  # "giờ đang có phiên gì ở diễn đàn": the session on now
        "dang co phien nao": 4,
        "dang hoc gi": 4,
    },
    Intent.NEXT: {
        # "giải lao xong thì đến phần nào": what follows X, not when X ends.
        "xong thi": 4,
        "xong den": 4,
        "xong la": 4,
        "xong hoc": 4,
        "toi phan gi": 4,
        "den phan gi": 4,
        "toi phan nao": 4,
        "toi bai gi": 4,
        "den bai gi": 4,
        "thi toi gi": 4,
        "tiep theo": 4,
        "ke tiep": 4,
        "sau do": 3,
        "next": 4,
        "tiep den": 4,
        "sap toi": 3,
        "sap dien ra": 4,
        "after this": 4,
        "coming up": 4,
        "up next": 4,
        "phan sau": 3,
        "sau day": 3,
        "ke den": 4,  # "kế đến là gì"
        "lat nua": 3,  # "lát nữa có gì": shortly
        "chut nua": 3,
        "ti nua": 3,
        "after": 2,
        "sau": 1,
        "tiep": 2,
    },
    Intent.ITEM_TIME: {
        "tu may gio den may gio": 4,  # a line's start and end ("nghỉ trưa từ mấy giờ đến mấy giờ")
        "luc": 1,
        "at": 1,
        "what time is": 1,
        "noi ve": 2,
        "bai nao": 2,
        "tham luan nao": 2,
        "phan nao noi": 2,
        "which talk": 2,
        "is there a talk": 2,
        "is there a session": 2,
        "talk on": 2,
        "session on": 2,
    },
    Intent.ITEM_PRESENTER: {
        "who explains": 4,
        "who hands out": 4,
        "who comments": 4,
        "show us around": 4,  # who guides a visit
        "shows us around": 4,
        "who guides": 4,
        "who shows": 4,  # "who shows us around the cooperative"
        "ai dan": 3,
        "ai nhan xet": 4,
        "who hands": 3,
        "who awards": 4,
        "ai trao": 4,
        "who moderates": 4,
        "who leads": 4,
        "who is doing": 4,  # "who is doing the drone demo"
        "who s doing": 4,
        "who runs": 4,
        "who gives": 4,
        "who delivers": 4,
        "who hosts": 4,
        "ai trinh bay": 4,
        "ai tra loi": 4,
        "ai giai dap": 4,
        "who answers": 4,
        "ai phat bieu": 4,
        "ai noi": 4,
        "ai bao cao": 4,
        "ai chu tri": 4,
        "ai dieu hanh": 4,
        "ai phu trach": 4,
        "ai thuc hien": 4,
        "do ai": 4,
        "do phong nao": 5,
        "do don vi nao": 5,
        "do so nao": 5,
        "do co quan nao": 5,
        "ai": 3,
        "who": 4,
        "doan nao": 3,
        "speaker": 3,
        "speakers": 3,
        "presenter": 3,
        "presented by": 4,
        "nguoi trinh bay": 4,
        "dien gia": 3,
        "ai la": 3,
        "don vi nao": 3,
        "co quan nao": 3,
        "which agency": 4,
        "ai dam nhan": 4,
        "so nao": 3,
        "by whom": 4,
        "chu tri": 1,
        "which department": 4,
        "ben nao": 3,
        "ai dieu phoi": 4,
        "ai gioi thieu": 4,  # "ai giới thiệu ở Mầm Xanh": who shows the visitors round
        "dieu phoi": 2,
        "moderates": 3,
        "moderator": 3,
        "moderating": 3,
        "moderated": 3,
        "ai day": 4,
        "ai giang": 4,  # "ai giảng buổi sáng": who teaches, no "Giảng viên" named
        "ai giang day": 5,
        "giang vien": 3,
        "teaches": 1,
        "do ai day": 5,
        "teach": 1,
        "teaching": 1,
        "ai huong dan": 4,
        "thay nao": 4,  # "bài ... là của thầy nào": which teacher
        "khach moi nao": 4,  # "phần 2 có những khách mời nào": who the line's guests are
        "nhung khach moi": 3,
        "co nao": 3,
        "ong nao": 3,
        "ba nao": 3,
        "which professor": 4,
        "which speaker": 4,
        "given by": 3,
        "delivered by": 3,
        "panelists": 3,
        "panellists": 3,
        "panel members": 3,
        "on the panel": 3,
    },
    Intent.AGENCY_TALKS: {
        "tham gia phan nao": 4,  # "Sở Tài chính có tham gia phần nào không": the agency's parts
        "tham gia nhung phan nao": 4,
        "tham gia phien nao": 4,
        "bao cao phien nao": 4,  # "Cục Thống kê báo cáo phiên nào": which session is the agency's
        "trinh bay phien nao": 4,
        "bao cao buoi nao": 4,
        "trinh bay buoi nao": 4,
        "take part in": 3,
        "trinh bay gi": 4,
        "trinh bay ve gi": 4,
        "tham luan gi": 4,
        "bao cao gi": 4,
        "noi ve gi": 4,
        "phat bieu gi": 4,
        "noi gi": 4,
        "trinh bay": 2,
        "len lop": 2,
        "day phan nao": 4,  # "Sở KH&ĐT dạy chuyên đề mấy": which topic the agency teaches
        "day phan may": 4,
        "day phan gi": 4,
        "giang phan nao": 4,
        "giang phan gi": 4,
        "giang phan may": 4,
        "trinh bay phan may": 4,
        "len san khau": 2,  # "lên sân khấu lúc nào": when they appear
        "on stage": 2,
        "phu trach": 2,
        "tham luan": 1,
        "bao cao": 1,
        "phat bieu": 1,
        "present": 2,
        "presenting": 3,
        "presents": 3,
        "talking about": 3,
        "speaking about": 3,
        "teaching": 3,
        "teach": 2,
        "talk": 1,
        "talks": 1,
        "speak": 2,
        "speaking": 2,
        "what does": 2,
        "phan cua": 3,
        "noi dung cua": 3,
        "tham luan cua": 4,
        "bai cua": 3,
        "topic": 2,
        "about what": 2,
        "ve van de gi": 4,
        "chu de gi": 4,
        "co tham luan": 3,
        "co trinh bay": 3,
        "co bai": 2,
        "tra loi phan nao": 4,
        "tra loi khung gio nao": 4,
        "o khung gio nao": 4,  # "Cục Thống kê trả lời ở khung giờ nào"
        "giai dap phan nao": 4,
        "tra loi cau hoi": 2,  # a Q&A session's agencies answer in turn: "Sở GD&ĐT trả lời lúc mấy giờ"
        "tra loi": 2,
        "giai dap": 2,
    },
    Intent.DURATION: {
        "bao lau": 5,
        "keo dai": 5,
        "how long": 5,
        "how much longer": 5,  # (how far off, not a price)
        "duration": 5,
        "bao nhieu phut": 5,
        "may phut": 5,
        "bao nhieu tieng": 5,
        "may tieng": 5,
        "mat bao lau": 5,
        "lasts": 4,
        "last": 3,
        "how many minutes": 5,
        "how many hours": 5,
        "dai bao nhieu": 5,
        "trong bao lau": 5,
        "long": 2,
        "bao nhieu gio": 1,
        "may ngay": 5,
        "bao nhieu ngay": 5,
        "how many days": 5,
        "may buoi": 4,
        "bao nhieu buoi": 4,
    },
    Intent.CALENDAR: {
        "ics": 5,
        "calendar": 5,
        "add to calendar": 6,
        "them vao lich": 6,
        "file lich": 6,
        "luu lich": 6,
        "dat lich": 4,
        "lich dien thoai": 6,
        "vao lich": 5,
        "lich dt": 5,
        "google calendar": 6,
        "nhac lich": 4,
        "save to my calendar": 6,
        "them lich": 6,  # "thêm lịch tọa đàm vào điện thoại"
        "vao dien thoai": 4,
        "vao dt": 4,
    },
    Intent.GREETING: {
        "xin chao": 3,
        "chao": 2,
        "hello": 3,
        "hi": 3,
        "hey": 2,
        "alo": 3,
        "good morning": 3,
        "good afternoon": 3,
        "chao buoi sang": 3,
    },
    Intent.THANKS: {
        "cam on": 4,
        "thank": 4,
        "thanks": 4,
        "thank you": 4,
        "tks": 4,
        "thx": 4,
        "cam ta": 4,
    },
    Intent.CHAIR: {
        "truong doan": 3,  # the leader of a delegation on a study visit
        "delegation leader": 3,
        "leads the delegation": 3,
        "chu tri": 3,
        "ai chu tri": 4,
        "chu toa": 4,
        "chair": 4,
        "chairs": 4,
        "chaired": 4,
        "chairperson": 4,
        "chairman": 4,
        "chairwoman": 4,
        "nguoi chu tri": 4,
        "chu tri la ai": 5,
        "who is chairing": 5,
        "chairing": 4,
        "dieu hanh chung": 3,
        "chu tri chinh": 4,
        "who is in charge": 4,
        "in charge of the event": 5,
    },
    Intent.END: {
        "den may gio": 4,
        "toi may gio": 4,
        "until when": 4,
        "until what time": 4,
        "ket thuc": 3,
        "xong": 3,
        "finish": 3,
        "finishes": 3,
        "finished": 3,
        "end": 3,
        "ends": 3,
        "end time": 4,
        "may gio ve": 4,
        "ve luc may gio": 4,
        "duoc ve": 4,  # "mấy giờ thì được về": when it lets out
        "tan": 2,
        "tan hoc": 3,
        "tan lop": 3,
        "tan hop": 3,
        "tan buoi": 3,
        "over": 2,
        "be over": 3,
        "is over": 3,
        "wrap up": 3,
        "wraps up": 3,
        "does the forum close": 4,  # "when does it close": when it ends
        "does it close": 4,
        "close this": 3,
        "nghi luon": 2,  # "chiều còn phiên nào hay nghỉ luôn": or is it over
        "ve den": 2,  # "mấy giờ đoàn về đến Sở": back at the end
        "ve toi": 2,
        "get back": 3,
        "ve luon": 2,
        "run into": 3,  # "does it run into the evening"
        "run until": 3,
        "runs until": 3,
        "go on until": 3,
        "goes on until": 3,
        "run late": 3,
        "wrap": 1,
        "het": 1,
        "ket thuc vao": 3,
        "ket thuc luc": 4,
        "xong han": 4,
        "close today": 4,
        "closes today": 4,
        "close at": 3,
        "closes at": 3,
        "ket thuc han": 4,
    },
    Intent.PREVIOUS: {
        "truoc": 1,
        "truoc do": 3,
        "before": 2,
        "phan truoc": 3,
        "lien truoc": 3,
        "ngay truoc": 3,
        "right before": 3,
        "just before": 3,
        "comes before": 3,
        "precedes": 3,
        "vua roi": 3,  # "phần vừa rồi là gì": the part just over
        "vua xong": 3,
        "previous": 3,
    },
    Intent.BETWEEN: {"giua": 3, "between": 3, "o giua": 3, "xen giua": 3},
    # What an event's data never holds: asked for, it is forwarded rather than guessed.
    Intent.UNKNOWN: {
        "gia ve": 4,
        "ve tau": 4,
        "ve may bay": 4,
        "ve xe": 3,
        "chuc vu": 3,  # a person's position, which a programme line does not give
        "truong phong gi": 4,
        "chuc danh": 3,
        "what position": 4,
        "job title": 4,
        "dung thu may": 4,  # a ranking ("PII đứng thứ mấy cả nước"), not a weekday
        "xep thu may": 4,
        "xep hang": 3,
        "thu hang": 3,
        "ranked": 3,
        "ranking": 3,
        "xe gi": 4,  # "đi xe gì": how to travel there, which no venue note says
        "di bang gi": 4,
        "bao nhieu tien": 4,
        "how much": 4,
        "chi phi": 3,
        "who pays": 4,  # the payer, which only a FAQ entry or a note on the cost says
        "who covers": 4,
        "ai chi tra": 4,
        "ai tra tien": 4,
        "le phi": 4,
        "price": 4,
        "prices": 4,
        "cost": 4,
        "costs": 4,
        "ticket": 3,
        "tickets": 3,
        "fee": 4,
        "fees": 4,
        "train": 3,
        "flight": 3,
        "flights": 3,
        "taxi": 3,
        "xe buyt": 3,
        "bus": 3,
        "dong nghiep": 3,
        "colleague": 4,
        "colleagues": 4,
        "di cung": 3,
        "dan theo": 3,
        "dan them": 3,
        "rieng": 1,
        "plus one": 4,
        "thoi tiet": 4,
        "weather": 4,
        "visa": 4,
        "phong vien": 3,
        "journalist": 3,
        "journalists": 3,
        "qua luu niem": 4,
        "qua tang": 4,
        "gift": 4,
        "gifts": 4,
        "phien dich": 3,
        "thong dich": 3,
        "nguoi dich": 3,  # "có người dịch tiếng Mông không": an interpreter
        "interpretation": 3,
        "interpreter": 3,
        "translation": 3,
        "livestream": 3,
        "streamed": 3,
        "streaming": 3,
        "truc tuyen": 3,
        "online": 3,
        "zoom": 3,
        "truc tiep": 2,
        "ghi hinh": 3,
        "ghi am": 3,
        "recording": 3,
        "recorded": 3,
        "giay chung nhan": 3,
        "chung nhan": 3,
        "certificate": 3,
        "certificates": 3,
        "slide": 3,
        "slides": 3,
        "ban ghi": 2,
        "video": 3,
        "anh": 1,
        "photos": 3,
        "chup anh": 3,
        "bao nhieu nguoi": 3,
        "bao nhieu dai bieu": 3,
        "how many people": 3,
        "how many participants": 3,
        "tre": 1,
        "muon": 1,
        "late": 2,
        "vang mat": 3,
        "absent": 3,
        "tien di lai": 3,
        "cong tac phi": 4,
        "perdiem": 4,
        "daily allowance": 4,
        "ho tro": 2,
        "reimburse": 4,
        "reimbursement": 4,
        "allowance": 4,
        "bao hiem": 3,
        "insurance": 3,
        "tre em": 3,
        "children": 3,
        "hut thuoc": 4,
        "smoking": 4,
        "thu cung": 4,
        "quay phim": 3,
        "di thay": 2,
        "thay the": 2,
        "hoc phi": 4,
        "shuttle": 4,
        "xe dua don": 4,
        "dua don": 3,
        "san bay": 3,
        "airport": 3,
        "thi": 1,
        "kiem tra": 2,
        "exam": 3,
        "ga": 3,
        "ben xe": 3,
        "co ai don": 3,
        "bai kiem tra": 4,
        "thi cuoi khoa": 4,
        "test": 3,
        "quiz": 3,
        "nghi mot buoi": 4,
        "xin nghi": 3,
        "ve som": 3,
        "leave early": 4,
        "skip": 3,
        "co duoc": 1,
        "duoc khong": 1,
        "may i": 1,
        "am i allowed": 3,
        "refund": 4,
        "photographer": 3,
        "ngon ngu": 3,
        "language": 3,
        "can i": 1,
        "ve duoc": 3,
        "dang ky truoc": 3,
        "register in advance": 3,
        "can dang ky": 3,
        "lien hoan": 4,
        "party": 3,
        "gala": 3,
        "leave": 2,
        "can i leave": 4,
        "leave before": 3,
        "ve truoc": 3,
        "dich sang": 3,
        "tieng viet": 2,
        "tieng anh": 2,
        "co moi": 3,
        "moi ai": 3,
        "invited": 3,
        "ai tham du": 4,
        "nhung ai": 3,
        "who attends": 4,
        "who is attending": 4,
        "attendees": 3,
        "danh sach dai bieu": 4,
        "thanh phan tham du": 4,
        "cu ai": 4,
        "cu nguoi nao": 4,
        "who will be sent": 4,
        "who is invited": 4,
        "thang may": 1,
    },
}

# Practical-note topics (venue.notes keys) and the ways people ask about them.
NOTE_TOPICS: dict[str, tuple[str, ...]] = {
    "parking": (
        "gui xe",
        "do xe",
        "bai xe",
        "bai do",
        "de xe",
        "parking",
        "park",
        "car park",
        "xe may",
        "o to",
        "oto",
        "xe hoi",
        "dau xe",
        "cho do",
        "giu xe",
        "xe",
        "motorbike",
        "car",
    ),
    "dress_code": (
        "trang phuc",
        "mac gi",
        "mac the nao",
        "an mac",  # "ăn mặc sao": clothing, no meal
        "mac sao",
        "mac ao",
        "mac do cong so",  # "mặc đồ công sở hay tự do" (not "bế mạc do ai")
        "mac do gi",
        "dress",
        "dress code",
        "wear",
        "wearing",
        "vest",
        "com le",
        "dong phuc",
        "ao so mi",
        "quan ao",
        "ao dai",
        "nen mac",
        "attire",
        "can mac",
        "mac vest",
        "phai mac",
        "mac ao",
        "mac quan",
        "di dep",
        "dep le",
        "di giay",
        "sandals",
        "sandal",
        "flip flops",
        "ao thun",
        "quan jean",
        "jeans",
        "ca vat",
        "wear a tie",
        "clothes",
        "clothing",
        "what to wear",
        "ao khoac",  # what to wear against the cold
        "jacket",
        "coat",
        "ao am",
        "warm clothes",
    ),
    "lunch": (
        "an trua",
        "com trua",
        "bua trua",
        "an com",
        "lunch",
        "meal",
        "food",
        "an uong",
        "bua an",
        "tiec",
        "buffet",
        "com",
        "an",
        "eat",
        "meals",
        "an chay",
        "vegetarian",
        "catering",
        "bao an",
        "bia",  # drinks are served with a meal ("tối có bia không")
        "ruou",
        "bia ruou",
        "beer",
        "wine",
        "alcohol",
        "do uong",
        "drinks",
    ),
    "dinner": (
        "an toi",
        "bua toi",
        "com toi",
        "dinner",
        "tiec toi",
        "tiec chieu dai",
        "chieu dai",
        "welcome dinner",
        "gala dinner",
        "an sang",
        "bua sang",
        "breakfast",
    ),
    "documents": (
        "tai o dau",  # "dự thảo tải ở đâu": where to download it
        "ban in",  # printed copies
        "tai ve",
        "download",
        "tai lieu",
        "mang theo",
        "can mang",
        "bring",
        "documents",
        "document",
        "giay to",
        "giay moi",
        "can chuan bi",
        "chuan bi gi",
        "can cuoc",
        "cccd",
        "laptop",
        "materials",
        "ho so",
        "mang gi",
        "prepare",
        "papers",
        "handout",
        "handouts",
    ),
    "hotline": (
        "lien he",
        "so dien thoai",
        "dien thoai",
        "hotline",
        "tong dai",  # "số tổng đài hỗ trợ": the help line
        "contact",
        "phone",
        "goi cho ai",
        "goi ai",
        "alo ai",
        "alo cho ai",
        "who do i call",
        "who should i call",
        "who to call",
        "whom to call",
        "duong day nong",
        "email",
        "zalo",
        "call",
        "lien lac",
        "number",
        "sdt",
        "goi dien",
        "goi so",
        "xin so",
        "nguoi lien he",
        "contact person",
        "dau moi",
        "who to contact",
        "hoi ai",
        "lien lac voi ai",
        "reach",
    ),
    "wifi": (
        "wifi",
        "wi fi",
        "mat khau",
        "password",
        "internet",
        "mang wifi",
        "ket noi mang",
        "pass wifi",
        "pass",
    ),
    # Taking part online: the organisers' note on it ("Zoom, mã ..."), else honestly unknown.
    "online": (
        "online",
        "meeting password",
        "meeting id",
        "passcode",
        "mat khau phong hop",
        "mat khau zoom",
        "truc tuyen",
        "zoom",
        "ma phong",
        "ma zoom",
        "meeting id",
        "room code",
        "join online",
        "join remotely",
        "remotely",
        "hop online",
        "google meet",
        "which platform",
        "what platform",
        "connect on",
        "dial in",
    ),
    # What happens if it rains (an outdoor event's plan), else honestly unknown.
    "rain": (
        "troi mua",
        "neu mua",
        "mua thi",
        "mua to",
        "if it rains",
        "in case of rain",
        "if it rain",
        "bad weather",
    ),
    # The organisers' own transport (to a field visit, from the hotel), else honestly unknown.
    "shuttle": (
        "xe dua don",
        "dung nghi",  # "xe có dừng nghỉ dọc đường không": the coach's stops
        "rest stop",
        "plate number",
        "coach",
        "dua don",
        "xe don",
        "xe dua",
        "xe chay",
        "xe xuat phat",
        "xuat phat",
        "khoi hanh",
        "departure",
        "shuttle",
        "shuttle bus",
        "bus",
        "coach",
        "coach leave",
        "coach leaves",
        "bus leave",
        "bus leaves",
        "xe di",
        "pick up",
        "pickup",
    ),
    "accessibility": (
        "xe lan",
        "wheelchair",
        "wheelchairs",
        "lift",
        "elevator",
        "ramp",
        "duong doc",
        "loi di",
        "step free",
        "accessible",
        "accessibility",
        "khuyet tat van dong",
    ),
    "accommodation": (
        "khach san",
        "cho o",
        "cho nghi",
        "phong nghi",
        "luu tru",
        "ngu lai",
        "o lai",
        "nghi dem",
        "hotel",
        "accommodation",
        "stay",
        "overnight",
        "lodging",
        "phong o",
        "nghi lai",
        "ngu",
        "o dau qua dem",
        "bo tri phong",
    ),
}

# Longer phrases weigh more: "gửi xe" says more than "xe"; a few single words say it all.
_NOTE_WEIGHT = {1: 3.0, 2: 5.0}
_STRONG_NOTE_WORDS = frozenset(
    {
        "email",
        "hotline",
        "wifi",
        "parking",
        "password",
        "hotel",
        "accommodation",
        "zalo",
        "shuttle",
        "bus",
        "jacket",
    }
)


def _compile() -> dict[str, list[tuple[tuple[str, ...], str, float]]]:
    # Index cue phrases by first token; each entry is (phrase tokens, label, weight).
    index: dict[str, list[tuple[tuple[str, ...], str, float]]] = defaultdict(list)
    for intent, cues in _CUES.items():
        for phrase, weight in cues.items():
            tokens = normalise_tokens(phrase)
            index[tokens[0]].append((tokens, intent.value, weight))
    for topic, phrases in NOTE_TOPICS.items():
        for phrase in phrases:
            tokens = normalise_tokens(phrase)
            weight = 5.0 if phrase in _STRONG_NOTE_WORDS else _NOTE_WEIGHT.get(len(tokens), 6.0)
            index[tokens[0]].append((tokens, f"note:{topic}", weight))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))  # longest phrase first
    return dict(index)


_INDEX = _compile()
# The words of each practical topic's cue phrases.
TOPIC_CUE_WORDS = {
    topic: frozenset(w for p in phrases for w in normalise_tokens(p))
    for topic, phrases in NOTE_TOPICS.items()
}
CUE_WORDS = frozenset(word for entries in _INDEX.values() for e in entries for word in e[0])
# The words of the intent cues alone (not of the practical topics).
INTENT_CUE_WORDS = frozenset(
    w for cues in _CUES.values() for phrase in cues for w in normalise_tokens(phrase)
)
# Weight of each "outside the data" phrase, by its tokens.
OUTSIDE_WEIGHTS = {normalise_tokens(phrase): weight for phrase, weight in _CUES[Intent.UNKNOWN].items()}
# Words of the things an event's data never holds (a FAQ may still hold them).
OUTSIDE_WORDS = frozenset(
    w for phrase in _CUES[Intent.UNKNOWN] for w in normalise_tokens(phrase)
) - frozenset(
    w
    for intent, cues in _CUES.items()
    if intent != Intent.UNKNOWN
    for phrase in cues
    for w in normalise_tokens(phrase)
)


@dataclass(frozen=True)
class CueHits:
    """Scores per intent and per note topic, the cue phrases that fired, and the tokens they used."""

    scores: dict[Intent, float]
    topics: dict[str, float]
    fired: tuple[str, ...]
    # Token position -> weight of the strongest intent cue that used it (note cues and the cues
    # of things outside the data excluded).
    used: dict[int, float]
    # Token positions of practical-topic phrases of two words or more ("giấy mời", "ăn trưa").
    topic_used: frozenset[int] = frozenset()

    def phrases(self) -> set[str]:
        """The cue phrases that fired, without their labels."""
        return {cue.partition(":")[2] for cue in self.fired}

    def phrases_of(self, intent: Intent) -> list[tuple[str, ...]]:
        """The cue phrases of one intent that fired, as tokens."""
        return self._phrases_labelled(f"{intent.value}:")

    def phrases_of_topic(self, topic: str) -> list[tuple[str, ...]]:
        """The cue phrases of one practical topic that fired ("mat khau" of wifi), as tokens."""
        return self._phrases_labelled(f"note:{topic}:")

    def _phrases_labelled(self, prefix: str) -> list[tuple[str, ...]]:
        return [tuple(c[len(prefix) :].split()) for c in self.fired if c.startswith(prefix)]

    def score(self, intent: Intent) -> float:
        """The score of one intent (0 when no cue fired)."""
        return self.scores.get(intent, 0.0)

    def best_topic(self) -> tuple[str | None, float]:
        """The most asked-about note topic and its score."""
        if not self.topics:
            return None, 0.0
        topic = max(self.topics, key=lambda k: self.topics[k])
        return topic, self.topics[topic]


# What follows "thi" when it is an exam ("có thi không", "thi cuối khóa", "thi trắc nghiệm").
_EXAM_AFTER = frozenset(
    {"", "cuoi", "trac", "viet", "ket", "khong", "ko", "k", "lai", "thu", "do", "chua", "a", "ha"}
)


def _particle_thi(tokens: tuple[str, ...], i: int) -> bool:
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return after not in _EXAM_AFTER


def _formerly(tokens: tuple[str, ...], i: int) -> bool:
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return after in {"lam", "la", "day", "thuoc", "tung", "cong"} or before in {"e", "em", "toi", "minh"}


# "dự án", "phương án", "đề án", "Nghệ An", "Hội An", "an toàn", "An Giang": no eating ("ăn").
_AN_AFTER = frozenset({"du", "phuong", "de", "nghe", "hoi", "long", "binh", "van", "ban", "tu", "tuong"})
_AN_BEFORE = frozenset({"toan", "ninh", "giang", "lao", "khang", "nhien", "tam", "phu", "cu", "sinh"})


def _not_eating(tokens: tuple[str, ...], i: int) -> bool:
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return before in _AN_AFTER or after in _AN_BEFORE


def _english_article(tokens: tuple[str, ...], i: int) -> bool:
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return before in ENGLISH_WORDS or after in ENGLISH_WORDS


# Words that ask for a telephone: "số nào" beside them is a number, never "sở nào".
_PHONE_WORDS = (("dien", "thoai"), ("day", "nong"), ("hotline",), ("phone",), ("zalo",))


def score_intents(tokens: tuple[str, ...], markers: frozenset[str]) -> CueHits:
    """Match cue phrases (longest first, each token used once per intent) and add up weights."""
    scores: dict[Intent, float] = defaultdict(float)
    topics: dict[str, float] = defaultdict(float)
    fired: list[str] = []
    used: dict[int, float] = {}
    topic_used: set[int] = set()
    taken: dict[str, set[int]] = defaultdict(set)
    for i, token in enumerate(tokens):
        for phrase, label, weight in _INDEX.get(token, ()):
            end = i + len(phrase)
            if tokens[i:end] != phrase or taken[label] & set(range(i, end)):
                continue
            if token == "may" and i and tokens[i - 1] == "nha":
                continue  # "nhà máy ngày 11/12": a factory, never "how many days"
            if phrase[0] == "tiep" and i and tokens[i - 1] in {"truc", "don"}:
                continue  # "trực tiếp" (live), "đón tiếp" (welcome): never "tiếp" (next)
            if phrase == ("thi",) and _particle_thi(tokens, i):
                continue  # "bao giờ thì gửi", "muốn ... thì làm thế nào": "thì", never an exam
            if phrase == ("truoc",) and _formerly(tokens, i):
                continue  # "em trước làm ở Sở KH&CN", "(trước là Sở KH&ĐT)": formerly
            if phrase[:1] == ("den",) and tokens[max(i - 3, 0) : i] == ("tu", "may", "gio"):
                continue  # "từ mấy giờ đến mấy giờ": both ends of a line, not when it ends
            if phrase in (("who",), ("ai",)) and tokens[i + 1 : i + 2] in (
                ("pays",),
                ("covers",),
                ("chi",),
                ("tra",),
            ):
                continue  # "who pays for the bus": the payer, no presenter
            if phrase == ("tiec",) and tokens[i + 1 : i + 2] == ("tra",):
                continue  # "tiệc trà": a tea reception, no meal
            if phrase == ("now",) and tokens[end : end + 1] == ("that",):
                continue  # "now that the professor can't come": since, not the time of asking
            if phrase == ("how", "much") and tokens[end : end + 1] == ("longer",):
                continue  # "how much longer until lunch": how far off, no price
            if phrase == ("so", "nao") and any(holds(tokens, p) for p in _PHONE_WORDS):
                continue  # "đường dây nóng là số nào": which number, no department ("sở nào")
            if phrase == ("number",) and i and tokens[i - 1] == "plate":
                continue  # "the coach's plate number": no phone number
            if (
                phrase == ("dau", "moi")
                and tokens[max(i - 2, 0) : i] == ("can", "bo")
                and not {"ai", "who"} & set(tokens)
            ):
                continue  # "cán bộ đầu mối mang theo gì": the focal point's role, no contact asked
            if phrase == ("an",) and (_english_article(tokens, i) or _not_eating(tokens, i)):
                continue  # "is there an English-speaking contact", "dự án": never "ăn"
            taken[label].update(range(i, end))
            # Words of a thing the data never holds ("xe buýt") frame nothing: an answer must
            # still account for them, so they are not marked used.
            if label == Intent.UNKNOWN.value:
                pass
            elif not label.startswith("note:"):
                for position in range(i, end):
                    used[position] = max(used.get(position, 0.0), weight)
            elif len(phrase) >= 2:
                topic_used.update(range(i, end))
            fired.append(f"{label}:{' '.join(phrase)}")
            if label.startswith("note:"):
                topics[label[5:]] += weight
            else:
                scores[Intent(label)] += weight
    if TIME_QUESTION in markers:
        scores[Intent.WHEN] += 2
        scores[Intent.ITEM_TIME] += 2
        fired.append("marker:time_question")
    return CueHits(dict(scores), dict(topics), tuple(fired), used, frozenset(topic_used))
