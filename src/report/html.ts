// One self-contained HTML file: summary page with lights and grades, inline SVG chart, every finding with
// evidence and fix; printable to PDF. No script at all, a CSP that forbids any, and every text escaped.

import { createHash } from 'node:crypto';
import type { AreaGrade, Light, OverallGrade, ReportGrades } from '../grade/grade.js';
import { gradeReport } from '../grade/grade.js';
import type { Translator } from '../i18n/translator.js';
import type { Finding, Status } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { displayName } from '../scan/domain-name.js';
import { evidenceLines } from './evidence-lines.js';
import { type AreaFindings, findingsByArea, isQuiet } from './order.js';
import { neutralizeControls } from './sanitize.js';
import { buildSummary, summaryText } from './summary.js';

/** Text and attribute values: the five characters that can end a text node or an attribute. */
export function escapeHtml(text: string): string {
  return neutralizeControls(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Only our own references become links, and only plain https URLs. */
function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const lightColor: Readonly<Record<Light, string>> = { green: '#15803d', amber: '#d97706', red: '#b91c1c' };
const statusColor: Readonly<Record<Status, string>> = {
  fail: '#b91c1c',
  warn: '#d97706',
  error: '#2563eb',
  pass: '#15803d',
  skipped: '#9ca3af',
};

const css = `
:root{--ink:#111827;--muted:#4b5563;--line:#d1d5db;--paper:#ffffff;--tint:#f3f4f6}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--tint)}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
section.report,section.page{background:var(--paper);border:1px solid var(--line);border-radius:.5rem;padding:1.5rem;margin-bottom:1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.3rem;margin:1.5rem 0 .5rem}h3{font-size:1.1rem;margin:1.25rem 0 .5rem}h4{font-size:1rem;margin:0}
.meta,.muted{color:var(--muted);font-size:.9rem}
.overall{display:flex;align-items:center;gap:1rem;margin:1rem 0}
.overall .grade{font-size:2.5rem;font-weight:700}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
ol.actions>li{margin-bottom:.75rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .75rem;margin:.25rem 0}dt{color:var(--muted)}dd{margin:0}
.legal li{margin-bottom:.35rem}.disclaimer{font-style:italic}
article.finding{border-left:4px solid var(--line);padding:.5rem .75rem;margin:.75rem 0;break-inside:avoid}
article.fail{border-color:#b91c1c}article.warn{border-color:#d97706}article.error{border-color:#2563eb}article.pass{border-color:#15803d}article.skipped{border-color:#9ca3af}
.badge{display:inline-block;font-size:.75rem;font-weight:600;padding:0 .4rem;border-radius:.25rem;color:#fff;margin-right:.4rem}
.badge.fail{background:#b91c1c}.badge.warn{background:#b45309}.badge.error{background:#2563eb}.badge.pass{background:#15803d}.badge.skipped{background:#6b7280}
code,pre{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.85rem}
pre{background:var(--tint);padding:.5rem;border-radius:.25rem;white-space:pre-wrap;overflow-wrap:anywhere;margin:.25rem 0}
.label{font-weight:600;margin:.5rem 0 0}
svg{max-width:100%;height:auto}
@page{margin:15mm}
@media print{body{background:#fff;font-size:11pt}main{max-width:none;padding:0}section.report,section.page{border:none;padding:0}.summary{break-after:page}a{color:inherit;text-decoration:none}}
`.trim();

function lightDot(light: Light | undefined, size: number, label: string): string {
  const fill = light === undefined ? '#9ca3af' : lightColor[light];
  const r = size / 2;
  return `<svg width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escapeHtml(label)}"><circle cx="${r}" cy="${r}" r="${r - 1}" fill="${fill}"/></svg>`;
}

function lightWord(light: Light | undefined, tr: Translator): string {
  return light === undefined ? tr.t('light.none') : tr.t(`light.${light}`);
}

function gradeRow(title: string, grade: AreaGrade | OverallGrade, tr: Translator): string {
  const confidence =
    grade.confidence === 'full' || grade.unchecked === 0
      ? ''
      : tr.t(`confidence.${grade.confidence}`, { count: grade.unchecked });
  const letter = grade.grade ?? '–';
  const light = grade.grade === undefined ? tr.t('grade.notChecked') : lightWord(grade.light, tr);
  return `<tr><td>${lightDot(grade.light, 14, light)} ${escapeHtml(light)}</td><td><strong>${letter}</strong></td><td>${escapeHtml(title)}</td><td class="muted">${escapeHtml(confidence)}</td></tr>`;
}

function gradesTable(grades: ReportGrades, tr: Translator): string {
  const rows = [
    gradeRow(tr.t('grade.overall'), grades.overall, tr),
    ...grades.areas.map((area) => gradeRow(tr.gradeAreaTitle(area.area), area, tr)),
  ];
  return `<table><thead><tr><th>${escapeHtml(tr.t('grade.light'))}</th><th>${escapeHtml(tr.t('grade.grade'))}</th><th>${escapeHtml(tr.t('grade.area'))}</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const chartStatuses: readonly Status[] = ['fail', 'warn', 'error', 'pass', 'skipped'];

/** A horizontal stacked bar per check area: how many results of each status. */
function chart(groups: readonly AreaFindings[], tr: Translator): string {
  const barHeight = 22;
  const gap = 8;
  const labelWidth = 260;
  const barWidth = 420;
  const legendHeight = 28;
  const height = legendHeight + groups.length * (barHeight + gap);
  const max = Math.max(1, ...groups.map((group) => group.findings.length));
  const bars = groups.map((group, row) => {
    const y = legendHeight + row * (barHeight + gap);
    let x = labelWidth;
    const segments = chartStatuses.flatMap((status) => {
      const count = group.findings.filter((finding) => finding.status === status).length;
      if (count === 0) return [];
      const width = (count / max) * barWidth;
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${barHeight}" fill="${statusColor[status]}"><title>${escapeHtml(`${tr.t(`statusWord.${status}`)}: ${count}`)}</title></rect>`;
      x += width;
      return [rect];
    });
    const label = `<text x="${labelWidth - 8}" y="${y + barHeight / 2 + 5}" text-anchor="end" font-size="13" fill="#111827">${escapeHtml(tr.areaTitle(group.area))}</text>`;
    const total = `<text x="${(x + 6).toFixed(1)}" y="${y + barHeight / 2 + 5}" font-size="12" fill="#4b5563">${group.findings.length}</text>`;
    return label + segments.join('') + total;
  });
  const legend = chartStatuses.map((status, index) => {
    const x = labelWidth + index * 96;
    return `<rect x="${x}" y="4" width="12" height="12" fill="${statusColor[status]}"/><text x="${x + 16}" y="15" font-size="12" fill="#111827">${escapeHtml(tr.t(`statusWord.${status}`))}</text>`;
  });
  const width = labelWidth + barWidth + 40;
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(tr.t('doc.chartTitle'))}">${legend.join('')}${bars.join('')}</svg>`;
}

function englishAttribute(english: boolean): string {
  return english ? ' lang="en"' : '';
}

function findingArticle(report: Report, finding: Finding, tr: Translator): string {
  const meta = report.checks[finding.checkId];
  const parts: string[] = [];
  const severity =
    finding.status === 'fail' || finding.status === 'warn'
      ? ` · ${tr.t(`severity.${finding.severity}`)}`
      : '';
  parts.push(
    `<h4><span class="badge ${finding.status}">${escapeHtml(tr.t(`status.${finding.status}`))}</span>${escapeHtml(tr.checkTitle(meta, finding.checkId))}</h4>`,
    `<p class="muted"><code>${escapeHtml(finding.checkId)}</code>${escapeHtml(severity)} · ${escapeHtml(tr.t('finding.subject'))}: <code>${escapeHtml(finding.subject)}</code></p>`,
    `<p${englishAttribute(tr.isMessageFallback(finding))}>${escapeHtml(tr.findingMessage(finding))}</p>`,
  );
  if (finding.evidence.length > 0) {
    const lines = finding.evidence.flatMap((item) => evidenceLines(item, tr));
    parts.push(
      `<p class="label">${escapeHtml(tr.t('finding.evidence'))}</p><pre>${escapeHtml(lines.join('\n'))}</pre>`,
    );
  }
  if (finding.status === 'fail' || finding.status === 'warn') {
    const fix = tr.findingFix(finding, meta);
    const english =
      finding.fix === undefined
        ? meta !== undefined && tr.isRemediationFallback(meta)
        : tr.isFixFallback(finding);
    if (fix !== undefined)
      parts.push(
        `<p class="label">${escapeHtml(tr.t('finding.fix'))}</p><pre${englishAttribute(english)}>${escapeHtml(fix)}</pre>`,
      );
    const links = (meta?.references ?? []).flatMap((reference) => {
      const href = safeHref(reference.url);
      return href === undefined
        ? []
        : [`<a href="${escapeHtml(href)}" rel="noreferrer">${escapeHtml(reference.title)}</a>`];
    });
    if (links.length > 0)
      parts.push(`<p class="muted">${escapeHtml(tr.t('finding.see'))}: ${links.join(' · ')}</p>`);
  }
  return `<article class="finding ${finding.status}">${parts.join('')}</article>`;
}

function summarySection(report: Report, grades: ReportGrades, tr: Translator): string {
  const text = summaryText(report, buildSummary(report, grades), tr);
  const { overall } = grades;
  const actions = text.actions.map(
    (action) =>
      `<li><strong>${escapeHtml(action.title)}</strong> <code>${escapeHtml(action.subject)}</code><dl><dt>${escapeHtml(text.labels.attack)}</dt><dd>${escapeHtml(action.attack)}</dd><dt>${escapeHtml(text.labels.cost)}</dt><dd>${escapeHtml(action.cost)}</dd><dt>${escapeHtml(text.labels.owner)}</dt><dd>${escapeHtml(action.owner)}</dd><dt>${escapeHtml(text.labels.effort)}</dt><dd>${escapeHtml(action.effort)}</dd></dl></li>`,
  );
  const list = (items: readonly string[], className = ''): string =>
    `<ul${className === '' ? '' : ` class="${className}"`}>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  return [
    '<div class="summary">',
    `<h2>${escapeHtml(text.title)}</h2>`,
    `<div class="overall">${lightDot(overall.light, 56, lightWord(overall.light, tr))}<span class="grade">${overall.grade ?? '–'}</span><span>${escapeHtml(text.overall)}</span></div>`,
    text.cap === undefined ? '' : `<p><strong>${escapeHtml(text.cap)}</strong></p>`,
    gradesTable(grades, tr),
    `<h3>${escapeHtml(text.todoTitle)}</h3>`,
    actions.length > 0 ? `<ol class="actions">${actions.join('')}</ol>` : '',
    `<h3>${escapeHtml(text.rightTitle)}</h3>`,
    list(text.right),
    `<h3>${escapeHtml(text.uncheckedTitle)}</h3>`,
    list(text.unchecked),
    `<h3>${escapeHtml(text.legalTitle)}</h3>`,
    list(text.legal, 'legal'),
    `<p class="disclaimer">${escapeHtml(text.disclaimer)}</p>`,
    '</div>',
  ].join('\n');
}

function reportSection(report: Report, tr: Translator, verbose: boolean): string {
  const grades = gradeReport(report);
  const groups = findingsByArea(report);
  const scanned = tr.t('report.scanned', {
    startedAt: report.startedAt,
    seconds: new Intl.NumberFormat(tr.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
      report.durationMs / 1000,
    ),
    resolvers: report.resolvers.join(', ') || tr.t('report.resolversNone'),
  });
  const areaBlocks = groups.map(({ area, findings }) => {
    const shown = verbose ? findings : findings.filter((finding) => !isQuiet(finding));
    const passed = [
      ...new Set(findings.filter((finding) => finding.status === 'pass').map((finding) => finding.checkId)),
    ];
    return [
      `<h3>${escapeHtml(tr.areaTitle(area))}</h3>`,
      shown.length === 0 ? `<p class="muted">${escapeHtml(tr.t('doc.noProblems'))}</p>` : '',
      ...shown.map((finding) => findingArticle(report, finding, tr)),
      !verbose && passed.length > 0
        ? `<p class="muted">${escapeHtml(tr.t('doc.passedChecks', { ids: passed.join(', ') }))}</p>`
        : '',
    ].join('\n');
  });
  return [
    '<section class="report">',
    `<h1>${escapeHtml(displayName(report.target))}</h1>`,
    `<p class="meta">${escapeHtml(scanned)}</p>`,
    summarySection(report, grades, tr),
    `<h2>${escapeHtml(tr.t('doc.chartTitle'))}</h2>`,
    chart(groups, tr),
    `<h2>${escapeHtml(tr.t('doc.findings'))}</h2>`,
    ...areaBlocks,
    '</section>',
  ].join('\n');
}

/** The style sheet is allowed by its hash, so even an injected <style> would not apply. */
export function contentSecurityPolicy(style: string): string {
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

export function renderHtml(reports: readonly Report[], tr: Translator, verbose: boolean): string {
  const sections = reports.map((report) => reportSection(report, tr, verbose));
  const title = tr.t('doc.title', {
    domains: reports.map((report) => displayName(report.target)).join(', '),
  });
  const version = reports[0]?.tool.version ?? '';
  const date = reports[0]?.finishedAt ?? '';
  const untranslated = tr.untranslated().length;
  const footer = [
    `<p class="muted">${escapeHtml(tr.t('doc.generated', { version, date }))}</p>`,
    untranslated > 0
      ? `<p class="muted">${escapeHtml(tr.t('report.untranslatedNote', { count: untranslated }))}</p>`
      : '',
  ].join('');
  return `<!DOCTYPE html>
<html lang="${tr.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(css)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
<main>
${sections.join('\n')}
<footer>${footer}</footer>
</main>
</body>
</html>
`;
}
