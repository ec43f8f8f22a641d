"""nd30check: kiểm tra thể thức văn bản hành chính theo Nghị định 30/2020/NĐ-CP và chữ ký số."""

__version__ = "0.1.0"

import warnings as _warnings

# Deprecation notices of third-party libraries (pyHanko importing cryptography's DSA, say) are
# for their developers: a clerk's stderr stays clean. Our own code's warnings still show.
_warnings.filterwarnings(
    "ignore", message=r"(?i).*deprecat",
    module=r"(pyhanko|pyhanko_certvalidator|asn1crypto|oscrypto|pypdf|docx|lxml|aiohttp|tzlocal|uharfbuzz)(\.|$)")
