#!/usr/bin/env python3
"""Writes voices/es/currencies.txt from Unicode CLDR's Spanish currency
names (Debian's unicode-cldr-core, /usr/share/unicode/cldr/common/main/
es.xml), after the hand-written lines of Peru's own usage. Run it again
when CLDR changes; willakuy itself reads only the .txt it writes.

Usage: python3 voices/es/make-currencies.py > voices/es/currencies.txt
"""
import re
import sys
import xml.etree.ElementTree as ET

CLDR = "/usr/share/unicode/cldr/common/main/es.xml"
VERSION = "/usr/share/unicode/cldr/common/dtd/ldml.dtd"

HEAD = """\
# Currencies of the Spanish voice: "symbols and codes = gender | singular |
# plural | gender | hundredth | hundredths" (the last three when the
# currency is said with hundredths: dos soles con cincuenta céntimos).
# A symbol or code is read before a figure (S/ 2.50, US$ 10, EUR 5) or
# after it (1,50 $, 5 EUR); names written in small letters (soles, euros)
# only after it. Later lines win over earlier ones with the same form, and
# a station's own es/currencies.txt is read after this file.
#
# The first lines are Peru's usage (the sol since the 2015 law, S/; the
# old S/. still written; "$" and US$ are the US dollar, said "dólares").
# The rest is derived by make-currencies.py from Unicode CLDR %s
# (common/main/es.xml, displayName one/other and symbol), © Unicode, Inc.,
# distributed under the Unicode License (https://www.unicode.org/license.txt);
# the hundredths and the genders are ours (the noun's, or its adjective's:
# libra esterlina f, lempira hondureño m).

S/ S/. s/ PEN pen sol soles = m | sol | soles | m | céntimo | céntimos
$ US$ us$ USD usd dólar dólares = m | dólar | dólares | m | centavo | centavos
€ EUR eur euro euros = m | euro | euros | m | céntimo | céntimos
£ GBP gbp libra libras = f | libra | libras | m | penique | peniques
# Symbols shared by several currencies, said by the common name.
kr = f | corona | coronas
₩ = m | won | wones
₡ = m | colón | colones
Fr. fr = m | franco | francos
pta ptas Pts = f | peseta | pesetas
Q q = m | quetzal | quetzales | m | centavo | centavos
R$ r$ = m | real | reales
mex$ Mex$ = m | peso mexicano | pesos mexicanos | m | centavo | centavos
rs Rs = f | rupia | rupias
mk = m | marco | marcos
¥ = m | yen | yenes

# From CLDR.
"""

# Hundredths as Spanish speakers name them (céntimo in Spain and Peru,
# centavo in most of Latin America).
SUB = {"PEN": "céntimo", "EUR": "céntimo", "USD": "centavo", "GBP": "penique",
       "MXN": "centavo", "ARS": "centavo", "BOB": "centavo", "CLP": "centavo",
       "COP": "centavo", "ECS": "centavo", "GTQ": "centavo", "HNL": "centavo",
       "NIO": "centavo", "PAB": "centésimo", "PYG": "céntimo", "UYU": "centésimo",
       "VES": "céntimo", "BRL": "centavo", "CRC": "céntimo", "DOP": "centavo",
       "CUP": "centavo", "CAD": "centavo", "AUD": "centavo", "CHF": "céntimo"}
# Small-letter codes that are words, never read as money.
STOP = {"all", "cup", "gel", "ron", "top", "try", "mad", "bob", "sos", "mop",
        "ves", "lak", "bam", "cve", "mga", "dop", "ern", "yer", "lei", "nad"}
# Symbols left out: shared by several currencies (said by the lines above).
SHARED = {"$", "kr", "₩", "₡", "Fr.", "L", "Q", "R$", "¥", "£", "€", "Bs",
          "C$", "₱", "Rs", "₨", "₹"}


def gender(name):
    words = name.split()
    for w in words[1:2]:
        if w.endswith("o") or w.endswith("os"):
            return "m"
        if w.endswith("a") or w.endswith("as"):
            return "f"
    return "f" if words[0].endswith("a") else "m"


def plural_sub(s):
    return s + "s"


def main():
    try:
        version = open(VERSION, encoding="utf-8").read().split(
            'cldrVersion CDATA #FIXED "')[1].split('"')[0]
    except (OSError, IndexError):
        version = ""
    root = ET.parse(CLDR).getroot()
    out = [HEAD % version]
    seen = set()
    for c in root.find("numbers/currencies"):
        code = c.get("type")
        names = {(e.tag, e.get("count"), e.get("alt")): e.text for e in c}
        one = names.get(("displayName", "one", None))
        many = names.get(("displayName", "other", None))
        if not one or not many or code in ("PEN", "USD", "EUR", "GBP"):
            continue
        one = re.sub(r"\s*\(.*?\)", "", one).strip()
        many = re.sub(r"\s*\(.*?\)", "", many).strip()
        if not one or not many:
            continue
        forms = [code]
        if code.lower() not in STOP:
            forms.append(code.lower())
        for key in (("symbol", None, None), ("symbol", None, "narrow")):
            sym = names.get(key)
            # A lone ASCII letter (K, P, R) is never a currency symbol here:
            # after a figure it is a unit, a thousand or a race (10K).
            if sym and sym != code and sym not in SHARED and sym not in seen \
                    and not re.fullmatch(r"[A-Za-z]", sym) \
                    and " " not in sym and "=" not in sym and "|" not in sym:
                forms.append(sym)
                seen.add(sym)
        line = "%s = %s | %s | %s" % (" ".join(forms), gender(one), one, many)
        if code in SUB:
            line += " | m | %s | %s" % (SUB[code], plural_sub(SUB[code]))
        out.append(line + "\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
