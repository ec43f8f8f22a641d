// nd30check serve — the page's script. Safe by construction: every piece of text that comes
// from a document or the server is put in the page with textContent / createTextNode; no
// innerHTML, no eval, no inline handlers; styles only through the CSSOM. No network beyond
// this server (the Content-Security-Policy says so too).
"use strict";
(function () {
  const UI = {
    vi: {
      title: "Tự kiểm tra thể thức văn bản",
      subtitle: "theo Nghị định 30/2020/NĐ-CP về công tác văn thư",
      profile: "Kiểm tra như", draft: "Bản dự thảo (chưa ký số)", issued: "Văn bản đã ban hành (đã ký số)",
      drop: "Kéo thả tệp .docx, .pdf hoặc cả thư mục vào đây", or: "hoặc",
      pickFiles: "Chọn tệp…", pickFolder: "Chọn thư mục…",
      footer: "nd30check chạy trên chính máy này: tệp chỉ được lưu tạm trong lúc kiểm tra rồi xóa ngay, không gửi đi đâu.",
      limits: (f, r, n) => `Tối đa ${f} MB mỗi tệp, ${r} MB và ${n} tệp mỗi lần.`,
      uploading: (p, n) => `Đang tải lên ${n} tệp… ${p}%`,
      checking: (n, s) => `Đang kiểm tra ${n} tệp… ${s} giây`,
      done: (n, s) => `Đã kiểm tra ${n} tệp trong ${s} giây.`,
      noFiles: "Không có tệp .docx hoặc .pdf nào trong những gì vừa thả.",
      tooBig: (name, mb) => `Tệp “${name}” vượt quá giới hạn ${mb} MB mỗi tệp.`,
      tooMuch: (mb) => `Tổng dung lượng vượt quá giới hạn ${mb} MB mỗi lần. Hãy chia thành nhiều lần.`,
      tooMany: (n) => `Quá nhiều tệp trong một lần (tối đa ${n}).`,
      netError: "Không kết nối được máy chủ nd30check (máy chủ đã dừng?).",
      files: "tệp", downloadHtml: "Tải báo cáo HTML", downloadJson: "Tải JSON", print: "In",
      recheck: "Kiểm tra lại",
      facts: { type_name: "Loại văn bản", number: "Số, ký hiệu", agency: "Cơ quan ban hành", parent_agency: "Cơ quan chủ quản",
               date: "Ngày", signer: "Người ký", is_appendix: "Phụ lục" },
      yes: "có",
      findings: "Lỗi và lưu ý", noFindings: "Không có lỗi nào.",
      why: "Vì sao", fix: "Cách sửa", clause: "Căn cứ", details: "Vì sao · Cách sửa · Căn cứ",
      expected: "cần", actual: "thực tế", page: "tr.", para: "đoạn", goto: "Xem trên trang",
      notEvaluated: "Chưa đánh giá được (nên văn bản là CHƯA ĐÁNH GIÁ ĐỦ):",
      signatures: "Chữ ký số", sigOk: "toàn vẹn", sigBroken: "không toàn vẹn", trusted: "tin cậy", untrusted: "chưa tin cậy",
      view: "Hình trang văn bản", viewPdf: "Trang PDF, các lỗi được khoanh ở đúng vị trí.",
      viewPaper: "Bản xem trên giấy dựng từ nội dung tệp .docx (khổ giấy, lề, phông, cỡ chữ, căn lề); ngắt trang là ước lượng.",
      viewSketch: "Không dựng được hình trang; đây là sơ đồ chữ theo vị trí đo được.",
      viewTruncated: "Văn bản dài: chỉ hiện phần đầu.",
      pageWord: "Trang", formatV: "thể thức", signatureV: "chữ ký số", unreadable: "KHÔNG ĐỌC ĐƯỢC",
      sevError: "lỗi", sevWarning: "cảnh báo", sevInfo: "thông tin",
    },
    en: {
      title: "Self-check of document format",
      subtitle: "against Decree 30/2020/NĐ-CP on clerical work",
      profile: "Check as", draft: "Draft (not signed yet)", issued: "Issued document (digitally signed)",
      drop: "Drop .docx or .pdf files, or a whole folder, here", or: "or",
      pickFiles: "Choose files…", pickFolder: "Choose a folder…",
      footer: "nd30check runs on this machine: files are kept only while they are checked, then deleted; nothing is sent anywhere.",
      limits: (f, r, n) => `At most ${f} MB per file, ${r} MB and ${n} files per check.`,
      uploading: (p, n) => `Uploading ${n} file(s)… ${p}%`,
      checking: (n, s) => `Checking ${n} file(s)… ${s} s`,
      done: (n, s) => `Checked ${n} file(s) in ${s} s.`,
      noFiles: "No .docx or .pdf file in what was dropped.",
      tooBig: (name, mb) => `File “${name}” is larger than the limit of ${mb} MB per file.`,
      tooMuch: (mb) => `The files are larger than the limit of ${mb} MB per check. Send them in several parts.`,
      tooMany: (n) => `Too many files in one check (at most ${n}).`,
      netError: "Cannot reach the nd30check server (has it stopped?).",
      files: "files", downloadHtml: "Download HTML report", downloadJson: "Download JSON", print: "Print",
      recheck: "Check again",
      facts: { type_name: "Type", number: "Number", agency: "Issuing body", parent_agency: "Parent body",
               date: "Date", signer: "Signer", is_appendix: "Appendix" },
      yes: "yes",
      findings: "Findings", noFindings: "No findings.",
      why: "Why", fix: "How to fix", clause: "Clause", details: "Why · How to fix · Clause",
      expected: "expected", actual: "actual", page: "p.", para: "para.", goto: "Show on the page",
      notEvaluated: "Could not be evaluated (so the document is INCOMPLETE):",
      signatures: "Digital signatures", sigOk: "intact", sigBroken: "NOT intact", trusted: "trusted", untrusted: "not trusted",
      view: "Page view", viewPdf: "PDF pages, each finding boxed where it is.",
      viewPaper: "Paper view built from the .docx content (paper size, margins, fonts, sizes, alignment); page breaks are estimated.",
      viewSketch: "The page could not be rendered; this is a sketch of the text at its measured places.",
      viewTruncated: "Long document: only its beginning is shown.",
      pageWord: "Page", formatV: "format", signatureV: "signatures", unreadable: "UNREADABLE",
      sevError: "error", sevWarning: "warning", sevInfo: "info",
    },
  };
  const TAKE = [".docx", ".pdf", ".doc", ".odt", ".rtf", ".docm", ".dotx"];
  const PT = 96 / 72; // CSS pixels per point

  const $ = (id) => document.getElementById(id);
  const meta = (name) => (document.querySelector(`meta[name="${name}"]`) || {}).content || "";
  const token = meta("nd30-token");
  const [maxFile, maxRequest, maxFiles] = meta("nd30-limits").split(" ").map(Number);
  const state = { lang: "vi", profile: "draft", files: [], result: null, busy: false, runs: 0 };
  // body[data-state] (ready, checking, done, error) and body[data-runs] (answers shown so far)
  // say where the page is: for people's assistive tools and for the browser test alike
  function finished(how) {
    state.busy = false;
    state.runs += 1;
    document.body.dataset.state = how;
    document.body.dataset.runs = String(state.runs);
  }
  try { state.lang = localStorage.getItem("nd30-lang") === "en" ? "en" : "vi"; } catch (e) { /* private mode */ }
  const T = () => UI[state.lang];

  // --- building DOM safely --------------------------------------------------------------
  function el(tag, opts, ...children) {
    const node = document.createElement(tag);
    if (opts) {
      if (opts.cls) node.className = opts.cls;
      if (opts.text !== undefined && opts.text !== null) node.textContent = String(opts.text);
      if (opts.title) node.title = String(opts.title);
      if (opts.data) for (const [k, v] of Object.entries(opts.data)) node.dataset[k] = String(v);
      if (opts.attrs) for (const [k, v] of Object.entries(opts.attrs)) node.setAttribute(k, String(v));
      if (opts.onclick) node.addEventListener("click", opts.onclick);
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }
  const clear = (node) => { while (node.firstChild) node.removeChild(node.firstChild); };
  const pt = (v) => `${Number(v) || 0}pt`;

  // --- static texts, language, profile ------------------------------------------------------
  function applyUi() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach((n) => {
      const v = T()[n.dataset.i18n];
      if (typeof v === "string") n.textContent = v;
    });
    $("lang-vi").classList.toggle("on", state.lang === "vi");
    $("lang-en").classList.toggle("on", state.lang === "en");
    $("limits-hint").textContent = T().limits(Math.round(maxFile / 1048576), Math.round(maxRequest / 1048576), maxFiles);
    document.title = "nd30check — " + T().title;
  }
  function setLang(lang) {
    if (lang === state.lang) return;
    state.lang = lang;
    try { localStorage.setItem("nd30-lang", lang); } catch (e) { /* ignore */ }
    applyUi();
    if (state.files.length) send(state.files); // messages come from the server in the chosen language
  }

  // --- collecting files (pick, drop, folders) -----------------------------------------------
  const wanted = (name) => TAKE.some((s) => name.toLowerCase().endsWith(s));

  function readEntry(entry, out) {
    return new Promise((resolve) => {
      if (entry.isFile) {
        entry.file((f) => { if (wanted(f.name)) out.push({ file: f, name: entry.fullPath.replace(/^\/+/, "") }); resolve(); },
          () => resolve());
      } else if (entry.isDirectory) {
        const reader = entry.createReader();
        const all = [];
        const next = () => reader.readEntries((batch) => {
          if (!batch.length) { Promise.all(all.map((e) => readEntry(e, out))).then(() => resolve()); return; }
          all.push(...batch); next();
        }, () => resolve());
        next();
      } else resolve();
    });
  }

  async function fromDrop(dt) {
    const out = [];
    const items = dt.items ? Array.from(dt.items) : [];
    const entries = items.map((it) => (it.webkitGetAsEntry ? it.webkitGetAsEntry() : null)).filter(Boolean);
    if (entries.length) {
      for (const e of entries) {
        if (e.isFile) { // a file dropped by itself is always taken: its type is read from its bytes
          await new Promise((res) => e.file((f) => { out.push({ file: f, name: f.name }); res(); }, () => res()));
        } else await readEntry(e, out);
      }
    } else {
      for (const f of Array.from(dt.files || [])) out.push({ file: f, name: f.name });
    }
    return out;
  }

  function fromInput(input, folder) {
    return Array.from(input.files || []).filter((f) => !folder || wanted(f.name))
      .map((f) => ({ file: f, name: (folder && f.webkitRelativePath) || f.name }));
  }

  // --- sending ---------------------------------------------------------------------------
  function showError(message) {
    const box = $("error");
    box.textContent = message;
    box.hidden = !message;
  }

  function status(text, fraction, busy) {
    $("status").hidden = false;
    $("status-text").textContent = text;
    const bar = $("progress-fill").parentElement;
    bar.classList.toggle("busy", !!busy);
    $("progress-fill").style.width = `${Math.round((fraction || 0) * 100)}%`;
  }

  function send(files) {
    showError("");
    const refuse = (msg) => { showError(msg); finished("error"); };
    if (!files.length) { refuse(T().noFiles); return; }
    if (files.length > maxFiles) { refuse(T().tooMany(maxFiles)); return; }
    let total = 0;
    for (const f of files) {
      if (f.file.size > maxFile) { refuse(T().tooBig(f.name, Math.round(maxFile / 1048576))); return; }
      total += f.file.size;
    }
    if (total > maxRequest) { refuse(T().tooMuch(Math.round(maxRequest / 1048576))); return; }
    files = files.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    state.files = files;
    state.busy = true;
    document.body.dataset.state = "checking";
    const fd = new FormData();
    for (const f of files) fd.append("file", f.file, f.name);
    const xhr = new XMLHttpRequest();
    const t0 = performance.now();
    let timer = null;
    const n = files.length;
    xhr.open("POST", `/api/check?profile=${encodeURIComponent(state.profile)}&lang=${encodeURIComponent(state.lang)}`);
    xhr.setRequestHeader("X-ND30-Token", token);
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) status(T().uploading(Math.round((100 * e.loaded) / e.total), n), (0.4 * e.loaded) / e.total);
    };
    xhr.upload.onload = () => {
      const tick = () => status(T().checking(n, ((performance.now() - t0) / 1000).toFixed(0)), 0.5, true);
      tick();
      timer = setInterval(tick, 500);
    };
    xhr.onerror = () => { clearInterval(timer); $("status").hidden = true; showError(T().netError); finished("error"); };
    xhr.onload = () => {
      clearInterval(timer);
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      if (xhr.status !== 200 || !data || !data.files) {
        $("status").hidden = true;
        showError((data && data.error && data.error.message) || `HTTP ${xhr.status}`);
        finished("error");
        return;
      }
      state.result = data;
      render(data);
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      status(T().done(n, secs), 1, false);
      document.body.dataset.renderMs = String(Math.round(performance.now() - t0));
      finished("done");
    };
    status(T().uploading(0, n), 0, false);
    xhr.send(fd);
  }

  // --- rendering the answer ----------------------------------------------------------------
  function verdictClass(entry) { return entry.error ? "v-unreadable" : `v-${entry.verdict}`; }

  function download(text, name, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = el("a", { attrs: { href: url, download: name } });
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  function render(data) {
    const res = $("results");
    clear(res);
    const web = data.web || {};
    renderSummary(data, web);
    data.files.forEach((entry, i) => res.appendChild(renderFile(entry, i, web)));
    res.querySelectorAll(".paper").forEach((p) => paginate(p));
    fitViews();
  }

  function renderSummary(data, web) {
    const box = $("summary");
    clear(box);
    box.hidden = false;
    const s = data.summary || {};
    const counts = el("div", { cls: "counts" }, el("strong", { text: `${s.files || data.files.length} ${T().files}` }));
    const lab = {};
    for (const f of data.files) lab[verdictClass(f)] = (f.web && f.web.verdict_label) || f.verdict;
    for (const [key, cls] of [["compliant", "v-compliant"], ["non_compliant", "v-non-compliant"], ["incomplete", "v-incomplete"], ["unreadable", "v-unreadable"]]) {
      if (s[key]) counts.appendChild(el("span", { cls: `badge ${cls}`, text: `${lab[cls] || key}: ${s[key]}` }));
    }
    const reports = web.reports || {};
    const actions = el("div", { cls: "actions" },
      el("button", { text: T().downloadHtml, attrs: { type: "button", id: "dl-html" }, onclick: () => download(reports.html || "", "nd30check-bao-cao.html", "text/html;charset=utf-8") }),
      el("button", { text: T().downloadJson, attrs: { type: "button", id: "dl-json" }, onclick: () => download(reports.json || "", "nd30check-bao-cao.json", "application/json") }),
      el("button", { text: T().print, attrs: { type: "button", id: "print" }, onclick: () => window.print() }));
    box.appendChild(counts);
    box.appendChild(actions);
  }

  // a signing time as the reports show it: Vietnam time, dd/mm/yyyy hh:mm:ss (+07:00)
  function vnTime(iso) {
    const d = new Date(iso || "");
    if (!iso || isNaN(d.getTime())) return iso || "";
    const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric",
      month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false })
      .formatToParts(d).map((p) => [p.type, p.value]));
    return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second} (+07:00)`;
  }

  function fmtDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
  }

  function renderFacts(doc) {
    if (!doc) return null;
    const dl = el("dl", { cls: "facts" });
    const F = T().facts;
    const add = (k, v) => { if (v) { dl.appendChild(el("dt", { text: F[k] })); dl.appendChild(el("dd", { text: v })); } };
    add("type_name", doc.type_name);
    add("number", doc.number);
    add("parent_agency", doc.parent_agency);
    add("agency", doc.agency);
    add("date", fmtDate(doc.date));
    add("signer", [doc.signer_title, doc.signer].filter(Boolean).join(" — "));
    if (doc.is_appendix) add("is_appendix", T().yes);
    return dl.childNodes.length ? dl : null;
  }

  function sevLabel(sev) { return { error: T().sevError, warning: T().sevWarning, info: T().sevInfo }[sev] || sev; }

  function renderFinding(entry, fi, web, fileIdx, ruleTexts) {
    const f = entry.findings[fi];
    const number = web.numbers[fi];
    const li = el("li", { cls: `finding sev-${f.severity}`, attrs: { id: `f${fileIdx}-${fi}` }, data: { rule: f.rule, finding: fi } });
    const mark = web.marks.find((m) => m.finding === fi);
    const head = el("div", { cls: "head" },
      el("span", { cls: "num", text: number }),
      el("span", { cls: "sevlabel", text: sevLabel(f.severity) }),
      el("span", { cls: "rule", text: f.rule }));
    if (mark) head.appendChild(el("button", { cls: "goto", text: T().goto, attrs: { type: "button" }, onclick: () => focusMark(fileIdx, fi) }));
    li.appendChild(head);
    li.appendChild(el("div", { cls: "msg", text: f.message }));
    const loc = f.location || {};
    const where = [];
    if (loc.page) where.push(`${T().page} ${loc.page}`);
    if (loc.paragraph !== null && loc.paragraph !== undefined) where.push(`${T().para} ${loc.paragraph + 1}`);
    if (where.length || loc.excerpt) {
      li.appendChild(el("div", { cls: "where" }, where.join(", ") + (loc.excerpt ? " " : ""),
        loc.excerpt ? el("span", { cls: "excerpt", text: `«${loc.excerpt}»` }) : null));
    }
    const ev = [];
    if (f.expected !== null && f.expected !== undefined && f.expected !== "") ev.push(`${T().expected}: ${f.expected}`);
    if (f.actual !== null && f.actual !== undefined && f.actual !== "") ev.push(`${T().actual}: ${f.actual}`);
    if (ev.length) li.appendChild(el("div", { cls: "ev", text: ev.join(" · ") }));
    const r = ruleTexts[f.rule];
    if (r) {
      const det = el("details", null, el("summary", { text: `${r.title} — ${T().details}` }));
      if (r.why) det.appendChild(el("p", null, el("strong", { text: `${T().why}: ` }), r.why));
      if (r.fix) det.appendChild(el("p", null, el("strong", { text: `${T().fix}: ` }), r.fix));
      if (r.clause) det.appendChild(el("p", null, el("strong", { text: `${T().clause}: ` }), `${r.clause} (Nghị định 30/2020/NĐ-CP)`));
      li.appendChild(det);
    }
    return li;
  }

  function renderFile(entry, fileIdx, runWeb) {
    const web = entry.web || { groups: [], marks: [], numbers: [], not_evaluated: [] };
    const ruleTexts = runWeb.rules || {};
    const labels = runWeb.labels || {};
    const sec = el("section", { cls: "file", data: { verdict: entry.error ? "unreadable" : entry.verdict, marks: web.marks.length }, attrs: { id: `file${fileIdx}` } });
    const head = el("div", { cls: "filehead" },
      el("h2", { text: entry.path }),
      el("span", { cls: `badge verdict ${verdictClass(entry)}`, text: web.verdict_label || entry.verdict }));
    sec.appendChild(head);
    if (!entry.error && entry.verdicts) {
      const vl = web.verdict_labels || {};
      sec.appendChild(el("div", { cls: "verdicts" },
        `${T().formatV}: `, el("span", { cls: `badge v-${entry.verdicts.format}`, text: vl.format || entry.verdicts.format }),
        ` · ${T().signatureV}: `, el("span", { cls: `badge v-${entry.verdicts.signature}`, text: vl.signature || entry.verdicts.signature })));
    }
    const facts = renderFacts(entry.document);
    if (facts) sec.appendChild(facts);
    const split = el("div", { cls: "split" });
    const left = el("div", { cls: "findings" });
    if (!entry.findings.length) left.appendChild(el("p", { cls: "none", text: T().noFindings }));
    for (const g of web.groups) {
      const group = el("div", { cls: "group", data: { part: g.part } }, el("h3", { text: `${g.label} (${g.findings.length})` }));
      const ol = el("ol");
      for (const fi of g.findings) ol.appendChild(renderFinding(entry, fi, web, fileIdx, ruleTexts));
      group.appendChild(ol);
      left.appendChild(group);
    }
    if (web.not_evaluated && web.not_evaluated.length) {
      const ul = el("ul");
      for (const n of web.not_evaluated) ul.appendChild(el("li", null, el("span", { cls: "rule", text: n.rule }), ` ${n.title}` + (n.reasons.length ? ` — ${n.reasons.join("; ")}` : "")));
      left.appendChild(el("div", { cls: "notes" }, el("strong", { text: T().notEvaluated }), ul));
    }
    if (entry.signatures && entry.signatures.length) {
      const ul = el("ul");
      for (const s of entry.signatures) {
        const who = (s.subject_fields && s.subject_fields.CN) || s.subject || "?";
        const role = (labels[s.role] || s.role);
        ul.appendChild(el("li", { text: `${who} (${role}) — ${vnTime(s.timestamp || s.signing_time)} — ${s.intact ? T().sigOk : T().sigBroken}, ${s.trusted ? T().trusted : T().untrusted}` }));
      }
      left.appendChild(el("div", { cls: "sigs" }, el("strong", { text: T().signatures }), ul));
    }
    split.appendChild(left);
    const view = web.view;
    if (view) {
      const right = el("div", { cls: "pages", attrs: { "aria-label": T().view } });
      if (view.kind === "pdf") renderPdf(right, entry, web, fileIdx, view);
      else renderPaper(right, entry, web, fileIdx, view);
      split.appendChild(right);
    }
    sec.appendChild(split);
    return sec;
  }

  // --- marks -------------------------------------------------------------------------------
  function markEl(entry, mark, fileIdx, extraCls) {
    const f = entry.findings[mark.finding];
    const m = el("div", { cls: `mark sev-${f.severity}${extraCls ? " " + extraCls : ""}`,
      data: { finding: mark.finding, number: mark.number }, attrs: { id: `m${fileIdx}-${mark.finding}`, title: `${mark.number}. ${f.message}` } },
      el("span", { cls: "lbl", text: mark.number }));
    m.addEventListener("click", () => focusFinding(fileIdx, mark.finding));
    return m;
  }
  function flash(node) {
    node.classList.remove("flash");
    void node.offsetWidth; // restart the animation
    node.classList.add("flash");
  }
  function focusMark(fileIdx, fi) {
    const m = document.getElementById(`m${fileIdx}-${fi}`);
    if (!m) return;
    m.scrollIntoView({ block: "center", behavior: "smooth" });
    flash(m);
  }
  function focusFinding(fileIdx, fi) {
    const li = document.getElementById(`f${fileIdx}-${fi}`);
    if (!li) return;
    li.scrollIntoView({ block: "center", behavior: "smooth" });
    flash(li);
  }

  // --- PDF: page pictures with boxes -----------------------------------------------------------
  function renderPdf(box, entry, web, fileIdx, view) {
    box.appendChild(el("p", { cls: "viewnote", text: view.pages.some((p) => p.image) ? T().viewPdf : T().viewSketch }));
    if (view.truncated) box.appendChild(el("p", { cls: "viewnote", text: T().viewTruncated }));
    for (const page of view.pages) {
      const w = page.width || 595, h = page.height || 842;
      const div = el("div", { cls: "pdfpage", data: { page: page.number } });
      div.style.aspectRatio = `${w} / ${h}`;
      div.style.maxWidth = `${Math.round(w * PT)}px`;
      if (page.image && /^data:image\/png;base64,/.test(page.image)) {
        div.appendChild(el("img", { attrs: { src: page.image, alt: `${T().pageWord} ${page.number}` } }));
      } else {
        for (const p of view.paragraphs.filter((q) => q.page === page.number)) {
          const s = el("div", { cls: "sketch", text: p.text });
          const [x0, top, x1, bottom] = p.bbox;
          Object.assign(s.style, { left: `${(100 * x0) / w}%`, top: `${(100 * top) / h}%`, width: `${(100 * (x1 - x0)) / w}%`,
            height: `${(100 * (bottom - top)) / h}%` });
          s.dataset.size = p.size || 12;
          div.appendChild(s);
        }
      }
      for (const mark of web.marks.filter((m) => m.page === page.number)) {
        if (mark.bbox) {
          const m = markEl(entry, mark, fileIdx);
          const [x0, top, x1, bottom] = mark.bbox;
          const pad = 2;
          Object.assign(m.style, { left: `${(100 * (x0 - pad)) / w}%`, top: `${(100 * (top - pad)) / h}%`,
            width: `${(100 * (x1 - x0 + 2 * pad)) / w}%`, height: `${(100 * (bottom - top + 2 * pad)) / h}%` });
          div.appendChild(m);
        } else div.appendChild(markEl(entry, mark, fileIdx, "page-mark"));
      }
      box.appendChild(div);
      box.appendChild(el("div", { cls: "pageno", text: `${T().pageWord} ${page.number}` }));
    }
  }

  // --- .docx: the paper view -------------------------------------------------------------------
  const ALIGN = { left: "left", center: "center", right: "right", justify: "justify" };
  function fontStack(name) {
    const clean = String(name || "Times New Roman").replace(/["\\;{}]/g, "");
    return `"${clean}", "Liberation Serif", "Times New Roman", Tinos, serif`;
  }

  function paraEl(p, entry, web, fileIdx, lineByPara) {
    const d = el("div", { cls: "para", data: { paragraph: p.i } });
    const sizes = p.runs.map((r) => r.size).filter(Boolean);
    const size = sizes.length ? Math.max(...sizes) : 12;
    const st = d.style;
    st.textAlign = ALIGN[p.align] || "left";
    const [left, right, first] = p.indent || [];
    st.paddingLeft = pt((left || 0) + (p.tab || 0));
    st.paddingRight = pt(right || 0);
    st.textIndent = pt(first || 0);
    const [before, after] = p.space || [];
    st.paddingTop = pt(before || 0);
    st.paddingBottom = pt(after || 0);
    const [spacing, rule] = p.line || [];
    st.fontSize = pt(size);
    if (rule === "exact" && spacing) st.lineHeight = pt(spacing);
    else if (rule === "atLeast" && spacing) st.lineHeight = pt(Math.max(spacing, 1.15 * size));
    else st.lineHeight = String(1.15 * (spacing || 1));
    if (p.numbering) d.appendChild(el("span", { text: p.numbering + " " }));
    for (const r of p.runs) {
      const s = el("span", { text: r.t });
      const rs = s.style;
      rs.fontFamily = fontStack(r.font);
      if (r.size) rs.fontSize = pt(r.size);
      if (r.b) rs.fontWeight = "bold";
      if (r.i) rs.fontStyle = "italic";
      if (r.u) rs.textDecoration = "underline";
      if (r.caps) rs.textTransform = "uppercase";
      if (r.color && /^[0-9a-fA-F]{6}$/.test(r.color)) rs.color = `#${r.color}`;
      d.appendChild(s);
    }
    if (!p.runs.some((r) => r.t.trim())) d.appendChild(document.createTextNode("\u00a0"));
    for (const line of lineByPara.get(p.i) || []) {
      const hl = el("div", { cls: "hline" });
      if (line.length) hl.style.width = pt(line.length);
      if (p.align === "left") hl.style.marginLeft = "0";
      if (p.align === "right") hl.style.marginRight = "0";
      hl.style.textIndent = "0";
      d.appendChild(hl);
    }
    const marks = web.marks.filter((m) => m.paragraph === p.i);
    if (marks.length) {
      d.appendChild(el("div", { cls: "pmark" }));
      marks.forEach((m, k) => {
        const me = markEl(entry, m, fileIdx);
        me.style.marginRight = `${4 + 26 * k}px`;
        d.appendChild(me);
      });
    }
    return d;
  }

  function renderPaper(box, entry, web, fileIdx, view) {
    box.appendChild(el("p", { cls: "viewnote", text: T().viewPaper }));
    if (view.truncated) box.appendChild(el("p", { cls: "viewnote", text: T().viewTruncated }));
    const lineByPara = new Map();
    for (const l of view.lines || []) {
      if (!lineByPara.has(l.paragraph)) lineByPara.set(l.paragraph, []);
      lineByPara.get(l.paragraph).push(l);
    }
    const tables = new Map((view.tables || []).map((t) => [t.index, t]));
    const paper = el("div", { cls: "paper", data: { file: fileIdx } });
    const sections = view.sections.length ? view.sections : [{ index: 0, width: 595, height: 842, margins: [56.7, 56.7, 56.7, 85], page_numbers: [] }];
    for (const s of sections) {
      const flow = el("div", { cls: "flow", data: { section: s.index } });
      const built = new Map(); // table index -> {table, rows: Map}
      const lastCell = new Map(); // table index -> last td used (where a nested table goes)
      const cellOf = (ti, r, c) => {
        let t = built.get(ti);
        if (!t) {
          const info = tables.get(ti) || {};
          const table = el("table", { cls: `dtable${info.borders ? " ruled" : ""}`, data: { table: ti } });
          t = { table, tbody: el("tbody"), rows: new Map() };
          t.table.appendChild(t.tbody);
          built.set(ti, t);
          const parent = info.nested_in !== null && info.nested_in !== undefined ? lastCell.get(info.nested_in) : null;
          if (parent) parent.appendChild(table); else flow.appendChild(table);
        }
        let row = t.rows.get(r);
        if (!row) {
          row = { tr: el("tr"), cells: new Map() };
          t.rows.set(r, row);
          const later = [...t.rows.entries()].filter(([k]) => k > r).sort((a, b) => a[0] - b[0]);
          if (later.length) t.tbody.insertBefore(row.tr, later[0][1].tr); else t.tbody.appendChild(row.tr);
        }
        let td = row.cells.get(c);
        if (!td) {
          td = el("td");
          row.cells.set(c, td);
          const later = [...row.cells.entries()].filter(([k]) => k > c).sort((a, b) => a[0] - b[0]);
          if (later.length) row.tr.insertBefore(td, later[0][1]); else row.tr.appendChild(td);
        }
        lastCell.set(ti, td);
        return td;
      };
      for (const p of view.paragraphs) {
        if (p.section !== s.index && sections.length > 1) continue;
        const node = paraEl(p, entry, web, fileIdx, lineByPara);
        if (p.cell) {
          const [ti, r, c] = p.cell;
          cellOf(ti, r, c).appendChild(node);
        } else {
          flow.appendChild(node);
        }
      }
      const sheetSpec = { width: s.width || 595.3, height: s.height || 841.9, margins: (s.margins || []).map((m) => (m === null ? 56.7 : m)), numbers: s.page_numbers || [], titlePage: s.title_page };
      flow.dataset.spec = JSON.stringify(sheetSpec);
      paper.appendChild(flow);
    }
    box.appendChild(paper);
  }

  // Lay a paper view's flows out on sheets: blocks are moved one by one onto the current
  // sheet until it is full (measured in the browser with the document's own fonts); a table
  // taller than what is left is split between rows.
  function paginate(paper) {
    const fileIdx = paper.dataset.file;
    const entry = state.result.files[Number(fileIdx)];
    const web = entry.web;
    let pageNo = 0;
    const flows = Array.from(paper.querySelectorAll(":scope > .flow"));
    const sheets = [];
    for (const flow of flows) {
      const spec = JSON.parse(flow.dataset.spec);
      const [mt, mr, mb, ml] = [0, 1, 2, 3].map((k) => (spec.margins[k] === undefined ? 56.7 : spec.margins[k]));
      let sheet = null, content = null, first = true;
      const newSheet = () => {
        pageNo += 1;
        sheet = el("div", { cls: "sheet", data: { page: pageNo } });
        Object.assign(sheet.style, { width: pt(spec.width), height: pt(spec.height), padding: `${pt(mt)} ${pt(mr)} ${pt(mb)} ${pt(ml)}` });
        content = el("div", { cls: "content" });
        sheet.appendChild(content);
        for (const f of spec.numbers) {
          if (first && spec.titlePage && !f.first_page) continue;
          const no = el("div", { cls: "hdrno", text: String(pageNo) });
          Object.assign(no.style, { textAlign: f.align || "center", fontSize: pt(f.size || 13), fontFamily: fontStack(f.font),
            padding: `0 ${pt(mr)} 0 ${pt(ml)}` });
          if (f.where === "footer") no.style.bottom = pt(Math.max(mb / 2 - 8, 4)); else no.style.top = pt(Math.max(mt / 2 - 8, 4));
          sheet.appendChild(no);
        }
        first = false;
        paper.insertBefore(sheet, flow);
        sheets.push(sheet);
      };
      newSheet();
      const full = () => content.scrollHeight > content.clientHeight + 1;
      const blocks = Array.from(flow.children);
      for (const block of blocks) {
        content.appendChild(block);
        if (!full()) continue;
        if (block.tagName === "TABLE" && block.tBodies[0] && block.tBodies[0].rows.length > 1) {
          // split the table between rows
          const rows = Array.from(block.tBodies[0].rows);
          content.removeChild(block);
          let part = block.cloneNode(false);
          let body = el("tbody");
          part.appendChild(body);
          content.appendChild(part);
          for (const row of rows) {
            body.appendChild(row);
            if (full() && body.rows.length > 1) {
              body.removeChild(row);
              newSheet();
              part = block.cloneNode(false);
              body = el("tbody");
              part.appendChild(body);
              content.appendChild(part);
              body.appendChild(row);
            } else if (full() && content.children.length > 1) {
              content.removeChild(part);
              newSheet();
              content.appendChild(part);
            }
          }
          continue;
        }
        if (content.children.length > 1) {
          content.removeChild(block);
          newSheet();
          content.appendChild(block);
        }
      }
      flow.remove();
    }
    // marks without a paragraph on the paper (page-level findings) go to their page's corner
    for (const mark of web.marks.filter((m) => m.paragraph === undefined)) {
      const target = sheets[Math.min(Math.max((mark.page || 1) - 1, 0), sheets.length - 1)];
      if (target) target.appendChild(markEl(entry, mark, fileIdx, "page-mark"));
    }
    sheets.forEach((sh) => paper.appendChild(sh));
  }

  // Scale sheets and pages to the width of their column (CSS zoom keeps points exact inside).
  function fitViews() {
    document.querySelectorAll(".pages").forEach((col) => {
      const avail = col.clientWidth - 24;
      col.querySelectorAll(".paper").forEach((paper) => {
        const widest = Math.max(...Array.from(paper.querySelectorAll(".sheet")).map((s) => s.offsetWidth), 1);
        paper.style.zoom = String(Math.min(1, avail / widest));
      });
      col.querySelectorAll(".sketch").forEach((s) => {
        const page = s.parentElement;
        const w = Number(page.style.maxWidth.replace("px", "")) || 794;
        s.style.fontSize = `${((Number(s.dataset.size) || 12) * PT * page.clientWidth) / w * 0.95}px`;
      });
    });
  }

  // --- wiring -----------------------------------------------------------------------------
  function init() {
    applyUi();
    $("profile").value = state.profile;
    $("profile").addEventListener("change", (e) => {
      state.profile = e.target.value === "issued" ? "issued" : "draft";
      if (state.files.length) send(state.files);
    });
    $("lang-vi").addEventListener("click", () => setLang("vi"));
    $("lang-en").addEventListener("click", () => setLang("en"));
    $("pick-files").addEventListener("click", () => $("files").click());
    $("pick-folder").addEventListener("click", () => $("folder").click());
    $("files").addEventListener("change", (e) => { send(fromInput(e.target, false)); e.target.value = ""; });
    $("folder").addEventListener("change", (e) => { send(fromInput(e.target, true)); e.target.value = ""; });
    const drop = $("drop");
    ["dragenter", "dragover"].forEach((ev) => drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add("over"); }));
    ["dragleave", "dragend"].forEach((ev) => drop.addEventListener(ev, () => drop.classList.remove("over")));
    drop.addEventListener("drop", async (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      send(await fromDrop(e.dataTransfer));
    });
    drop.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("files").click(); } });
    // a file dropped beside the drop zone must not make the browser open it (and leave the page)
    window.addEventListener("dragover", (e) => e.preventDefault());
    window.addEventListener("drop", (e) => e.preventDefault());
    window.addEventListener("resize", fitViews);
    let opened = [];
    window.addEventListener("beforeprint", () => {
      opened = Array.from(document.querySelectorAll(".finding details:not([open])"));
      opened.forEach((d) => { d.open = true; });
      document.querySelectorAll(".paper").forEach((p) => { p.dataset.zoom = p.style.zoom; p.style.zoom = "0.8"; });
    });
    window.addEventListener("afterprint", () => {
      opened.forEach((d) => { d.open = false; });
      document.querySelectorAll(".paper").forEach((p) => { p.style.zoom = p.dataset.zoom || ""; });
    });
    document.body.dataset.state = "ready";
    document.body.dataset.runs = "0";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
