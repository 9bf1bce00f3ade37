"""One self-contained HTML page for coaches (docs/formats.md): per-criterion bar chart, sortable class
table, one card per student with highlighted excerpts and suggestions. No network resource: the
style, the script and the chart (SVG) are inside the file, so it opens offline or as a CI artifact."""
from __future__ import annotations

from html import escape
from typing import TextIO

from .. import __version__, classe
from ..check import FileReport
from ..errors import InputError
from ..positions import LineIndex

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:72rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse}th,td{padding:.25rem .5rem;border-bottom:1px solid #ddd;text-align:center}
th{cursor:pointer;background:#f3f3f3;user-select:none}th:first-child,td:first-child{text-align:left}
.ko{color:#b00020;font-weight:bold}.ok{color:#1b7f3b}.na{color:#999}
.carte{border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.carte h3{margin:.3rem 0}.reussi{color:#1b7f3b}.arevoir{color:#b00020}
mark{background:#ffe08a}.extrait{font-family:monospace;white-space:pre-wrap;background:#f8f8f8;padding:.3rem}
.sugg{color:#1b5e20}.erreur{color:#b00020}.avertissement{color:#a15c00}.info{color:#0b5394}
"""

_JS = """
function trier(th){
  var table=th.closest('table'),body=table.tBodies[0],i=th.cellIndex,
      sens=th.dataset.sens==='asc'?'desc':'asc';th.dataset.sens=sens;
  var lignes=Array.prototype.slice.call(body.rows);
  lignes.sort(function(a,b){
    var x=a.cells[i].dataset.v||a.cells[i].textContent,y=b.cells[i].dataset.v||b.cells[i].textContent;
    var nx=parseFloat(x),ny=parseFloat(y);
    var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y,'fr');
    return sens==='asc'?c:-c;});
  lignes.forEach(function(l){body.appendChild(l);});
}
function trierCartes(cle){
  var boite=document.getElementById('cartes'),cartes=Array.prototype.slice.call(boite.children);
  cartes.sort(function(a,b){return cle==='score'?(+a.dataset.score)-(+b.dataset.score)
    :a.dataset.nom.localeCompare(b.dataset.nom,'fr');});
  cartes.forEach(function(c){boite.appendChild(c);});
}
document.addEventListener('DOMContentLoaded',function(){
  document.querySelectorAll('th').forEach(function(th){th.addEventListener('click',function(){trier(th);});});
  document.getElementById('tri').addEventListener('change',function(e){trierCartes(e.target.value);});
  document.body.dataset.eleves=String(document.querySelectorAll('.carte').length);
  document.body.dataset.pret='oui';
});
"""

_SIGN = {"ok": "✓", "ko": "✗", "na": "–"}


def _chart(students, points) -> str:
    """Horizontal bars: for each point, how many students fail it (SVG, no script needed)."""
    n = max(1, len(students))
    bar_w, row_h, label_w = 360, 24, 290
    rows = []
    for i, p in enumerate(points):
        k = classe.failing_count(students, p)
        y = i * row_h
        w = round(bar_w * k / n)
        rows.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="13">{escape(classe.MISSING.get(p, p))}</text>'
                    f'<rect class="barre" x="{label_w}" y="{y + 4}" width="{w}" height="16" fill="#c0392b"/>'
                    f'<text x="{label_w + w + 6}" y="{y + 16}" font-size="13">{k}/{n}</text>')
    h = max(row_h, row_h * len(points))
    return (f'<svg id="graphique" role="img" aria-label="élèves en échec par point" width="{label_w + bar_w + 60}" '
            f'height="{h}" xmlns="http://www.w3.org/2000/svg">{"".join(rows)}</svg>')


def _excerpt(r: FileReport, f, idx: LineIndex) -> str:
    line, col = idx.position(f.start)
    text = idx.line_text(line)
    s = col - 1
    end_line, end_col = idx.position(f.end)
    e = end_col - 1 if end_line == line else len(text)
    lo, hi = max(0, s - 80), min(len(text), max(e, s) + 80)
    return ((("…" if lo else "") + escape(text[lo:s]) + "<mark>" + escape(text[s:max(e, s)] or " ") + "</mark>"
             + escape(text[max(e, s):hi]) + ("…" if hi < len(text) else "")))


def _card(s) -> str:
    r = s.report
    idx = LineIndex(r.text)
    verdict = "réussi" if r.passed else "à revoir"
    parts = [f'<section class="carte" data-nom="{escape(classe.short_name(r.path, 200))}" data-score="{r.score}">',
             f'<h3>{escape(classe.short_name(r.path, 200))} — <span class="{"reussi" if r.passed else "arevoir"}">'
             f'{verdict}</span> — {r.score}/100</h3>',
             f'<p>{escape(r.path)} — type : {escape(r.type)}</p>']
    if r.findings:
        parts.append("<ul>")
        for f in r.findings:
            line, _ = idx.position(f.start)
            sugg = "".join(f'<div class="sugg">suggestion : {escape(x)}</div>' for x in f.suggestions[:2])
            parts.append(f'<li><span class="{f.severity.value}">[{f.severity.value}]</span> <code>{escape(f.rule)}</code> '
                         f'(ligne {line}) : {escape(f.message)}<div class="extrait">{_excerpt(r, f, idx)}</div>{sugg}</li>')
        parts.append("</ul>")
    else:
        parts.append("<p>Aucun constat.</p>")
    parts.append("</section>")
    return "\n".join(parts)


def emit(reports: list[FileReport], errors: list[InputError], out: TextIO, color: bool = False) -> None:
    students = [classe.student(r) for r in reports]
    cols = classe.columns(students)
    passed = sum(1 for r in reports if r.passed)
    head = "".join(f"<th>{escape(h)}</th>" for h in ("élève", "type", "score", "résultat"))
    head += "".join(f'<th title="{escape(classe.LABEL.get(p, p))}">{escape(classe.SHORT[p])}</th>' for p in cols)
    rows = []
    for s in students:
        r = s.report
        cells = "".join(f'<td>{s.grammar}</td>' if p == classe.GRAMMAR else
                        f'<td class="{s.marks.get(p, "na")}" data-v="{s.marks.get(p, "na")}">{_SIGN[s.marks.get(p, "na")]}</td>'
                        for p in cols)
        rows.append(f"<tr><td>{escape(classe.short_name(r.path, 200))}</td><td>{escape(r.type)}</td>"
                    f"<td>{r.score}</td><td>{'réussi' if r.passed else 'à revoir'}</td>{cells}</tr>")
    common = "".join(f"<li>{escape(classe.MISSING.get(p, p))} : {n} élève{'s' if n > 1 else ''}</li>"
                     for p, n in classe.most_common(students))
    errs = "".join(f"<li>{escape(e.path)} : {escape(e.reason)}</li>" for e in errors)
    out.write(f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>ton — vue de la classe</title>
<meta name="generator" content="ton {__version__}"><style>{_CSS}</style></head>
<body>
<h1>ton — vue de la classe</h1>
<p id="resume">{len(reports)} élève(s) : {passed} réussi(s), {len(reports) - passed} à revoir{f", {len(errors)} fichier(s) illisible(s)" if errors else ""}.</p>
<h2>Élèves en échec, par point</h2>
{_chart(students, cols) if cols else "<p>Tous les points sont respectés.</p>"}
{f"<h2>Problèmes les plus fréquents</h2><ol>{common}</ol>" if common else ""}
<h2>Récapitulatif (cliquez un titre de colonne pour trier)</h2>
<div style="overflow-x:auto"><table id="classe"><thead><tr>{head}</tr></thead><tbody>
{"".join(rows)}
</tbody></table></div>
{f"<h2>Fichiers illisibles</h2><ul>{errs}</ul>" if errs else ""}
<h2>Élèves</h2>
<p><label>Trier par <select id="tri"><option value="nom">nom</option><option value="score">score</option></select></label></p>
<div id="cartes">
{"".join(_card(s) for s in students)}
</div>
<script>{_JS}</script>
</body></html>
""")
