#!/usr/bin/env python3
"""Writes the seed corpora in tests/fuzz/corpus/<target>/ from the route table's source and the
test fixtures. Run again after adding routes or fixtures; libFuzzer grows its own corpus from
these in build-fuzz/fuzz-corpus/ (not committed)."""

import json
import os
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIX = os.path.join(ROOT, "tests", "fixtures")
SEP = "\n--\n"


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def read(rel):
    with open(os.path.join(FIX, rel), encoding="utf-8") as f:
        return f.read()


def routes():
    out = []
    api = os.path.join(ROOT, "firmware", "src", "api")
    for name in sorted(os.listdir(api)):
        if name.endswith(".cpp"):
            text = open(os.path.join(api, name), encoding="utf-8").read()
            out += re.findall(r'add\(\{"([A-Z]+)", (?:std::string\()?"([^"]+)"(?:\)[^,]*)?, (?:http::)?Access::k(\w+)', text)
    return out


BODIES = [
    {"kind": "member", "login_id": "1100001", "password": "Member2026x"},
    {"agree_charter": True, "fields": {"org_name": "某市知识产权服务业协会", "uscc": "51110000MJ01234560",
                                       "contact_mobile": "13700137000", "email": "a@example.org"}},
    {"year": 2026, "member_ids": [1, 2], "contact": {"name": "陈静", "mobile": "13912345678"}},
    {"method": "wechat"},
    {"reason": "材料不全", "fields": ["uscc"], "page": 1},
    {"text": "通知", "enabled": True, "items": [{"id": 1, "value": "x"}]},
]


def main():
    shutil.rmtree(os.path.join(HERE, "corpus"), ignore_errors=True)
    table = routes()
    for i, (method, pattern, access) in enumerate(table):
        path = re.sub(r"\{[^}]+\}", "1", pattern)
        who = {"Public": "", "Session": "as: member\n", "Member": "as: member\n", "Staff": "as: admin\n"}[access]
        body = "" if method == "GET" else json.dumps(BODIES[i % len(BODIES)], ensure_ascii=False)
        ctype = "" if method == "GET" else "content-type: application/json\n"
        write("fuzz_router", f"route-{i:03d}", f"{method} {path}?page=1&q=张\n{who}{ctype}\n{body}")
    words = sorted({seg for _, p, _ in table for seg in p.split("/") if seg and not seg.startswith("{")})
    os.makedirs(os.path.join(HERE, "dict"), exist_ok=True)
    with open(os.path.join(HERE, "dict", "fuzz_router.dict"), "w", encoding="utf-8") as f:
        for w in words + ["GET ", "POST ", "PUT ", "PATCH ", "DELETE ", "HEAD ", "as: admin", "as: member",
                          "as: default", "content-type: application/json", "x-csrf-token: ", "cookie: md_session=",
                          "%00", "%2F", "..", "?page=", "&year=", "{}", "[]", "null", "-1", "99999999999999999999"]:
            f.write(json.dumps(w, ensure_ascii=False) + "\n")
    json_routes = [r for r in table if r[0] != "GET" and "notify" not in r[1]
                   and "logout" not in r[1] and "password" not in r[1]]
    for i in range(len(json_routes)):
        write("fuzz_json_body", f"route-{i:03d}", bytes([i]) + json.dumps(BODIES[i % len(BODIES)], ensure_ascii=False).encode())

    forms = {
        0: {"org_name": "北京智诚专利代理事务所（普通合伙）", "agency_code": "11001", "uscc": "91110000600037341L",
            "org_form": "合伙", "founded_on": "2010-05-01", "registered_address": "北京市海淀区中关村大街1号",
            "office_address": "北京市海淀区中关村大街1号", "postcode": "100080", "head_name": "赵一",
            "head_mobile": "13800138000", "contact_name": "钱二", "contact_mobile": "+86 139 0013 9000",
            "email": "office@zhicheng.example.com", "attorney_count": "012", "office_phone": "010-62345678"},
        1: {"name": "张伟", "qualification_no": "1100001", "gender": "男", "id_number": "110101199003071234",
            "agency_name": "北京智诚", "practice_no": "11001202001", "mobile": "13800138001",
            "email": "zhangwei@example.com", "education": "大学本科", "major": "电子工程"},
        2: {"org_name": "某市知识产权服务业协会", "uscc": "51110000MJ0123456x", "org_category": "知识产权服务业协会",
            "address": "北京市东城区某路2号", "head_name": "孙三", "contact_name": "李四",
            "contact_mobile": "13700137000", "email": "assoc@example.org", "intro": "简介\n第二行"},
        3: {"name": "周五", "id_number": "11010519850512321X", "qualification_no": "1100099", "mobile": "13600136000",
            "employer": "某科技有限公司", "email": "zhouwu@example.com"},
    }
    for t, fields in forms.items():
        text = "".join(f"{k}={v}\n" for k, v in fields.items())
        write("fuzz_application_form", f"type-{t}", bytes([t]) + text.encode())
        write("fuzz_application_form", f"type-{t}-override", bytes([t | 0x10]) + text.encode())

    agencies, attorneys = read("roster/agencies.csv"), read("roster/attorneys.csv")
    for name in sorted(os.listdir(os.path.join(FIX, "training"))):
        if name.endswith(".csv"):
            write("fuzz_csv_import", name, read("training/" + name) + SEP + agencies + SEP + attorneys)
    write("fuzz_csv_import", "quoted", '资格证号,姓名\r\n"1100001","张""伟"\r\n"unterminated' + SEP + '\ufeff机构代码,机构名称,统一社会信用代码\n' + SEP)

    vectors = json.loads(read("pay/wechat/notify-vectors.json"))
    for name in ("paid", "other_merchant"):
        v = vectors[name]
        envelope = json.dumps({"id": "EV-1", "event_type": "TRANSACTION.SUCCESS", "resource_type": "encrypt-resource",
                               "resource": v["resource"]}, ensure_ascii=False)
        write("fuzz_pay_wechat", f"signed-{name}", b"\x01" + envelope.encode())
        write("fuzz_pay_wechat", f"sealed-{name}", b"\x02" + (v["plaintext"] + SEP + "transaction").encode())
        write("fuzz_pay_wechat", f"raw-{name}", b"\x00" + (envelope + SEP + "wechatpay-timestamp:1764748800\n"
              "wechatpay-nonce:abc\nwechatpay-signature:AAAA\nwechatpay-serial:5157F09EFDC096DE15EBE81A47057A7232F1B8E1\n").encode())

    alipay = ("notify_time=2026-12-03+14%3A05%3A06&notify_type=trade_status_sync&notify_id=ac05099524730693a8b330c5ecf72da9786"
              "&app_id=2021000000000001&charset=utf-8&version=1.0&sign_type=RSA2&sign=AAAA&trade_no=2026120322001400000000000001"
              "&out_trade_no=D2026000123A1&seller_id=2088000000000001&trade_status=TRADE_SUCCESS&total_amount=300.00"
              "&receipt_amount=300.00&gmt_payment=2026-12-03+14%3A05%3A06&subject=%E4%BC%9A%E8%B4%B9")
    write("fuzz_pay_alipay", "resigned", b"\x01" + alipay.encode())
    write("fuzz_pay_alipay", "as-sent", b"\x00" + alipay.encode())
    write("fuzz_pay_alipay", "amount", b"\x00" + b"1300.05")
    write("fuzz_pay_alipay", "json", b"\x00" + b'{"alipay_trade_query_response":{"code":"10000","msg":"Success"},"sign":"x"}')


if __name__ == "__main__":
    main()
