"""Why a rating was refused. Each is a ``UserError`` whose Chinese ``message`` can be shown to
the citizen on the rating page as is; ``http_status`` tells the web front end which status to
answer with, so the mapping lives next to the reason and not in each front end."""

from __future__ import annotations

from window_assistant.errors import UserError


class RatingError(UserError):
    """A rating the log refuses; nothing was recorded."""

    http_status = 400
    default_message = "评价未能提交。"

    def __init__(self, message: str | None = None, details: list[str] | None = None) -> None:
        super().__init__(message or self.default_message, details)


class RatingTokenInvalid(RatingError):
    """The link's token is malformed or was not signed by this centre (forged or mistyped)."""

    http_status = 403
    default_message = "评价链接无效,请向窗口工作人员索取新的评价二维码。"


class RatingExpired(RatingError):
    """The token is genuine but the rating period after the case has passed."""

    http_status = 410
    default_message = "该事项的评价期限已过,无法再评价。"


class AlreadyRated(RatingError):
    """This case already has its one rating (一次一评)."""

    http_status = 409
    default_message = "该事项已经评价过,每件事项只能评价一次。感谢您的评价!"


class RatingInputInvalid(RatingError):
    """The level, a tag or the comment is not acceptable; the message says which."""

    http_status = 400
    default_message = "评价内容不符合要求,请检查后重新提交。"


class PadNotInvited(RatingError):
    """The pad pressed on an invitation that is no longer the window's current one."""

    http_status = 409
    default_message = "请等待工作人员邀请您评价。"


class PadNotPaired(RatingError):
    """A device that is not this window's paired pad."""

    http_status = 403
    default_message = "这台设备还没有与窗口配对,不能作为窗口评价器使用。"


class PairingFailed(RatingError):
    """A wrong, expired or exhausted pairing code."""

    http_status = 403
    default_message = "配对码不正确。"
