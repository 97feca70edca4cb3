"""What a type checker knows of the public operation constants: their options, and the precise reply.

``Single[M]`` and ``Listed[M]`` are operations whose reply is known to be one ``M`` or a list of
them; ``decode`` and ``Client.call`` return exactly that. A plain ``Operation[M]`` (an option
given as a string the checker cannot read, such as ``id="5,6"``) returns ``M | list[M]``. Each
constant's ``__call__`` names its options, so a misspelt one is a type error, and picks the reply
from the options that shape it: ``SEND(cost=1)`` is a ``Single[Cost]``, ``STATUS(id=[1, 2], ...)``
a ``Listed[MessageStatus]``. All of it is for the type checker: at run time each name is
:class:`Operation` itself, and a test holds every signature to the operation's declared parameters.
Options that are no Python identifiers (``del``, ``fl[1]``) go through ``bind()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from ._operation import Operation

M = TypeVar("M")

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import datetime
    from decimal import Decimal
    from typing import Any, Literal, TypedDict, overload

    from typing_extensions import Unpack

    from ._common import Created, Done
    from ._values import CostMode, Detail, Translit
    from .balance import Balance
    from .info import OperatorInfo
    from .send import Cost, Sent
    from .status import MessageDetails, MessageStatus, StatusReply
    from .templates import OperatorTemplate, OperatorTemplateReply, Template, TemplateReply

    Flag = bool | Literal[0, 1, "0", "1"]
    On = Literal[True, 1, "1"]
    Whole = int | str
    Number = str | int
    Numbers = Number | Sequence[Number]
    Ids = Sequence[int | str]

    class Single(Operation[M]):
        """An operation whose reply is one ``M``."""

    class Listed(Operation[M]):
        """An operation whose reply is a list of ``M``."""

    class BalanceCall(Single[Balance]):
        def __call__(self, *, cur: Flag = ...) -> Single[Balance]: ...  # type: ignore[override]

    class PingCall(Single[Done]):
        def __call__(  # type: ignore[override]
            self, *, id: Whole = ..., name: str = ..., host: str = ..., info: str = ..., ok: Flag = ...
        ) -> Single[Done]: ...

    class GetOperatorCall(Single[OperatorInfo]):
        @overload  # type: ignore[override]
        def __call__(self, *, phone: str) -> Operation[OperatorInfo]: ...  # type: ignore[overload-overlap]
        @overload
        def __call__(self, *, phone: int) -> Single[OperatorInfo]: ...
        @overload
        def __call__(self, *, phone: Sequence[Number]) -> Listed[OperatorInfo]: ...
        def __call__(self, **options: Any) -> Any: ...

    class MessageOptions(TypedDict, total=False):
        """send.php's options but the numbers, the text and the price-only mode: what the
        client's send methods take besides what they are named for."""

        id: Whole
        sender: str
        translit: Translit | Whole
        tinyurl: Flag
        time: datetime | str
        tz: Whole
        period: Decimal | int | str
        freq: Whole
        flash: Flag
        bin: Whole
        push: Flag
        hlr: Flag
        ping: Flag
        mms: Flag
        mail: Flag
        call: Flag
        viber: Flag
        soc: Flag
        tg: Flag
        bot: str
        whatsapp: Flag
        fileurl: str
        subj: str
        voice: Literal["m", "m2", "w", "w2"]
        param: str
        valid: str
        maxsms: Whole
        imgcode: str
        userip: str
        err: Flag
        op: Flag
        pp: str

    class SendOptions(MessageOptions, total=False):
        phones: Numbers
        mes: str
        list: Mapping[Number, str] | str

    PriceOnly = Literal[1, "1", CostMode.PRICE_ONLY]
    Sending = Literal[0, 2, 3, "0", "2", "3", CostMode.SEND, CostMode.SEND_WITH_COST, CostMode.SEND_WITH_BALANCE]

    class SendingOptions(MessageOptions, total=False):
        cost: Sending

    class SendCall(Single[Sent]):
        @overload  # type: ignore[override]
        def __call__(self, *, cost: PriceOnly, **options: Unpack[SendOptions]) -> Single[Cost]: ...
        @overload
        def __call__(self, *, cost: Sending = ..., **options: Unpack[SendOptions]) -> Single[Sent]: ...
        @overload
        def __call__(self, *, cost: Whole, **options: Unpack[SendOptions]) -> Single[Sent | Cost]: ...
        def __call__(self, **options: Any) -> Any: ...

    Details = Literal[1, 2, "1", "2", Detail.FULL, Detail.FULL_WITH_REGION]
    Brief = Literal[0, "0", Detail.STATUS]

    class StatusCall(Single[MessageStatus]):
        @overload  # type: ignore[override]
        def __call__(self, *, id: int, phone: Number = ..., all: Brief = ...) -> Single[MessageStatus]: ...
        @overload
        def __call__(self, *, id: Ids, phone: Numbers = ..., all: Brief = ...) -> Listed[MessageStatus]: ...
        @overload
        def __call__(self, *, id: int, phone: Number = ..., all: Details) -> Single[MessageDetails]: ...
        @overload
        def __call__(self, *, id: Ids, phone: Numbers = ..., all: Details) -> Listed[MessageDetails]: ...
        @overload
        def __call__(
            self, *, id: str | Whole | Ids = ..., phone: Numbers = ..., all: Whole = ...
        ) -> Operation[StatusReply]: ...
        def __call__(self, **options: Any) -> Any: ...

    class TemplateOptions(TypedDict, total=False):
        id: Whole
        name: str
        msg: str
        format: str
        sender: str

    class TemplatesCall(Listed[Template]):
        @overload  # type: ignore[override]
        def __call__(self, *, get: On, **options: Unpack[TemplateOptions]) -> Listed[Template]: ...
        @overload
        def __call__(self, *, add: On, **options: Unpack[TemplateOptions]) -> Single[Created]: ...
        @overload
        def __call__(self, *, chg: On, **options: Unpack[TemplateOptions]) -> Single[Done]: ...
        @overload
        def __call__(
            self, *, get: Flag = ..., add: Flag = ..., chg: Flag = ..., **options: Unpack[TemplateOptions]
        ) -> Operation[TemplateReply]: ...
        def __call__(self, **options: Any) -> Any: ...

    class OperatorTemplateOptions(TypedDict, total=False):
        sender: str
        msg: str
        mts_srv: Flag
        mts_auth: Flag
        mts_trn: Flag
        mega_srv: Flag
        mega_auth: Flag
        mega_trn: Flag
        mega_adv: Flag
        bee_srv: Flag
        bee_trn: Flag
        tele2_srv: Flag
        tele2_trn: Flag
        motiv_srv: Flag
        motiv_trn: Flag

    class OpTemplatesCall(Listed[OperatorTemplate]):
        @overload  # type: ignore[override]
        def __call__(self, *, get: On, **options: Unpack[OperatorTemplateOptions]) -> Listed[OperatorTemplate]: ...
        @overload
        def __call__(self, *, add: On, **options: Unpack[OperatorTemplateOptions]) -> Single[Created]: ...
        @overload
        def __call__(
            self, *, get: Flag = ..., add: Flag = ..., chg: Flag = ..., **options: Unpack[OperatorTemplateOptions]
        ) -> Operation[OperatorTemplateReply]: ...
        def __call__(self, **options: Any) -> Any: ...

else:  # at run time, every one of them is the Operation class itself
    Single = Listed = Operation
    BalanceCall = PingCall = GetOperatorCall = SendCall = StatusCall = TemplatesCall = OpTemplatesCall = Operation
