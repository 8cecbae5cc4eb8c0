"""Who may do what: every action a use case guards, and the roles allowed to do it.

One table, read by the use cases (which call ``require`` before they validate or write) and by
the front ends (which call ``allowed`` to hide or grey out what the signed-in account may not
do). A front end never decides by role itself: a rule found in ``ui/`` or the CLI is a bug.
"""

from __future__ import annotations

from typing import Protocol

from window_assistant.errors import UserError
from window_assistant.vocab import Code, Role


class Action(Code):
    """Something only some accounts may do. The label completes 「无权…」 in a refusal."""

    MANAGE_ACCOUNTS = ("accounts.manage", "管理账号和窗口", "manage accounts and windows")
    CHANGE_CENTRE_SETTINGS = (
        "settings.centre",
        "修改中心信息、评价服务和办理期限设置",
        "change the centre, rating server and deadline settings",
    )
    CHANGE_LOCAL_SETTINGS = (
        "settings.local",
        "修改本机窗口、打印字体和界面语言",
        "change this computer's window, print fonts and language",
    )
    SHARE_CENTRE_SECRET = (
        "centre.secret",
        "导出或导入中心密钥",
        "export or import the centre's secret",
    )
    IMPORT_CATALOG = ("catalog.import", "导入事项目录", "import the catalog")
    EDIT_SYNONYMS = ("search.synonyms", "修改检索同义词", "change the search synonyms")
    VIEW_VERSIONS = ("catalog.versions", "查看目录版本记录", "view the catalog versions")
    IMPORT_WORKDAYS = ("workdays.import", "导入节假日安排", "import the holiday calendar")
    RESTORE_BACKUP = ("backup.restore", "从备份恢复数据库", "restore the database from a backup")
    REGISTER_CASE = ("case.register", "登记办件", "register cases")
    INVITE_RATING = ("rating.invite", "邀请评价", "invite a rating on the counter's pad")
    PAIR_PAD = ("pad.pair", "配对或解除窗口评价器", "pair or unpair the counter's pad")
    FOLLOW_UP = (
        "rating.follow_up",
        "处理差评(核实、整改、回访、办结、督办)",
        "follow up bad ratings",
    )
    APPEAL_RATING = ("rating.appeal", "对差评提出申诉", "appeal a bad rating")
    DECIDE_APPEAL = ("rating.decide_appeal", "复核差评申诉", "decide appeals against bad ratings")
    VIEW_ALL_RATINGS = ("ratings.view_all", "查看所有窗口的评价", "view every window's ratings")
    REPORT_RATINGS = (
        "rating.report",
        "生成好差评月度报告",
        "write the monthly rating report",
    )
    REPORT_CASES = ("cases.report", "生成办件台账月报", "write the monthly case ledger report")
    EXPORT_UNMASKED = (
        "ratings.export_unmasked",
        "导出未脱敏的评价记录(含评价意见中的电话、证件号码和评价人姓名)",
        "export ratings unmasked",
    )
    MERGE_RATINGS = ("ratings.merge", "合并其他窗口的评价记录", "merge other windows' ratings")
    IMPORT_CROSSREGION = (
        "crossregion.import",
        "导入跨域通办合作协议",
        "import the cross-region partner agreements",
    )
    RECORD_CASE_STEP = ("case.step", "记录办件的办理步骤", "record a case's steps")
    VOID_CASE = ("case.void", "作废办件", "void a case")
    OVERRIDE_ONE_TIME = (
        "case.override_one_time",
        "在再次补正告知中增加首次未告知的材料",
        "add materials to a second correction notice",
    )
    PUBLISH_CROSSREGION = (
        "crossregion.publish",
        "生成跨域通办事项公示清单",
        "publish the cross-region list",
    )


_EVERYONE = frozenset(Role)
_SUPERVISORS = frozenset({Role.SUPERVISOR})

# The whole policy. A clerk keeps what the counter needs (cases, and this PC's window, fonts
# and language, which the settings dialog has always let them change); the rest is a
# supervisor's.
ALLOWED: dict[Action, frozenset[Role]] = {
    Action.MANAGE_ACCOUNTS: _SUPERVISORS,
    Action.CHANGE_CENTRE_SETTINGS: _SUPERVISORS,
    Action.CHANGE_LOCAL_SETTINGS: _EVERYONE,
    Action.SHARE_CENTRE_SECRET: _SUPERVISORS,  # whoever holds it can sign ratings
    Action.IMPORT_CATALOG: _SUPERVISORS,
    Action.EDIT_SYNONYMS: _SUPERVISORS,  # every window's search answers by them
    Action.VIEW_VERSIONS: _SUPERVISORS,
    Action.IMPORT_WORKDAYS: _SUPERVISORS,
    Action.RESTORE_BACKUP: _SUPERVISORS,
    Action.REGISTER_CASE: _EVERYONE,
    Action.INVITE_RATING: _EVERYONE,
    Action.PAIR_PAD: _EVERYONE,
    Action.FOLLOW_UP: _SUPERVISORS,
    Action.APPEAL_RATING: _EVERYONE,  # a clerk, for the ratings of their own cases
    Action.DECIDE_APPEAL: _SUPERVISORS,
    Action.VIEW_ALL_RATINGS: _SUPERVISORS,  # a clerk sees the ratings of their own window
    Action.REPORT_RATINGS: _SUPERVISORS,  # every clerk's figures and every 差评: a supervisor's
    Action.REPORT_CASES: _SUPERVISORS,  # every clerk's cases and rates: a supervisor's paper
    Action.EXPORT_UNMASKED: _SUPERVISORS,  # what citizens typed leaves the PC as typed
    Action.MERGE_RATINGS: _SUPERVISORS,  # the centre's log, every window's: a supervisor's
    Action.IMPORT_CROSSREGION: _SUPERVISORS,  # what the centre promises its partners
    Action.PUBLISH_CROSSREGION: _EVERYONE,
    Action.RECORD_CASE_STEP: _EVERYONE,  # the window answers for its cases (首问负责)
    Action.VOID_CASE: _EVERYONE,  # a clerk their own cases only (cases/lifecycle.py)
    Action.OVERRIDE_ONE_TIME: _SUPERVISORS,  # 一次性告知: only a supervisor may add, with a reason  # the public list, printed for the counter too
}


class Actor(Protocol):
    """What a permission check needs of the acting account (``accounts.User`` has it)."""

    @property
    def login(self) -> str: ...

    @property
    def role(self) -> str: ...

    @property
    def active(self) -> bool: ...


class PermissionDenied(UserError):
    """The acting account may not do this; nothing was changed."""


def allowed(actor: Actor, action: Action) -> bool:
    """Whether ``actor`` may do ``action`` (an inactive account may do nothing)."""
    return actor.active and actor.role in ALLOWED[action]


def require(actor: Actor, action: Action) -> None:
    """Raise ``PermissionDenied`` with a Chinese message unless ``actor`` may do ``action``."""
    if allowed(actor, action):
        return
    if not actor.active:
        raise PermissionDenied(f"账号 {actor.login} 已停用,无权{action.label}。")
    who = "、".join(role.label for role in Role if role in ALLOWED[action])
    raise PermissionDenied(
        f"账号 {actor.login}({Role.parse(actor.role).label})无权{action.label},只有{who}可以。"
        "请由有权限的人员登录后操作。"
    )
