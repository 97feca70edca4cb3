"""The schema layer: every operation of the API as a declaration, and the registry by name."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

from .._public import show_in as _show_in
from . import _typed_calls
from ._common import Created, CreatedId, Done
from ._evidence import Evidence, Source
from ._files import FileRule, FilesArgument, Upload
from ._kinds import TEXT_SAMPLE, Sample, TextSample, sample_of
from ._operation import Cardinality, Operation, Variant
from ._params import Param
from ._schema import Extra, FieldSpec, Record, Wire
from ._typed import (
    BalanceCall,
    GetOperatorCall,
    Listed,
    OpTemplatesCall,
    PingCall,
    SendCall,
    Single,
    StatusCall,
    TemplatesCall,
)
from ._values import (
    Choice,
    CostMode,
    Day,
    Detail,
    Flag,
    Integer,
    Items,
    MessageList,
    Money,
    Phone,
    SenderName,
    SendTime,
    Text,
    Translit,
    ValueType,
)
from .balance import BALANCE as _BALANCE
from .balance import Balance
from .codes import DeliveryError, StatusCode
from .info import GET_OPERATOR as _GET_OPERATOR
from .info import OperatorInfo
from .ping import PING as _PING
from .send import SEND as _SEND
from .send import Cost, PhoneDetail, Sent
from .status import STATUS as _STATUS
from .status import MessageDetails, MessageStatus
from .templates import OP_TEMPLATES as _OP_TEMPLATES
from .templates import TEMPLATES as _TEMPLATES
from .templates import OperatorTemplate, Template

if TYPE_CHECKING:  # the options of the client's send methods, and the constants of the scripts' operations
    from ._typed import Brief as Brief
    from ._typed import Details as Details
    from ._typed import MessageOptions as MessageOptions
    from ._typed import SendingOptions as SendingOptions
    from ._typed_calls import *  # noqa: F403

__all__ = [
    "BALANCE",
    "GET_OPERATOR",
    "OPERATIONS",
    "OP_TEMPLATES",
    "PING",
    "SEND",
    "STATUS",
    "TEMPLATES",
    "TEXT_SAMPLE",
    "Balance",
    "Cardinality",
    "Choice",
    "Cost",
    "CostMode",
    "Created",
    "CreatedId",
    "Day",
    "DeliveryError",
    "Detail",
    "Done",
    "Evidence",
    "Extra",
    "FieldSpec",
    "FileRule",
    "FilesArgument",
    "Flag",
    "Integer",
    "Items",
    "Listed",
    "MessageDetails",
    "MessageList",
    "MessageStatus",
    "Money",
    "Operation",
    "OperatorInfo",
    "OperatorTemplate",
    "Param",
    "Phone",
    "PhoneDetail",
    "Record",
    "Sample",
    "SendTime",
    "SenderName",
    "Sent",
    "Single",
    "Source",
    "StatusCode",
    "Template",
    "Text",
    "TextSample",
    "Translit",
    "Upload",
    "ValueType",
    "Variant",
    "Wire",
    "get_operation",
    "sample_of",
]
__all__ += _typed_calls.__all__  # the scripts' operations: PHONES_ADD …

# The public constants, each typed with its options and the reply they choose (see ``_typed``).
BALANCE = cast("BalanceCall", _BALANCE)
GET_OPERATOR = cast("GetOperatorCall", _GET_OPERATOR)
PING = cast("PingCall", _PING)
SEND = cast("SendCall", _SEND)
STATUS = cast("StatusCall", _STATUS)
TEMPLATES = cast("TemplatesCall", _TEMPLATES)
OP_TEMPLATES = cast("OpTemplatesCall", _OP_TEMPLATES)

_SENDING: tuple[Operation[Any], ...] = (GET_OPERATOR, SEND, STATUS, BALANCE, TEMPLATES, OP_TEMPLATES, PING)

_SCRIPTS: Mapping[str, tuple[str, ...]] = {
    "jobs": ("jobs_add", "jobs_get", "jobs_get_all", "jobs_del", "jobs_cancel"),
    "phones": (
        "phones_add", "phones_add_group", "phones_add_black", "phones_chg", "phones_chg_group", "phones_move_group",
        "phones_del", "phones_del_group", "phones_del_black", "phones_get", "phones_get_group",
    ),
    "users": ("users_add", "users_chg", "users_pay", "users_get_stat", "users_get_stat_all"),
    "senders": ("senders_get", "senders_add", "senders_chg", "senders_del", "senders_send_code", "senders_check_code"),
    "data": ("get_messages", "get_answers", "get_stat", "get_price", "tinyurls_get"),
    "mnp": ("get_mnp",),
    "misc": ("receive_phones_get", "receive_phones_buy", "receive_phones_chg", "wait_call", "downloads_get_list"),
    "mails": (
        "mails_add", "mails_add_group", "mails_chg", "mails_chg_group", "mails_move_group", "mails_del",
        "mails_del_group", "mails_get", "mails_get_group",
    ),
    "documents": ("documents_add_account", "get_mega_accounts"),
}  # fmt: skip
"""The management and data scripts' modules, each with the names of its ``OPERATIONS`` (a test
checks them): a module is imported when one of its operations is first looked up, as most
programs send and never manage."""


class _Registry(Mapping[str, Operation[Any]]):
    """The sending operations, then the scripts' in the order of ``_SCRIPTS``."""

    def __init__(self) -> None:
        self._loaded = {operation.name: operation for operation in _SENDING}
        self._modules = {name: module for module, names in _SCRIPTS.items() for name in names}
        self._names = (*self._loaded, *self._modules)

    def __getitem__(self, name: str) -> Operation[Any]:
        operation = self._loaded.get(name)
        if operation is None:
            module = importlib.import_module(f"{__name__}.{self._modules[name]}")
            self._loaded.update((operation.name, operation) for operation in module.OPERATIONS)
            operation = self._loaded[name]
        return operation

    def __contains__(self, name: object) -> bool:
        return name in self._loaded or name in self._modules

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"<OPERATIONS: {', '.join(self._names)}>"


OPERATIONS: Mapping[str, Operation[Any]] = _Registry()
"""Every operation, by the name the CLI and the docs use."""


def __getattr__(name: str) -> Any:
    """A script's module, or an operation's constant (``PHONES_ADD``), loaded on first use."""
    if name in _SCRIPTS:
        return importlib.import_module(f"{__name__}.{name}")
    if name.isupper() and name.lower() in OPERATIONS:
        return OPERATIONS[name.lower()]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _get_operation(name: str) -> Operation[Any]:
    """The operation called ``name``; a ``KeyError`` lists the known names."""
    try:
        return OPERATIONS[name]
    except KeyError:
        raise KeyError(f"unknown operation {name!r}; known: {', '.join(sorted(OPERATIONS))}") from None


get_operation = cast("_typed_calls.GetOperation", _get_operation)
"""The operation called ``name``; a ``KeyError`` lists the known names. A type checker knows each
name's options and reply (``get_operation("phones_get")`` answers a list of contacts)."""

_show_in(  # exported there, loaded on first use
    "smsc_formats", Balance, Cost, CostMode, Created, CreatedId, DeliveryError, Detail, Done, MessageDetails,
    MessageStatus, Operation, OperatorInfo, OperatorTemplate, PhoneDetail, Sent, StatusCode, Template, Translit,
    Upload, _get_operation,
)  # fmt: skip
