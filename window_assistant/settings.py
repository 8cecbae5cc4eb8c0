"""Settings, each declared once with its type, default, label, check and who may change it.

Read through typed attributes (``services.settings.rating_port`` is an ``int``), never by a key
string; stored as JSON values in the store. Reading a setting nobody has written returns its
default, so adding a setting needs no migration; renaming one does, through ``RENAMED`` (old
key → new key), applied on open.

Changing settings is the ``change`` use case: it parses and checks every value, checks that the
acting account may change each setting that really changes (``permissions``), and writes the
values with one audit entry each (old → new; never the value of a secret) in one transaction.
The settings dialog shows the same checks while the user types (``setting_problem``).
"""

from __future__ import annotations

import ipaddress
import json
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from window_assistant.cases.ids import half_width
from window_assistant.errors import UserError
from window_assistant.permissions import Action, allowed
from window_assistant.store.database import Store
from window_assistant.store.peek import (
    CENTRE_NAME_DEFAULT,
    CURRENT_WINDOW_DEFAULT,
    LANGUAGE_DEFAULT,
    LANGUAGES,
)
from window_assistant.text import clean_text, lookalike_key, preview

if TYPE_CHECKING:
    from window_assistant.accounts import User

T = TypeVar("T")
Check = Callable[[T], "str | None"]

PORT_RANGE = (1024, 65535)  # ports a normal user may open
# CJK Unified Ideographs and Extension A: what a 文号 like 铁西政服告〔2026〕… is made of.
_ABBREV_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,8}")
_PHONE_RE = re.compile(r"[0-9][0-9 ()+\-/、,]{2,39}")
_HOST_LABEL_RE = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_SECRET_RE = re.compile(r"[0-9a-f]{32,128}")


# -- checks of typed values (the set-up wizard uses the centre's too) --------------------------
def centre_name_problem(value: str) -> str | None:
    if not value:
        return "请填写中心名称。"
    return "中心名称不能超过 40 个字。" if len(value) > 40 else None


def abbrev_problem(value: str) -> str | None:
    if not value:
        return "请填写文号简称,例如「铁西政服」。"
    if not _ABBREV_RE.fullmatch(value):
        return "文号简称须为 2–8 个汉字(不含数字、字母和标点),例如「铁西政服」。"
    return None


def address_problem(value: str) -> str | None:
    return None if value else "请填写中心地址。"


def phone_check(label: str) -> Check[str]:
    def problem(value: str) -> str | None:
        if not value:
            return f"请填写{label}。"
        if not _PHONE_RE.fullmatch(value) or sum(c.isdigit() for c in value) < 3:
            return f"{label}只能包含数字、空格和短横线,例如 0412-8888123 或 12345。"
        return None

    return problem


def host_problem(value: str) -> str | None:
    """The rating server needs an address phones can reach: IPv4 or a host name; empty means
    not chosen yet (then no sheet prints a QR code). A phone's 127.0.0.1 is the phone itself,
    so loopback and 0.0.0.0 are refused: the sheets of a whole day would point nowhere."""
    if not value:
        return None
    if value.rstrip(".").casefold() == "localhost" or (
        _is_ipv4(value)
        and (
            ipaddress.IPv4Address(value).is_loopback or ipaddress.IPv4Address(value).is_unspecified
        )
    ):
        return (
            f"评价服务地址不能是 {value}:手机扫码后访问的是手机自己;"
            "请选择本机的局域网地址,例如 192.168.1.20。"
        )
    if _is_ipv4(value) or _is_hostname(value):
        return None
    return "评价服务地址须为 IPv4 地址(如 192.168.1.20)或主机名(如 pingjia-pc)。"


def _is_ipv4(value: str) -> bool:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


def _is_hostname(value: str) -> bool:
    labels = value.rstrip(".").split(".")
    if len(value) > 253 or all(label.isdigit() for label in labels):
        return False  # all-numeric looks like a mistyped IPv4 address
    return all(_HOST_LABEL_RE.fullmatch(label) for label in labels)


def region_code_problem(value: str) -> str | None:
    """GB/T 2260 县级行政区划代码: the 6 digits the provincial 好差评 system files ratings under."""
    if re.fullmatch(r"[1-8][0-9]{5}", value):
        return None
    return "行政区划代码须为 6 位数字(GB/T 2260),例如鞍山市铁西区为 210303。"


def _required(label: str) -> Check[str]:
    return lambda value: None if value else f"请选择{label}。"


def _filled(label: str) -> Check[str]:
    return lambda value: None if value else f"请填写{label}。"


def _one_of(choices: Mapping[str, str], label: str) -> Check[str]:
    return lambda value: None if value in choices else f"{label}只能是:{'、'.join(choices)}。"


def _secret_problem(value: str) -> str | None:
    return None if _SECRET_RE.fullmatch(value) else "评价签名密钥须为 32–128 位十六进制小写字符。"


# -- declarations ------------------------------------------------------------------------------
class Setting(ABC, Generic[T]):
    """One setting. As a class attribute of ``Settings`` it reads as its typed value."""

    def __init__(
        self,
        key: str,
        default: T,
        label: str,
        *,
        changed_by: Action | None,
        check: Check[T] | None = None,
        secret: bool = False,
    ) -> None:
        self.key = key
        self.default = default
        self.label = label  # Chinese, as the dialog and the audit log show it
        self.changed_by = changed_by  # None: only the core itself writes it
        self.check = check
        self.secret = secret  # its value never reaches the audit log

    @overload
    def __get__(self, obj: None, owner: type[Any] | None = None) -> Setting[T]: ...

    @overload
    def __get__(self, obj: Settings, owner: type[Any] | None = None) -> T: ...

    def __get__(self, obj: Settings | None, owner: type[Any] | None = None) -> Setting[T] | T:
        return self if obj is None else obj.value(self)

    @abstractmethod
    def convert(self, raw: object) -> T:
        """The value of this type that ``raw`` (typed text or a stored JSON value) stands for;
        ValueError if there is none."""

    def kind(self) -> str:
        """What a value must be, for the message when ``convert`` fails."""
        return "一个值"

    def parse(self, raw: object) -> T:
        """The checked value, or UserError naming the setting."""
        try:
            value = self.convert(raw)
        except (TypeError, ValueError):
            raise UserError(f"「{self.label}」需要{self.kind()},收到:{raw}") from None
        problem = self.check(value) if self.check else None
        if problem:
            raise UserError(problem)
        return value

    def problem(self, raw: object) -> str | None:
        try:
            self.parse(raw)
        except UserError as exc:
            return exc.message
        return None


class TextSetting(Setting[str]):
    def convert(self, raw: object) -> str:
        if raw is None or isinstance(raw, bool):
            raise ValueError(raw)
        return str(raw).strip()

    def parse(self, raw: object) -> str:
        """Also tidied and checked as all typed text is (``text.clean_text``): a control
        character in the centre's name would break every sheet printed after it."""
        return clean_text(super().parse(raw), f"「{self.label}」")

    def kind(self) -> str:
        return "一段文字"


class IntSetting(Setting[int]):
    """A whole number within ``low``–``high``."""

    def __init__(
        self,
        key: str,
        default: int,
        label: str,
        *,
        low: int,
        high: int,
        changed_by: Action | None,
    ) -> None:
        super().__init__(key, default, label, changed_by=changed_by, check=self._in_range)
        self.low, self.high = low, high

    def _in_range(self, value: int) -> str | None:
        if self.low <= value <= self.high:
            return None
        return f"「{self.label}」须为 {self.low}–{self.high} 之间的整数。"

    def convert(self, raw: object) -> int:
        if isinstance(raw, bool):
            raise ValueError(raw)
        if isinstance(raw, int):
            return raw
        text = half_width(str(raw)).strip()  # int() alone would take ٥ and 1_000 too
        if not re.fullmatch(r"-?[0-9]{1,18}", text):
            raise ValueError(raw)
        return int(text)

    def kind(self) -> str:
        return "一个整数"


class BoolSetting(Setting[bool]):
    def convert(self, raw: object) -> bool:
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().casefold()
        if word in ("true", "1", "是", "yes"):
            return True
        if word in ("false", "0", "否", "no"):
            return False
        raise ValueError(raw)

    def kind(self) -> str:
        return "是或否"


MAX_TAGS = 12  # reason tags offered at once: one screen of buttons on a phone
MAX_TAG = 12  # characters of one tag: a short phrase on a button
# The reason tags the rating page offers (issue 9); a supervisor edits them in the settings.
GOOD_TAGS = ("热情耐心", "一次办成", "指引清楚")
BAD_TAGS = ("态度不好", "等候时间长", "多次跑腿", "材料重复提交", "一次性告知不清")
_TAG_SEPARATORS = re.compile("[\u3001,\uff0c;\uff1b\n]")  # 、 commas, semicolons (either width)


class TagsSetting(Setting[tuple[str, ...]]):
    """A set of short phrases, typed separated by 、 or commas (or given as a list); kept in
    the order given. Ratings store the words themselves, so editing the set later never changes
    what an earlier rating said."""

    def convert(self, raw: object) -> tuple[str, ...]:
        if isinstance(raw, str):
            words = _TAG_SEPARATORS.split(raw)
        elif isinstance(raw, (list, tuple)) and all(isinstance(w, str) for w in raw):
            words = list(raw)
        else:
            raise ValueError(raw)
        return tuple(w.strip() for w in words if w.strip())

    def parse(self, raw: object) -> tuple[str, ...]:
        tags = super().parse(raw)
        field = f"「{self.label}」中的标签"
        # Given as a list a tag could hold a separator, and typed again it would become two.
        joined = next((t for t in tags if _TAG_SEPARATORS.search(t)), None)
        if joined is not None:
            raise UserError(
                f"{field}「{joined}」含有顿号、逗号、分号或换行,请分成几个标签分别添加。"
            )
        cleaned = tuple(
            clean_text(tag, f"{field}「{preview(tag, MAX_TAG + 4)}」", max_length=MAX_TAG)
            for tag in tags
        )
        keys = [lookalike_key(tag) for tag in cleaned]
        twice = next((t for t, k in zip(cleaned, keys) if keys.count(k) > 1), None)
        if twice is not None:
            raise UserError(f"「{self.label}」中的标签「{twice}」重复了,每个标签只写一次。")
        if len(cleaned) > MAX_TAGS:
            raise UserError(f"「{self.label}」最多 {MAX_TAGS} 个,现有 {len(cleaned)} 个。")
        return cleaned

    def kind(self) -> str:
        return "一组标签(用顿号或逗号分隔)"


# The score of each level, 非常满意 … 非常不满意, for the average score of the figures (issue 10).
LEVEL_SCORES = (100, 80, 60, 30, 0)


class ScoresSetting(Setting[tuple[int, ...]]):
    """Five scores 0–100, one per level from 非常满意 to 非常不满意, never rising down the list
    (a worse level cannot score more than a better one)."""

    def convert(self, raw: object) -> tuple[int, ...]:
        if isinstance(raw, str):
            words = [w for w in _TAG_SEPARATORS.split(half_width(raw)) if w.strip()]
        elif isinstance(raw, (list, tuple)):
            words = list(raw)
        else:
            raise ValueError(raw)
        if any(isinstance(w, bool) for w in words):
            raise ValueError(raw)
        scores = []
        for word in words:
            text = str(word).strip()
            if not re.fullmatch(r"[0-9]{1,3}", text):
                raise ValueError(raw)
            scores.append(int(text))
        return tuple(scores)

    def parse(self, raw: object) -> tuple[int, ...]:
        scores = super().parse(raw)
        if len(scores) != 5 or any(s > 100 for s in scores):
            raise UserError(
                f"「{self.label}」须为 5 个 0–100 的分数,依次对应非常满意至非常不满意。"
            )
        if any(a < b for a, b in zip(scores, scores[1:])):
            raise UserError(f"「{self.label}」应从非常满意到非常不满意依次不升高。")
        return scores

    def kind(self) -> str:
        return "5 个分数(用逗号分隔)"


class SynonymsSetting(Setting[tuple[tuple[str, tuple[str, ...]], ...]]):
    """A supervisor's search synonyms (issue 13 §1), added to ``catalog/synonyms.json``'s:
    typed one a line as 「说法=用语、用语」, stored as a list of [说法, [用语…]]."""

    def convert(self, raw: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
        from window_assistant.catalog.synonyms import parse_synonym_lines

        try:
            return parse_synonym_lines(raw)
        except UserError:
            raise ValueError(raw) from None

    def parse(self, raw: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The checked entries, or UserError naming the line and what is wrong with it."""
        from window_assistant.catalog.synonyms import parse_synonym_lines

        try:
            return parse_synonym_lines(raw)
        except ValueError:
            raise UserError(f"「{self.label}」需要{self.kind()}。") from None

    def kind(self) -> str:
        return "每行一条「说法=用语、用语」"


_CENTRE = Action.CHANGE_CENTRE_SETTINGS
_LOCAL = Action.CHANGE_LOCAL_SETTINGS


class Settings:
    """Typed access to the settings table, and the ``change`` use case."""

    setup_completed = BoolSetting("setup.completed", False, "已完成首次设置", changed_by=None)
    centre_name = TextSetting(
        "centre.name",
        CENTRE_NAME_DEFAULT,
        "中心名称",
        changed_by=_CENTRE,
        check=centre_name_problem,
    )
    centre_abbrev = TextSetting(
        "centre.abbrev", "铁西政服", "文号简称", changed_by=_CENTRE, check=abbrev_problem
    )
    centre_address = TextSetting(
        "centre.address",
        "辽宁省鞍山市铁西区建国大道西段188号",
        "中心地址",
        changed_by=_CENTRE,
        check=address_problem,
    )
    centre_phone = TextSetting(
        "centre.phone",
        "0412-8888123",
        "咨询电话",
        changed_by=_CENTRE,
        check=phone_check("咨询电话"),
    )
    complaint_phone = TextSetting(
        "centre.complaint_phone",
        "12345",
        "监督投诉电话",
        changed_by=_CENTRE,
        check=phone_check("监督投诉电话"),
    )
    # The hash of the supervisor's password recovery code (window_assistant/recovery.py): only
    # the core writes it, a new one each time a code is shown; never audited, never shown.
    recovery_hash = TextSetting(
        "accounts.recovery", "", "负责人密码恢复码", changed_by=None, secret=True
    )
    centre_secret = TextSetting(
        "centre.secret",
        "",
        "评价签名密钥",
        changed_by=_CENTRE,
        check=_secret_problem,
        secret=True,
    )
    # Where a refused applicant may seek a remedy, printed on every 不予受理通知书: 行政复议 within
    # 60 days (《中华人民共和国行政复议法》2023 第二十条) before the review body (by default the
    # district government; a supervisor checks it), 行政诉讼 within 6 months
    # (《中华人民共和国行政诉讼法》第四十六条) before the competent court.
    review_body = TextSetting(
        "centre.review_body",
        "鞍山市铁西区人民政府",
        "行政复议机关",
        changed_by=_CENTRE,
        check=_required("行政复议机关"),
    )
    court = TextSetting(
        "centre.court",
        "有管辖权的人民法院",
        "行政诉讼法院",
        changed_by=_CENTRE,
        check=_required("行政诉讼法院"),
    )
    # The GB/T 39046 dataset names the centre's county-level region in every row (行政区划).
    region_code = TextSetting(
        "centre.region_code",
        "210303",
        "行政区划代码",
        changed_by=_CENTRE,
        check=region_code_problem,
    )
    current_window = IntSetting(
        "window.current", CURRENT_WINDOW_DEFAULT, "本机窗口", low=1, high=2**31, changed_by=_LOCAL
    )
    # Empty until someone chooses (and tests) the address phones reach: a default would be a
    # guess, and a wrong one is printed on every sheet.
    rating_host = TextSetting(
        "rating.host", "", "评价服务地址", changed_by=_CENTRE, check=host_problem
    )
    # Off until turned on with a chosen address (the set-up turns it on when its 测试 passes);
    # off, the sheets print no QR code and send the applicant to the counter's pad instead.
    rating_by_phone = BoolSetting("rating.by_phone", False, "手机扫码评价", changed_by=_CENTRE)
    rating_port = IntSetting(
        "rating.port",
        8765,
        "评价服务端口",
        low=PORT_RANGE[0],
        high=PORT_RANGE[1],
        changed_by=_CENTRE,
    )
    rating_period_days = IntSetting(
        "rating.period_days", 7, "评价期限(天)", low=1, high=90, changed_by=_CENTRE
    )
    rating_good_tags = TagsSetting("rating.good_tags", GOOD_TAGS, "好评标签", changed_by=_CENTRE)
    rating_bad_tags = TagsSetting("rating.bad_tags", BAD_TAGS, "差评标签", changed_by=_CENTRE)
    # The window locks itself after this many minutes without a key or a click (0: never), so
    # a clerk who steps away leaves no signed-in screen at the counter (issue 13 §4).
    lock_idle_minutes = IntSetting(
        "lock.idle_minutes", 10, "无操作自动锁屏(分钟)", low=0, high=240, changed_by=_CENTRE
    )
    rongque_days = IntSetting(
        "rongque.days", 5, "容缺材料补齐期限(工作日)", low=1, high=60, changed_by=_CENTRE
    )
    correction_days = IntSetting(
        "correction.days", 5, "补正材料补齐期限(工作日)", low=1, high=60, changed_by=_CENTRE
    )
    # What the 一次性补正告知书 cites for an item that is not a 行政许可 (行政许可法 §32 binds
    # 行政许可 only): the centre's own 一次性告知 commitment, in its words.
    correction_commitment = TextSetting(
        "correction.commitment",
        "本中心实行一次性告知制度：申请材料不齐全或者不符合要求的，一次性告知需要补正的全部"
        "内容；申请人按本告知书补正齐全后，予以受理。",
        "一次性告知承诺（非行政许可事项）",
        changed_by=_CENTRE,
        check=_filled("一次性告知承诺"),
    )
    # What happens when the applicant lets the 补正 deadline pass (the centre's rule).
    correction_lapse = TextSetting(
        "correction.lapse",
        "逾期未补正的，本次申请终止办理，已收材料退还申请人；申请人可以重新提出申请。",
        "逾期未补正的处理",
        changed_by=_CENTRE,
        check=_filled("逾期未补正的处理"),
    )
    # The 一次性告知书 of an item is one page: its 受理条件 and 设定依据 go on a second sheet,
    # printed when this is on (or when the clerk asks for it); a bundle's always print.
    sheet_guide_sheet = BoolSetting(
        "sheet.guide_sheet", False, "告知书附印办事指南要点页", changed_by=_CENTRE
    )
    # 送达方式 printed on the 一次性告知书 for an item whose catalog entry names none.
    sheet_delivery = TextSetting(
        "sheet.delivery",
        "窗口领取；需要邮寄送达的，请在受理时告知窗口工作人员。",
        "办理结果送达方式（默认）",
        changed_by=_CENTRE,
        check=_filled("送达方式"),
    )
    # 差评 follow-up deadlines in working days after the rating (《辽宁省政务服务"好差评"管理办法》:
    # 回访核实 within 1, complex rectification within 15; other provinces use 5, 7 or 10).
    followup_verify_days = IntSetting(
        "followup.verify_days", 1, "差评核实期限(工作日)", low=1, high=30, changed_by=_CENTRE
    )
    rating_level_scores = ScoresSetting(
        "rating.level_scores", LEVEL_SCORES, "评价等级分值", changed_by=_CENTRE
    )
    followup_rectify_days = IntSetting(
        "followup.rectify_days", 15, "差评整改期限(工作日)", low=1, high=60, changed_by=_CENTRE
    )
    # Per-step limits of the case lifecycle (cases/lifecycle.py), in working days; no law sets
    # them, the centre does: 转办 of a case received from another region, 出件 after 办结 (the
    # reminder to hand the result over), and how near a deadline counts as due soon.
    case_transfer_days = IntSetting(
        "case.transfer_days", 1, "转办期限(工作日)", low=1, high=30, changed_by=_CENTRE
    )
    case_delivery_days = IntSetting(
        "case.delivery_days", 5, "办结后出件提醒(工作日)", low=1, high=60, changed_by=_CENTRE
    )
    case_due_soon_days = IntSetting(
        "case.due_soon_days", 2, "临近到期提醒(工作日)", low=0, high=30, changed_by=_CENTRE
    )
    search_synonyms = SynonymsSetting(
        "search.synonyms", (), "检索同义词", changed_by=Action.EDIT_SYNONYMS
    )
    # 登记并打印 (Ctrl+P) sends the papers straight to this PC's default printer, no preview
    # (issue 13 §2); off, it opens the print preview. Either way Ctrl+Shift+P previews.
    print_direct = BoolSetting(
        "print.direct", False, "登记并打印时直接送默认打印机(不预览)", changed_by=_CENTRE
    )
    title_font = TextSetting(
        "print.title_font", "黑体", "标题字体", changed_by=_LOCAL, check=_required("标题字体")
    )
    body_font = TextSetting(
        "print.body_font", "仿宋", "正文字体", changed_by=_LOCAL, check=_required("正文字体")
    )
    language = TextSetting(
        "ui.language",
        LANGUAGE_DEFAULT,
        "界面语言",
        changed_by=_LOCAL,
        check=_one_of(LANGUAGES, "界面语言"),
    )
    backup_keep = IntSetting(
        "backup.keep", 14, "自动备份保留份数", low=1, high=365, changed_by=_CENTRE
    )

    def __init__(self, store: Store) -> None:
        self.store = store
        self._migrate()

    def _migrate(self) -> None:
        if not RENAMED:
            return  # nothing to rename: no write lock taken by every program that opens the file
        with self.store.transaction() as db:
            for old, new in RENAMED.items():
                db.execute("UPDATE OR IGNORE settings SET key = ? WHERE key = ?", [new, old])

    # -- reading ---------------------------------------------------------------------------
    def value(self, setting: Setting[T]) -> T:
        """The stored value, or the default when none is stored or it no longer converts."""
        row = self.store.execute(
            "SELECT value FROM settings WHERE key = ?", [setting.key]
        ).fetchone()
        return _stored_value(setting, row[0] if row else None)

    def all(self) -> dict[str, Any]:
        return {key: self.value(s) for key, s in SETTINGS.items()}

    def snapshot(self) -> Settings:
        """The settings as they are now, read in one query: the same typed attributes, for a
        use case that needs several of them at once (a rating needs four, and a query each
        was a third of its statements under load). Not a cache: each call reads afresh, so a
        change a supervisor makes in another program shows in the next snapshot."""
        # One row (a JSON object of the stored texts), not a row per setting: each row fetched
        # is another step of SQLite, another hand-over of the GIL between the server's threads.
        row = self.store.execute("SELECT json_group_object(key, value) FROM settings").fetchone()
        return _Snapshot(self.store, json.loads(row[0]))

    def may_change(self, actor: User, key: str) -> bool:
        """Whether ``actor`` may change the setting ``key`` (the dialog greys out the rest)."""
        action = SETTINGS[key].changed_by
        return action is not None and allowed(actor, action)

    # -- writing ---------------------------------------------------------------------------
    def _write(self, setting: Setting[T], value: T) -> None:
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [setting.key, json.dumps(value, ensure_ascii=False)],
            )

    def change(self, actor: User, values: Mapping[str, object]) -> dict[str, tuple[Any, Any]]:
        """Set several settings at once, all or nothing; return {key: (old, new)} of those that
        changed. Values may be typed text ("9000") or values of the setting's type."""
        from window_assistant.accounts import Accounts

        unknown = [key for key in values if key not in SETTINGS]
        if unknown:
            raise UserError(f"没有名为 {'、'.join(unknown)} 的设置。")
        parsed: dict[str, Any] = {}
        problems: list[str] = []
        for key, raw in values.items():
            try:
                parsed[key] = SETTINGS[key].parse(raw)
            except UserError as exc:
                problems.append(exc.message)
        host = parsed.get(Settings.rating_host.key, self.rating_host)
        if parsed.get(Settings.rating_by_phone.key, self.rating_by_phone) and not host:
            problems.append("开启「手机扫码评价」前,请先选择评价服务地址。")
        problems.extend(self._tags_problems(parsed))
        if problems:
            raise UserError("设置有误,没有保存任何修改:", problems)
        accounts = Accounts(self.store)
        changed: dict[str, tuple[Any, Any]] = {}
        with self.store.transaction():
            for key, new in parsed.items():
                setting = SETTINGS[key]
                old = self.value(setting)
                if old == new:
                    continue
                if setting.changed_by is None:
                    raise UserError(f"「{setting.label}」由程序自动维护,不能直接修改。")
                accounts.authorise(actor, setting.changed_by)
                if setting is Settings.current_window and accounts.window(new) is None:
                    raise UserError(f"本机窗口(编号 {new})不存在,请重新选择。")
                self._write(setting, new)
                shown = {} if setting.secret else {"old": old, "new": new}
                accounts.audit.record(
                    actor.login, "settings.change", key=key, label=setting.label, **shown
                )
                changed[key] = (old, new)
        return changed

    def _tags_problems(self, parsed: Mapping[str, Any]) -> list[str]:
        """A tag in both sets would be offered twice on the page and count both ways (checked
        when either set is being changed, so an older overlap never blocks other settings)."""
        keys = (Settings.rating_good_tags.key, Settings.rating_bad_tags.key)
        if not any(key in parsed for key in keys):
            return []
        good = parsed.get(Settings.rating_good_tags.key, self.rating_good_tags)
        bad = parsed.get(Settings.rating_bad_tags.key, self.rating_bad_tags)
        bad_keys = {lookalike_key(tag) for tag in bad}
        both = [tag for tag in good if lookalike_key(tag) in bad_keys]
        return [
            f"标签「{tag}」同时出现在「好评标签」和「差评标签」中,请只放在其中一组。"
            for tag in both
        ]

    def phone_rating_host(self) -> str:
        """The host the rating QR code points to, or "" when phones are not to rate (off, or
        no address chosen): then no QR code is printed anywhere."""
        return self.rating_host if self.rating_by_phone else ""

    def mark_set_up(self) -> None:
        """Only the first-run set-up (``setup.complete_setup``) calls this, in its transaction."""
        self._write(Settings.setup_completed, True)

    def set_recovery_hash(self, value: str) -> None:
        """Only ``recovery`` calls this, in its use case's transaction."""
        self._write(Settings.recovery_hash, value)

    def ensure_secret(self) -> None:
        """Give the installation its rating-token key the first time it is opened."""
        if not self.centre_secret:
            import secrets

            self._write(Settings.centre_secret, secrets.token_hex(32))


def _stored_value(setting: Setting[T], raw: str | None) -> T:
    """The value a stored JSON text stands for; the default when none is stored or it no
    longer converts."""
    if raw is None:
        return setting.default
    try:
        return setting.convert(json.loads(raw))
    except (TypeError, ValueError):
        return setting.default


class _Snapshot(Settings):
    """``Settings.snapshot``: a read-only view of the values read at once."""

    def __init__(self, store: Store, stored: dict[str, str]) -> None:
        self.store = store  # no _migrate: the settings it was taken from did that
        self._stored = stored

    def value(self, setting: Setting[T]) -> T:
        return _stored_value(setting, self._stored.get(setting.key))

    def snapshot(self) -> Settings:
        return self

    def _write(self, setting: Setting[T], value: T) -> None:
        raise TypeError("a settings snapshot is read-only: change through services.settings")


SETTINGS: dict[str, Setting[Any]] = {
    s.key: s for s in vars(Settings).values() if isinstance(s, Setting)
}

RENAMED: dict[str, str] = {}


def setting_problem(key: str, value: object) -> str | None:
    """What is wrong with a value typed for the setting ``key``, or None."""
    return SETTINGS[key].problem(value)
