/**
 * The report's only styling, inlined (the document allows no other source). Laid out for A4 paper:
 * Electron's printToPDF and Chromium's print honour `@page`, repeat table headers on each page and
 * start every major section on a new page.
 */
export const REPORT_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 190mm; padding: 8mm 0;
  font: 10.5pt/1.45 "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #111; background: #fff;
  overflow-wrap: break-word;
}
h1 { font-size: 19pt; margin: 0 0 4mm; line-height: 1.2; }
h2 { font-size: 14pt; margin: 0 0 3mm; padding-bottom: 1.5mm; border-bottom: 0.6pt solid #555; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
section { margin: 0 0 8mm; }
section.major { break-before: page; }
h2, h3 { break-after: avoid; }
p { margin: 0 0 2.5mm; }
.notices { border: 0.6pt solid #999; padding: 3mm 4mm; margin: 0 0 6mm; background: #f6f6f6; }
.notices p:last-child { margin-bottom: 0; }
.notices .media { font-weight: 600; }
/* Fixed layout: a 1,000-character name wraps inside its column instead of widening the table off the page. */
table { width: 100%; border-collapse: collapse; margin: 0 0 4mm; table-layout: fixed; }
td { overflow-wrap: anywhere; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 2mm; border-bottom: 0.4pt solid #ccc; }
th { font-weight: 600; overflow-wrap: normal; hyphens: auto; }
table.kv th { width: 32%; }
table.timeline th:nth-child(1) { width: 8%; }
table.timeline th:nth-child(2), table.timeline th:nth-child(3) { width: 13%; }
table.actions th:nth-child(1) { width: 42%; }
table.actions th:nth-child(2) { width: 11%; }
table.actions th:nth-child(3), table.actions th:nth-child(5) { width: 15%; }
table.actions th:nth-child(4) { width: 17%; }
td.n, td.t { font-variant-numeric: tabular-nums; overflow-wrap: normal; }
td.n { color: #555; }
tr.day td { background: #eee; font-weight: 600; }
tr.evidence td { background: #fff4d6; }
.tag { display: inline-block; border: 0.6pt solid #b07a00; border-radius: 2pt; padding: 0 1.2mm; font-size: 8.5pt; margin-left: 1.5mm; }
tr.step td:first-child { padding-left: 7mm; }
.status-failed { color: #a00000; font-weight: 600; }
.status-pending { color: #7a5b00; font-weight: 600; }
.person { break-inside: avoid; border-left: 1.2mm solid #bbb; padding-left: 3mm; margin: 0 0 5mm; }
.person h3 { margin-top: 0; }
.involvement { color: #333; font-style: italic; }
.mono, code, pre { font-family: "Noto Sans Mono", "DejaVu Sans Mono", Consolas, monospace; font-size: 9.5pt; }
pre { background: #f3f3f3; padding: 2mm 3mm; white-space: pre-wrap; }
ul { margin: 0 0 3mm; padding-left: 6mm; }
li { margin: 0 0 1mm; }
.broken { color: #a00000; font-weight: 700; }
@media screen { body { padding: 10mm 8mm; } }
`;
