"""Digital signature verification (PDF CMS/PAdES, OOXML) and the trust store.

Import the submodules directly (``nd30check.signatures.pdf``, ``.trust``): this package
imports nothing heavy, so unsigned documents never pay for pyHanko.
"""
