"""nd30check: kiểm tra thể thức văn bản hành chính theo Nghị định 30/2020/NĐ-CP và chữ ký số."""

__version__ = "0.1.0"
