"""The differently shaped events of the question-answering evaluation (no database needed).

Two are built here as drafts; the others are event files (tests/qa/events/*.yaml) read through the
real event-file loader. `docs/questions.md` describes each; `HELD_OUT_EVENTS` are those whose
questions were all held out when written (the `unseen_*` ones are never tuned on).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.domain.plan import load_event_yaml
from bot.domain.plan.draft import (
    AgencyDraft,
    AgendaDraft,
    EventDraft,
    FaqDraft,
    SeatDraft,
    VenueDraft,
)
from bot.domain.qa.view import EventView
from storage.enums import AgendaKind as K

__all__ = [
    "EVENTS",
    "HELD_OUT_EVENTS",
    "conference_draft",
    "event_views",
    "file_draft",
    "quang_tri_draft",
]

_t = dt.time.fromisoformat


def _agenda(
    rows: list[tuple[str, str, str, str | None, K] | tuple[str, str, str, str | None, K, int]],
) -> list[AgendaDraft]:
    out = []
    for row in rows:
        start, end, title, presenter, kind, *day = row
        out.append(
            AgendaDraft(
                title=title,
                start=_t(start),
                end=_t(end),
                presenter=presenter,
                kind=kind,
                day=day[0] if day else 0,
            )
        )
    return out


def quang_tri_draft() -> EventDraft:
    """A half-day workshop as in the Quảng Trị 2024 plan: four talks share one slot, no map, no FAQ."""
    return EventDraft(
        title="Hội thảo Giải pháp nâng cao Bộ chỉ số đổi mới sáng tạo (PII) tỉnh Quảng Trị",
        slug="pii-quang-tri",
        start_date=dt.date(2026, 11, 26),
        chair="Lãnh đạo Sở KH&CN",
        venue=VenueDraft(
            name="Hội trường Sở Khoa học và Công nghệ",
            address="204 Hùng Vương, TP. Đông Hà, tỉnh Quảng Trị",
            notes={
                "dress_code": "Trang phục công sở.",
                "documents": "Tài liệu hội thảo được phát tại bàn đón tiếp.",
            },
        ),
        agenda=_agenda(
            [
                ("07:30", "08:00", "Đón tiếp, đăng ký đại biểu", "BTC", K.REGISTRATION),
                ("08:00", "08:05", "Tuyên bố lý do, giới thiệu đại biểu tham dự hội thảo", "BTC", K.OPENING),
                ("08:05", "08:15", "Phát biểu khai mạc hội thảo", "Lãnh đạo Sở KH&CN", K.OPENING),
                (
                    "08:15",
                    "10:15",
                    "Báo cáo, phân tích kết quả đánh giá bộ chỉ số đổi mới sáng tạo (PII) tỉnh "
                    "Quảng Trị năm 2023 và một số giải pháp cải thiện",
                    "TP Quản lý CN&ĐMST",
                    K.TALK,
                ),
                (
                    "08:15",
                    "10:15",
                    "Phân tích điểm mạnh, điểm yếu và đánh giá kết quả ĐMST cấp địa phương năm "
                    "2023 và định hướng những năm tiếp theo",
                    "Học viện KH,CN&ĐMST - Bộ Khoa học và Công nghệ",
                    K.TALK,
                ),
                (
                    "08:15",
                    "10:15",
                    "Giải pháp triển khai hiệu quả các chính sách hỗ trợ doanh nghiệp nhỏ và vừa để "
                    "nâng cao chỉ số đổi mới sáng tạo trong doanh nghiệp",
                    "Sở Kế hoạch và Đầu tư",
                    K.TALK,
                ),
                (
                    "08:15",
                    "10:15",
                    "Chính sách phát triển, tạo môi trường thuận lợi thu hút đầu tư trong các khu "
                    "công nghiệp tỉnh",
                    "Ban Quản lý Khu kinh tế tỉnh",
                    K.TALK,
                ),
                ("10:15", "10:30", "Giải lao", "Toàn thể đại biểu", K.BREAK),
                (
                    "10:30",
                    "11:00",
                    "Trao đổi, thảo luận các nội dung để đề xuất nhiệm vụ, giải pháp",
                    "Chủ trì và đại biểu",
                    K.DISCUSSION,
                ),
                ("11:00", "11:30", "Bế mạc hội thảo", "Lãnh đạo Sở KH&CN", K.CLOSING),
            ]
        ),
        seats=[
            SeatDraft(agency=a, seats=n)
            for a, n in [
                ("UBND tỉnh", 2),
                ("Sở Khoa học và Công nghệ", 15),
                ("Sở KH&ĐT", 2),
                ("Sở GD&ĐT", 2),
                ("Ban Quản lý Khu kinh tế", 2),
                ("Cục Thống kê tỉnh", 1),
            ]
        ],
        agencies=[
            AgencyDraft(name="Sở KH&ĐT", aliases=["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]),
            AgencyDraft(name="Sở GD&ĐT", aliases=["Sở Giáo dục và Đào tạo"]),
            AgencyDraft(name="Ban Quản lý Khu kinh tế", aliases=["BQL KKT"]),
        ],
    )


def conference_draft() -> EventDraft:
    """A full-day conference: morning and afternoon sessions, lunch, FAQ, notes, a map pin."""
    return EventDraft(
        title="Hội nghị Đổi mới sáng tạo và Chuyển đổi số tỉnh Hưng Yên 2026",
        slug="hn-dmst-hung-yen",
        start_date=dt.date(2026, 11, 20),
        chair="Phó Chủ tịch UBND tỉnh",
        venue=VenueDraft(
            name="Trung tâm Hội nghị tỉnh Hưng Yên",
            address="Số 2 đường Chùa Chuông, phường Hiến Nam, tỉnh Hưng Yên",
            latitude=20.6464,
            longitude=106.0511,
            map_url="https://maps.example.org/?q=20.6464,106.0511",
            notes={
                "parking": "Ô tô đỗ tại bãi xe phía sau Trung tâm; xe máy gửi tại tầng hầm B1 (miễn phí).",
                "dress_code": "Nam: áo vest hoặc sơ mi, cà vạt; nữ: áo dài hoặc trang phục công sở.",
                "lunch": "Ăn trưa tự chọn tại nhà hàng tầng 2 của Trung tâm, 11:45–13:30.",
                "hotline": "Chị Lan, Văn phòng Sở KH&CN: 0221 3 555 888",
                "wifi": "Mạng HN-DMST, mật khẩu doimoi2026",
            },
        ),
        agenda=_agenda(
            [
                ("07:45", "08:15", "Đón tiếp đại biểu, nhận tài liệu", "Văn phòng Sở KH&CN", K.REGISTRATION),
                ("08:15", "08:30", "Văn nghệ chào mừng", "Nhà hát Chèo Hưng Yên", K.OTHER),
                ("08:30", "08:45", "Khai mạc hội nghị", "Phó Chủ tịch UBND tỉnh", K.OPENING),
                (
                    "08:45",
                    "09:30",
                    "Kết quả Bộ chỉ số PII 2025 của tỉnh Hưng Yên và bài học kinh nghiệm",
                    "Sở Khoa học và Công nghệ",
                    K.TALK,
                ),
                (
                    "09:30",
                    "10:00",
                    "Hạ tầng số và dữ liệu mở phục vụ đổi mới sáng tạo",
                    "Sở Khoa học và Công nghệ",
                    K.TALK,
                ),
                ("10:00", "10:20", "Nghỉ giải lao, tiệc trà", None, K.BREAK),
                (
                    "10:20",
                    "11:00",
                    "Thu hút đầu tư vào khu công nghiệp công nghệ cao",
                    "Sở Tài chính",
                    K.TALK,
                ),
                ("11:00", "11:45", "Thảo luận phiên sáng", "Chủ trì và đại biểu", K.DISCUSSION),
                ("11:45", "13:30", "Nghỉ trưa", None, K.BREAK),
                (
                    "13:30",
                    "14:15",
                    "Hỗ trợ doanh nghiệp khởi nghiệp sáng tạo",
                    "Trường Đại học Sư phạm Kỹ thuật Hưng Yên",
                    K.TALK,
                ),
                ("14:15", "15:00", "Chuyển đổi số trong nông nghiệp", "Sở Nông nghiệp và Môi trường", K.TALK),
                ("15:00", "15:15", "Giải lao buổi chiều", None, K.BREAK),
                ("15:15", "16:15", "Hỏi đáp và thảo luận phiên chiều", "Chủ trì và đại biểu", K.DISCUSSION),
                ("16:15", "16:45", "Tổng kết và bế mạc hội nghị", "Phó Chủ tịch UBND tỉnh", K.CLOSING),
            ]
        ),
        seats=[
            SeatDraft(agency=a, seats=n)
            for a, n in [
                ("UBND tỉnh", 3),
                ("Sở Khoa học và Công nghệ", 10),
                ("Sở Tài chính", 3),
                ("Sở Nông nghiệp và Môi trường", 2),
                ("Trường Đại học Sư phạm Kỹ thuật Hưng Yên", 2),
                ("Ngân hàng Nhà nước Khu vực 4", 1),
            ]
        ],
        agencies=[
            AgencyDraft(name="Sở Tài chính", aliases=["Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"]),
            AgencyDraft(
                name="Sở Khoa học và Công nghệ",
                short_name="Sở KH&CN",
                aliases=["Sở Thông tin và Truyền thông", "Sở TT&TT"],
            ),
            AgencyDraft(
                name="Sở Nông nghiệp và Môi trường",
                short_name="Sở NN&MT",
                aliases=["Sở Nông nghiệp và PTNT", "Sở Tài nguyên và Môi trường"],
            ),
            AgencyDraft(name="Trường Đại học Sư phạm Kỹ thuật Hưng Yên", aliases=["SPKT Hưng Yên", "UTEHY"]),
        ],
        faq=[
            FaqDraft("Có wifi cho đại biểu không?", "Có: mạng HN-DMST, mật khẩu doimoi2026."),
            FaqDraft(
                "Đại biểu có được nhận giấy chứng nhận tham dự không?",
                "Có, giấy chứng nhận được phát tại bàn đón tiếp khi ra về.",
            ),
            FaqDraft(
                "Bài trình bày (slide) có được gửi lại cho đại biểu không?",
                "Ban Tổ chức sẽ gửi slide qua email trong vòng 3 ngày sau hội nghị.",
            ),
            FaqDraft(
                "Có được cử người đi thay không?",
                "Được, xin báo tên người đi thay cho Văn phòng Sở trước 17:00 ngày 18/11/2026.",
            ),
        ],
    )


def file_draft(name: str) -> EventDraft:
    """An event file of this folder, read by the event-file loader."""
    draft, _report = load_event_yaml(Path(__file__).with_name(f"{name}.yaml").read_text(encoding="utf-8"))
    return draft


EVENTS = {
    "quang_tri": quang_tri_draft,
    "conference": conference_draft,
    "training": lambda: file_draft("training"),
    "regional": lambda: file_draft("regional"),
    "heldout_ceremony": lambda: file_draft("heldout_ceremony"),
    "heldout_meeting": lambda: file_draft("heldout_meeting"),
    "heldout_festival": lambda: file_draft("heldout_festival"),
    "heldout_online": lambda: file_draft("heldout_online"),
    "heldout_forum": lambda: file_draft("heldout_forum"),
    "heldout_lecture": lambda: file_draft("heldout_lecture"),
    "unseen_seminar": lambda: file_draft("unseen_seminar"),
    "heldout_congress": lambda: file_draft("heldout_congress"),
    "unseen_award": lambda: file_draft("unseen_award"),
    "heldout_fieldtrip": lambda: file_draft("heldout_fieldtrip"),
    "heldout_tentative": lambda: file_draft("heldout_tentative"),
    "unseen_tracks": lambda: file_draft("unseen_tracks"),
    "heldout_evening": lambda: file_draft("heldout_evening"),
    "heldout_launch": lambda: file_draft("heldout_launch"),
    "heldout_council": lambda: file_draft("heldout_council"),
    "unseen_pledge": lambda: file_draft("unseen_pledge"),
    "unseen_expo": lambda: file_draft("unseen_expo"),
    "heldout_visit": lambda: file_draft("heldout_visit"),
    "unseen_dialogue": lambda: file_draft("unseen_dialogue"),
    "heldout_hybrid": lambda: file_draft("heldout_hybrid"),
    "heldout_intl": lambda: file_draft("heldout_intl"),
    "heldout_consult": lambda: file_draft("heldout_consult"),
    "unseen_national": lambda: file_draft("unseen_national"),
    "heldout_briefing": lambda: file_draft("heldout_briefing"),
    "heldout_classes": lambda: file_draft("heldout_classes"),
    "heldout_bridge": lambda: file_draft("heldout_bridge"),
    "heldout_signing": lambda: file_draft("heldout_signing"),
    "unseen_review": lambda: file_draft("unseen_review"),
    "unseen_contest": lambda: file_draft("unseen_contest"),
    "unseen_acceptance": lambda: file_draft("unseen_acceptance"),
    "heldout_fairday": lambda: file_draft("heldout_fairday"),
    "heldout_webinar": lambda: file_draft("heldout_webinar"),
    "heldout_tvshow": lambda: file_draft("heldout_tvshow"),
    "heldout_tot": lambda: file_draft("heldout_tot"),
    "unseen_inauguration": lambda: file_draft("unseen_inauguration"),
    "unseen_papers": lambda: file_draft("unseen_papers"),
    "unseen_evenings": lambda: file_draft("unseen_evenings"),
    "unseen_expert": lambda: file_draft("unseen_expert"),
    "unseen_hackathon": lambda: file_draft("unseen_hackathon"),
    "heldout_hearing": lambda: file_draft("heldout_hearing"),
    "unseen_rescheduled": lambda: file_draft("unseen_rescheduled"),
    "unseen_twice": lambda: file_draft("unseen_twice"),
    "unseen_abroad": lambda: file_draft("unseen_abroad"),
    "unseen_delegation": lambda: file_draft("unseen_delegation"),
    "unseen_survey": lambda: file_draft("unseen_survey"),
    "unseen_womenforum": lambda: file_draft("unseen_womenforum"),
    "unseen_groups": lambda: file_draft("unseen_groups"),
    "unseen_posters": lambda: file_draft("unseen_posters"),
    "unseen_followup": lambda: file_draft("unseen_followup"),
    "unseen_series": lambda: file_draft("unseen_series"),
    "unseen_island": lambda: file_draft("unseen_island"),
    "unseen_stem": lambda: file_draft("unseen_stem"),
    "unseen_retreat": lambda: file_draft("unseen_retreat"),
    "unseen_tieregion": lambda: file_draft("unseen_tieregion"),
    "unseen_openlab": lambda: file_draft("unseen_openlab"),
    "unseen_funrun": lambda: file_draft("unseen_funrun"),
    "unseen_quarterly": lambda: file_draft("unseen_quarterly"),
    "unseen_experts": lambda: file_draft("unseen_experts"),
    "unseen_techmart": lambda: file_draft("unseen_techmart"),
    "unseen_storm": lambda: file_draft("unseen_storm"),
    "unseen_connect": lambda: file_draft("unseen_connect"),
    "unseen_ipclinic": lambda: file_draft("unseen_ipclinic"),
    "unseen_techtransfer": lambda: file_draft("unseen_techtransfer"),
    "unseen_datasprint": lambda: file_draft("unseen_datasprint"),
    "unseen_canthomart": lambda: file_draft("unseen_canthomart"),
    "unseen_youthforum": lambda: file_draft("unseen_youthforum"),
    "unseen_datadeadline": lambda: file_draft("unseen_datadeadline"),
    "unseen_dronefarm": lambda: file_draft("unseen_dronefarm"),
    "unseen_rooftopsolar": lambda: file_draft("unseen_rooftopsolar"),
    "unseen_coffeedemo": lambda: file_draft("unseen_coffeedemo"),
    "unseen_labtour": lambda: file_draft("unseen_labtour"),
    "unseen_eveningcourse": lambda: file_draft("unseen_eveningcourse"),
    "unseen_ruralclinic": lambda: file_draft("unseen_ruralclinic"),
    "unseen_matchmaking": lambda: file_draft("unseen_matchmaking"),
    "unseen_commune": lambda: file_draft("unseen_commune"),
    "unseen_cyberdrill": lambda: file_draft("unseen_cyberdrill"),
    "unseen_groundbreaking": lambda: file_draft("unseen_groundbreaking"),
}
# Events whose questions are all held out from tuning.
HELD_OUT_EVENTS = frozenset(
    {
        "heldout_ceremony",
        "heldout_meeting",
        "heldout_festival",
        "heldout_online",
        "heldout_forum",
        "heldout_lecture",
        "unseen_seminar",
        "heldout_congress",
        "unseen_award",
        "heldout_fieldtrip",
        "heldout_tentative",
        "unseen_tracks",
        "heldout_evening",
        "heldout_launch",
        "heldout_council",
        "unseen_pledge",
        "unseen_expo",
        "heldout_visit",
        "unseen_dialogue",
        "heldout_hybrid",
        "heldout_intl",
        "heldout_consult",
        "unseen_national",
        "heldout_briefing",
        "heldout_classes",
        "heldout_bridge",
        "heldout_signing",
        "unseen_review",
        "unseen_contest",
        "unseen_acceptance",
        "heldout_fairday",
        "heldout_webinar",
        "heldout_tvshow",
        "heldout_tot",
        "unseen_inauguration",
        "unseen_papers",
        "unseen_evenings",
        "unseen_expert",
        "unseen_hackathon",
        "heldout_hearing",
        "unseen_rescheduled",
        "unseen_twice",
        "unseen_abroad",
        "unseen_delegation",
        "unseen_survey",
        "unseen_womenforum",
        "unseen_groups",
        "unseen_posters",
        "unseen_followup",
        "unseen_series",
        "unseen_island",
        "unseen_stem",
        "unseen_retreat",
        "unseen_tieregion",
        "unseen_openlab",
        "unseen_funrun",
        "unseen_quarterly",
        "unseen_experts",
        "unseen_techmart",
        "unseen_storm",
        "unseen_connect",
        "unseen_ipclinic",
        "unseen_techtransfer",
        "unseen_datasprint",
        "unseen_canthomart",
        "unseen_youthforum",
        "unseen_datadeadline",
        "unseen_dronefarm",
        "unseen_rooftopsolar",
        "unseen_coffeedemo",
        "unseen_labtour",
        "unseen_eveningcourse",
        "unseen_ruralclinic",
        "unseen_matchmaking",
        "unseen_commune",
        "unseen_cyberdrill",
        "unseen_groundbreaking",
    }
)


def event_views() -> dict[str, EventView]:
    """Every event as an answering snapshot."""
    return {
        name: EventView.from_draft(make(), event_id=n) for n, (name, make) in enumerate(EVENTS.items(), 1)
    }
