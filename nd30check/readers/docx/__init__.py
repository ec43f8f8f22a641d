"""DOCX reader: the package's parts and Word's style cascade → :class:`nd30check.model.Document`.

* ``reader`` — document.xml, sections, tables, fields, drawings → paragraphs and runs;
* ``styles`` — styles.xml, docDefaults, theme fonts, numbering: the effective formatting.
"""

from .reader import read_docx

__all__ = ["read_docx"]
