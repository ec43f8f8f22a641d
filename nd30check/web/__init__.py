"""``nd30check serve``: a local web page to self-check drafts in the browser.

A teacher or a school clerk drops .docx/.pdf files (or a folder) on the page and sees, in
Vietnamese first, each file's verdict, its findings grouped by the part of the document with
how to fix them, and every finding marked on a picture of its page.

The web layer sits on top of ``batch``/``check`` and the JSON contract: uploads go to a
private temporary folder, are checked by the same worker processes as the command line (time
and memory limits), and are deleted before the answer is sent. Modules:

* ``security`` — Host check (DNS rebinding), the token for state-changing requests, headers;
* ``upload`` — streaming multipart reader with per-file / per-request limits;
* ``queue`` — a bounded, first-come-first-served queue over the worker slots;
* ``views`` — the page's answer: contract entries plus parts, marks and rule texts;
* ``app`` — the Starlette application; ``command`` — the ``serve`` command;
* ``static/`` — the page (HTML, CSS, JS; no external assets).

Starlette and uvicorn are imported only here (the ``[web]`` extra), never by ``check``.
"""
