"""Write the golden replies in windows-1251 and koi8-r: Cyrillic text in every fmt.

The bodies and the expected values are written out below by hand (the Russian strings are typed
here, not produced by the library), and each body is encoded with Python's own codec for its
charset. Run it to (re)write the files under tests/data; then run tools/golden_provenance.py.

    python tools/charset_goldens.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
CHARSETS = ("windows-1251", "koi8-r")
CHARSET_QUOTE = "sending.md 1.3 [DOC S3]: charset=windows-1251 (the default), utf-8 or koi8-r"

OPERATOR = {
    "country": "Россия",
    "operator": "Билайн",
    "region": "Санкт-Петербург и Ленинградская область",
    "mcc": "250",
    "mnc": "99",
    "tz": "3",
}
OPERATOR_BODIES = {
    0: "country = Россия, operator = Билайн, region = Санкт-Петербург и Ленинградская область, "
    "mcc = 250, mnc = 99, tz = 3",
    1: "Россия,Билайн,Санкт-Петербург и Ленинградская область,250,99,3",
    2: "<info>\n<country>Россия</country>\n<operator>Билайн</operator>\n"
    "<region>Санкт-Петербург и Ленинградская область</region>\n<mcc>250</mcc>\n<mnc>99</mnc>\n<tz>3</tz>\n</info>",
    3: '{\n"country": "Россия",\n"operator": "Билайн",\n"region": "Санкт-Петербург и Ленинградская область",\n'
    '"mcc": "250",\n"mnc": "99",\n"tz": "3"\n}',
}
OPERATOR_QUOTES = {
    0: "при fmt = 0: country = <country>, operator = <operator>, region = <region>, "
    "mcc = <mcc>, mnc = <mnc>, tz = <tz>",
    1: "при fmt = 1: <country>,<operator>,<region>,<mcc>,<mnc>,<tz>",
    2: "при fmt = 2: <info><country>country</country>...<tz>tz</tz></info>",
    3: 'при fmt = 3: {"country": "<country>", ..., "tz": "<tz>"}',
}

ERROR = {"error": "Оператор не найден.", "error_code": 3}
ERROR_BODIES = {
    0: "ERROR = 3 (Оператор не найден.)",
    2: "<result>\n<error>Оператор не найден.</error>\n<error_code>3</error_code>\n</result>",
    3: '{\n"error": "Оператор не найден.",\n"error_code": 3\n}',
}
ERROR_QUOTES = {
    0: "В случае ошибки Сервер возвращает следующую строку: ERROR = N (описание); 3 Оператор не найден.",
    2: "При fmt = 2: <result><error>описание</error><error_code>N</error_code></result>; 3 Оператор не найден.",
    3: 'При fmt = 3: {"error": "описание", "error_code": N}; 3 Оператор не найден.',
}

STATUS_DATED = {
    "status": 1,
    "last_date": "15.08.2021 20:27:22",
    "last_timestamp": 1629048442,
    "send_date": "15.08.2021 20:27:20",
    "send_timestamp": 1629048440,
    "phone": "79995190557",
    "cost": "3.80",
    "sender_id": "SMSC.RU",
    "status_name": "Доставлено",
    "message": "Ваш код подтверждения: 4821",
}
STATUS = {
    0: {
        "status": 1,
        "last_date": "15.08.2021 20:27:22",
        "err": 0,
        "send_date": "15.08.2021 20:27:20",
        "phone": "79995190557",
        "cost": "3.80",
        "sender_id": "SMSC.RU",
        "status_name": "Доставлено",
        "message": "Ваш код подтверждения: 4821",
        "type": 0,
    },
    1: {
        "status": 1,
        "last_timestamp": 1629048442,
        "err": 0,
        "send_timestamp": 1629048440,
        "phone": "79995190557",
        "cost": "3.80",
        "sender_id": "SMSC.RU",
        "status_name": "Доставлено",
        "message": "Ваш код подтверждения: 4821",
        "comment": "заказ 17",
        "type": 0,
    },
    2: STATUS_DATED,
    3: STATUS_DATED,
}
STATUS_BODIES = {
    0: "Status = 1, check_time = 15.08.2021 20:27:22, err = 0, send_date = 15.08.2021 20:27:20, "
    "phone = 79995190557, cost = 3.80, sender_id = SMSC.RU, status_name = Доставлено, "
    "message = Ваш код подтверждения: 4821, type = 0",
    1: "1,1629048442,0,1629048440,79995190557,3.80,SMSC.RU,Доставлено,Ваш код подтверждения: 4821,заказ 17,0",
    2: "<sms><status>1</status><last_date>15.08.2021 20:27:22</last_date><last_timestamp>1629048442</last_timestamp>"
    "<send_date>15.08.2021 20:27:20</send_date><send_timestamp>1629048440</send_timestamp><phone>79995190557</phone>"
    "<cost>3.80</cost><sender_id>SMSC.RU</sender_id><status_name>Доставлено</status_name>"
    "<message>Ваш код подтверждения: 4821</message></sms>",
    3: '{\n"status": 1,\n"last_date": "15.08.2021 20:27:22",\n"last_timestamp": 1629048442,\n'
    '"send_date": "15.08.2021 20:27:20",\n"send_timestamp": 1629048440,\n"phone": "79995190557",\n'
    '"cost": "3.80",\n"sender_id": "SMSC.RU",\n"status_name": "Доставлено",\n'
    '"message": "Ваш код подтверждения: 4821"\n}',
}
STATUS_QUOTES = {
    0: "sending.md §4.3 [DOC S2] fmt=0 all=1: Status = <status>, check_time = <last_date>, err = <err>, "
    "send_date = <send_date>, phone = <phone>, cost = <cost>, sender_id = <sender>, status_name = <status_name>, "
    "message = <message>, …, type = <type>",
    1: "sending.md §4.3 [DOC S2] fmt=1 all=1: <status>,<last_timestamp>,<err>,<send_timestamp>,<phone>,<cost>,"
    "<sender>,<status_name>,<message>,<comment>,<type>",
    2: "sending.md §4.3 [DOC S2] fmt=2 all=1, as the real smsc.ua reply: <sms><status>…</status>…"
    "<status_name>Доставлено</status_name><message>…</message></sms>",
    3: "sending.md §4.3 [DOC S2] fmt=3 all=1: the fmt=2 fields as JSON keys, dates as strings, money a string",
}
EXTENSIONS = {0: "txt", 1: "csv", 2: "xml", 3: "json"}
XML_DECLARATION = '<?xml version="1.0" encoding="koi8-r"?>\n'


def _write(folder: str, stem: str, body: str, case: dict[str, Any], charset: str) -> None:
    fmt = case["fmt"]
    byte_exact = not (folder == "status" and fmt == 2)  # the real reply's one-line XML, not the encoder's
    if fmt == 2 and charset == "koi8-r":
        body = XML_DECLARATION + body  # the server's declaration names the charset; not written back
        byte_exact = False
    (DATA / folder / f"{stem}.{EXTENSIONS[fmt]}").write_bytes(body.encode(charset))
    case = {**case, "charset": charset, "byte_exact": byte_exact}
    text = json.dumps(case, indent=1, ensure_ascii=False) + "\n"
    (DATA / folder / f"{stem}.expected.json").write_text(text, encoding="utf-8")


def main() -> None:
    for charset in CHARSETS:
        for fmt, body in OPERATOR_BODIES.items():
            case = {"spec": f"{OPERATOR_QUOTES[fmt]}; {CHARSET_QUOTE}", "fmt": fmt, "params": {}, "expect": OPERATOR}
            _write("get_operator", f"cyrillic-fmt{fmt}-{charset}", body, case, charset)
        for fmt, body in ERROR_BODIES.items():
            case = {"spec": f"{ERROR_QUOTES[fmt]}; {CHARSET_QUOTE}", "fmt": fmt, "params": {}, "expect": ERROR}
            _write("get_operator", f"cyrillic-error-fmt{fmt}-{charset}", body, case, charset)
        for fmt, body in STATUS_BODIES.items():
            spec = f"{STATUS_QUOTES[fmt]}; {CHARSET_QUOTE}"
            case = {"spec": spec, "fmt": fmt, "params": {"all": "1"}, "expect": STATUS[fmt]}
            _write("status", f"all1-cyrillic-fmt{fmt}-{charset}", body, case, charset)


if __name__ == "__main__":
    main()
