// Reports for analysts and admins: SLA compliance, volume and backlog as charts, each with the same numbers as a
// table under it and the API's own CSV; and the read models with their rebuilds, progress followed live.
import * as api from './api.js';
import { $, ROLE_LABELS, app, h, main, title, displayName, dateTimeFormat, when, toast, problemText, has, field, showFieldErrors, nextId, sentence, toIsoDuration, durationText, isoSeconds, CHANNELS, PRIORITIES, TIERS, pathField as uiPathField } from './ui.js';

// The ECharts WebJar the edge serves (its version is the one in the root pom; the edge's ConsoleAssetsIT checks the path).
// Loaded by this page only, the first time it draws a chart.
const ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';
let charting = null;
function loadCharts() {
    if (!charting) {
        charting = import(ECHARTS).catch(e => {
            charting = null;
            throw e;
        });
    }
    return charting;
}

const DAY_MS = 86400000;
const COLOURS = ['#1f5fd1', '#136c3a', '#8a4b00', '#7c3aed', '#b0182b', '#0e7490'];
const number = new Intl.NumberFormat(undefined);
const READ_MODELS = {
    'ticket-projection': 'The queue and the ticket detail',
    'ticket-reports': 'The reports on this page',
    'ticket-sla': 'The SLA monitor’s deadlines',
};
const PHASES = {
    MIGRATING: 'Preparing a fresh copy',
    REBUILDING: 'Reading every event from the first',
    CATCHING_UP: 'Catching up with the live read model',
    SWITCHING: 'Switching over',
};

const canRead = () => has('ANALYST', 'ADMIN');

function notForThisRole(heading) {
    document.title = `${heading} · Support desk`;
    const roles = (app.me.roles || []).map(r => ROLE_LABELS[r] || r).join(', ');
    main().replaceChildren(
        h(
            'div',
            { class: 'page narrow' },
            h('h1', {}, heading),
            h('div', { class: 'alert alert-error', role: 'alert', style: 'margin-top:16px' }, `Reports are for analysts and administrators only. As ${roles} you work from the queue; ask an analyst for the figures you need.`),
            h('a', { href: '#/queue' }, 'Back to the queue'),
        ),
    );
    return { refresh() {} };
}

function subnav(current) {
    const link = (href, text, key) => h('a', { href, 'aria-current': current === key ? 'page' : null }, text);
    return h('nav', { class: 'subnav', 'aria-label': 'Reports pages' }, link('#/reports', 'Reports', 'reports'), link('#/reports/what-if', 'What if…', 'what-if'), link('#/reports/projections', 'Read models and rebuilds', 'projections'));
}

/** #/reports, #/reports/what-if and #/reports/projections; every other role is told that the pages are not theirs. */
export function reportsView(path, params) {
    $('#nav-reports')?.setAttribute('aria-current', 'page');
    if (path === '/reports/what-if') return canRead() ? whatIfView(params) : notForThisRole('What if…');
    if (path === '/reports/projections') return canRead() ? projectionsView() : notForThisRole('Read models');
    return canRead() ? chartsView(params) : notForThisRole('Reports');
}

// ---------- dates in the chosen time zone ----------
function zoneOffset(ms, zone) {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
    const get = type => +parts.find(p => p.type === type).value;
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(ms / 1000) * 1000;
}
/** The instant a local day (YYYY-MM-DD) starts in the zone; twice, since the offset may differ at that instant. */
function startOfDay(date, zone) {
    const [y, m, d] = date.split('-').map(Number);
    const wall = Date.UTC(y, m - 1, d);
    const first = wall - zoneOffset(wall, zone);
    return wall - zoneOffset(first, zone);
}
function localDate(ms, zone) {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
    const get = type => parts.find(p => p.type === type).value;
    return `${get('year')}-${get('month')}-${get('day')}`;
}
function nextDate(date) {
    const [y, m, d] = date.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
const iso = ms => new Date(ms).toISOString().replace('.000Z', 'Z');
function knownZone(zone) {
    try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
    } catch (e) {
        return false;
    }
}
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The form's values from the URL, with the defaults: the last 30 days in this browser's zone, per day, by channel. */
function settings(params) {
    const tz = params.get('tz') || browserZone();
    const zone = knownZone(tz) ? tz : 'UTC';
    const now = Date.now();
    return {
        from: params.get('from') || localDate(now - 30 * DAY_MS, zone),
        to: params.get('to') || localDate(now, zone),
        interval: params.get('interval') === 'hour' ? 'hour' : 'day',
        volumeBy: ['channel', 'priority', 'none'].includes(params.get('volumeBy')) ? params.get('volumeBy') : 'channel',
        tz,
    };
}

/** The window as the API takes it: from the start of the first day to the end of the last one, or now if sooner. */
function windowOf(s) {
    const errors = {};
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (!date.test(s.from)) errors.from = 'Enter the first day of the range.';
    if (!date.test(s.to)) errors.to = 'Enter the last day of the range.';
    if (!knownZone(s.tz)) errors.tz = 'This browser does not know that time zone; use an IANA name such as Europe/Zurich.';
    if (Object.keys(errors).length) return { errors };
    if (s.from > s.to) return { errors: { from: 'The first day is after the last day.' } };
    const from = startOfDay(s.from, s.tz);
    const to = Math.min(startOfDay(nextDate(s.to), s.tz), Date.now());
    return { from: iso(from), to: iso(Math.max(from, to)) };
}

// ---------- the reports page ----------
function chartsView(params) {
    document.title = 'Reports · Support desk';
    const s = settings(params);
    const charts = [];
    let left = false;
    const onResize = () => charts.forEach(c => c.resize());
    window.addEventListener('resize', onResize);

    const control = (name, label, el, hint) => field(name, label, el, hint);
    const from = h('input', { type: 'date', value: s.from, required: true });
    const to = h('input', { type: 'date', value: s.to, required: true });
    const interval = h('select', {}, h('option', { value: 'day' }, 'Day'), h('option', { value: 'hour' }, 'Hour (up to 31 days)'));
    interval.value = s.interval;
    const volumeBy = h('select', {}, h('option', { value: 'channel' }, 'Channel'), h('option', { value: 'priority' }, 'Priority'), h('option', { value: 'none' }, 'No grouping'));
    volumeBy.value = s.volumeBy;
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    const tz = h('input', { value: s.tz, list: 'report-zones', autocomplete: 'off', spellcheck: 'false' });
    const formAlert = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
    const form = h(
        'form',
        { class: 'filters report-filters', 'aria-label': 'Report range', novalidate: true },
        h('div', { class: 'field-inline' }, control('from', 'From', from)),
        h('div', { class: 'field-inline' }, control('to', 'To', to)),
        h('div', { class: 'field-inline' }, control('interval', 'Per', interval)),
        h('div', { class: 'field-inline' }, control('volumeBy', 'Volume by', volumeBy)),
        h('div', { class: 'field-inline field-zone' }, control('tz', 'Time zone', tz)),
        h('datalist', { id: 'report-zones' }, zones.map(z => h('option', { value: z }))),
        h('button', { type: 'submit', class: 'btn btn-primary' }, 'Show reports'),
    );
    form.addEventListener('submit', e => {
        e.preventDefault();
        const next = new URLSearchParams({ from: from.value, to: to.value, interval: interval.value, volumeBy: volumeBy.value, tz: tz.value.trim() });
        const target = `#/reports?${next}`;
        if (location.hash === target) load();
        else location.hash = target;
    });

    const sections = {
        slaPriority: reportSection('sla-priority', 'SLA compliance by priority', 'h3'),
        slaTier: reportSection('sla-tier', 'SLA compliance by customer tier', 'h3'),
        volume: reportSection('volume', s.volumeBy === 'none' ? 'Volume' : `Volume by ${s.volumeBy}`),
        backlog: reportSection('backlog', 'Backlog over time'),
    };
    main().replaceChildren(
        h(
            'div',
            { class: 'page reports-page' },
            subnav('reports'),
            h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Reports'), h('p', { class: 'muted' }, 'Tickets count in the window in which they were opened; minutes are working minutes as the SLA counts them. Each chart has its numbers in the table under it.'))),
            form,
            formAlert,
            h('section', { class: 'report-group', 'aria-labelledby': 'sla-title' }, h('h2', { id: 'sla-title', class: 'group-title' }, 'SLA compliance'), h('div', { class: 'report-pair' }, sections.slaPriority.el, sections.slaTier.el)),
            sections.volume.el,
            sections.backlog.el,
        ),
    );

    async function load() {
        formAlert.hidden = true;
        showFieldErrors(form, null);
        const range = windowOf({ from: from.value, to: to.value, tz: tz.value.trim() });
        if (range.errors) {
            for (const [name, message] of Object.entries(range.errors)) {
                const box = form.querySelector(`[data-field="${name}"]`);
                box.querySelector('.field-error').textContent = message;
                box.querySelector('input,select')?.setAttribute('aria-invalid', 'true');
            }
            Object.values(sections).forEach(sec => sec.message('Not shown: the range above is not valid.'));
            return;
        }
        const zone = tz.value.trim();
        const base = { from: range.from, to: range.to, tz: zone };
        const bucketed = { ...base, interval: interval.value };
        const requests = {
            slaPriority: ['sla', { ...base, groupBy: 'priority' }],
            slaTier: ['sla', { ...base, groupBy: 'tier' }],
            volume: ['volume', volumeBy.value === 'none' ? bucketed : { ...bucketed, groupBy: volumeBy.value }],
            backlog: ['backlog', bucketed],
        };
        Object.values(sections).forEach(sec => sec.loading());
        charts.splice(0).forEach(c => c.dispose());
        const chartLib = loadCharts().then(
            lib => lib,
            () => null,
        );
        const answers = await Promise.allSettled(Object.values(requests).map(([name, q]) => api.reports.rows(name, q)));
        if (left) return;
        const lib = await chartLib;
        if (left) return;
        const failed = answers.find(a => a.status === 'rejected');
        if (failed) {
            const shown = showFieldErrors(form, failed.reason, { groupBy: 'volumeBy' });
            formAlert.hidden = false;
            formAlert.textContent = shown ? 'The API refused the range: see the fields above.' : problemText(failed.reason);
        }
        const ctx = { zone, interval: interval.value, volumeBy: volumeBy.value, lib, charts, range: s };
        Object.entries(requests).forEach(([key, [name, q]], i) => {
            const sec = sections[key];
            const answer = answers[i];
            const fileRange = `${from.value}_${to.value}`;
            sec.setQuery(name, q, `${sec.id}_${fileRange}.csv`);
            if (answer.status === 'rejected') sec.message(`Not shown: ${problemText(answer.reason)}`, 'error');
            else RENDER[key](sec, answer.value, ctx);
        });
    }
    load();
    return {
        refresh: load,
        leave() {
            left = true;
            window.removeEventListener('resize', onResize);
            charts.splice(0).forEach(c => c.dispose());
        },
    };
}

/** One report: its heading, the chart, the table and the CSV download of the same query. */
function reportSection(id, heading, level = 'h2') {
    const headingId = `${id}-title`;
    const body = h('div', { class: 'report-body' });
    const download = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `Download CSV: ${heading}`, disabled: true }, 'Download CSV');
    const el = h('section', { class: 'card report', 'data-report': id, 'data-state': 'loading', 'aria-labelledby': headingId }, h('div', { class: 'report-head' }, h(level, { id: headingId }, heading), download), body);
    let request = null;
    download.addEventListener('click', async () => {
        if (!request) return;
        download.disabled = true;
        download.textContent = 'Downloading…';
        try {
            const csv = await api.reports.csv(request.name, request.query);
            const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
            const a = h('a', { href: url, download: request.file, hidden: true });
            document.body.append(a);
            a.click();
            a.remove();
            setTimeout(() => URL.revokeObjectURL(url), 10000);
            toast(`Saved ${request.file}`);
        } catch (e) {
            toast(`The CSV could not be downloaded. ${problemText(e)}`);
        } finally {
            download.disabled = false;
            download.textContent = 'Download CSV';
        }
    });
    return {
        id,
        heading,
        el,
        loading() {
            el.dataset.state = 'loading';
            download.disabled = true;
            body.replaceChildren(h('p', { class: 'muted report-message' }, 'Loading…'));
        },
        setQuery(name, query, file) {
            request = { name, query, file };
            el.dataset.query = new URLSearchParams(query).toString();
            download.disabled = false;
        },
        message(text, state = 'error') {
            el.dataset.state = state;
            if (state === 'error') download.disabled = true;
            body.replaceChildren(h('p', { class: state === 'empty' ? 'report-message report-empty' : 'report-message alert alert-error' }, text));
        },
        show(chartSpec, table, lib, charts) {
            el.dataset.state = 'ready';
            const chartBox = h('div', { class: 'chart', role: 'img', 'aria-label': chartSpec.label });
            body.replaceChildren(chartBox, h('div', { class: 'table-wrap report-table', tabindex: '0', role: 'region', 'aria-label': `${heading}: table` }, table));
            if (!lib) {
                chartBox.removeAttribute('role');
                chartBox.removeAttribute('aria-label');
                chartBox.classList.add('chart-missing');
                chartBox.textContent = 'The chart could not be loaded; the table below holds the same numbers.';
                return;
            }
            const chart = lib.init(chartBox, null, { renderer: 'canvas' });
            chart.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' }, grid: { left: 8, right: 8, top: 52, bottom: 8, containLabel: true }, ...chartSpec.option });
            charts.push(chart);
        },
    };
}

function table(caption, columns, rows) {
    return h(
        'table',
        { class: 'report-data' },
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.label)))),
        h('tbody', {}, rows.map(row => h('tr', {}, columns.map((c, i) => h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.numeric ? 'num' : null }, c.cell(row)))))),
    );
}
const value = v => (v === null || v === undefined ? '—' : String(v));
const keyLabel = (group, key) => (key === null || key === undefined ? 'None' : group === 'assignee' ? displayName(key) : title(key));

function bucketLabel(iso, ctx) {
    const options = ctx.interval === 'hour' ? { timeZone: ctx.zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } : { timeZone: ctx.zone, day: 'numeric', month: 'short', year: 'numeric' };
    return new Intl.DateTimeFormat(undefined, options).format(new Date(iso));
}
const bucketCell = ctx => iso => h('time', { datetime: iso }, bucketLabel(iso, ctx));

// ---------- the three reports ----------
function renderSla(group, groupWord) {
    return (sec, rows, ctx) => {
        if (!rows.length) {
            sec.message('No tickets were opened in this range, so there is no SLA outcome to show.', 'empty');
            return;
        }
        const labels = rows.map(r => keyLabel(group, r.key));
        const summary = rows.map((r, i) => `${labels[i]} ${r.compliancePct === null ? 'no outcome yet' : `${r.compliancePct} % met`}, ${r.firstResponseBreached + r.resolutionBreached} breached`).join('; ');
        const option = {
            xAxis: { type: 'category', data: labels },
            yAxis: [
                { type: 'value', name: 'Met %', min: 0, max: 100 },
                { type: 'value', name: 'Breached', minInterval: 1, splitLine: { show: false } },
            ],
            series: [
                { name: 'Met %', type: 'bar', data: rows.map(r => r.compliancePct), itemStyle: { color: '#136c3a' } },
                { name: 'First response breached', type: 'bar', yAxisIndex: 1, data: rows.map(r => r.firstResponseBreached), itemStyle: { color: '#d98a00' } },
                { name: 'Resolution breached', type: 'bar', yAxisIndex: 1, data: rows.map(r => r.resolutionBreached), itemStyle: { color: '#b0182b' } },
            ],
        };
        const columns = [
            { label: title(groupWord), cell: r => keyLabel(group, r.key) },
            { label: 'Tickets', numeric: true, cell: r => value(r.tickets) },
            { label: 'First response met', numeric: true, cell: r => value(r.firstResponseMet) },
            { label: 'First response breached', numeric: true, cell: r => value(r.firstResponseBreached) },
            { label: 'Resolution met', numeric: true, cell: r => value(r.resolutionMet) },
            { label: 'Resolution breached', numeric: true, cell: r => value(r.resolutionBreached) },
            { label: 'Met %', numeric: true, cell: r => value(r.compliancePct) },
            { label: 'First response P50 (min)', numeric: true, cell: r => value(r.firstResponseMinutesP50) },
            { label: 'First response P90 (min)', numeric: true, cell: r => value(r.firstResponseMinutesP90) },
            { label: 'Resolution P50 (min)', numeric: true, cell: r => value(r.resolutionMinutesP50) },
            { label: 'Resolution P90 (min)', numeric: true, cell: r => value(r.resolutionMinutesP90) },
        ];
        sec.show({ label: `Bar chart of SLA compliance by ${groupWord}: ${summary}. The table below lists the same numbers.`, option }, table(`SLA compliance by ${groupWord}`, columns, rows), ctx.lib, ctx.charts);
    };
}

function renderVolume(sec, rows, ctx) {
    const grouped = ctx.volumeBy !== 'none';
    const opened = rows.reduce((n, r) => n + r.opened, 0);
    const resolved = rows.reduce((n, r) => n + r.resolved, 0);
    if (!opened && !resolved) {
        sec.message('No ticket was opened or resolved in this range.', 'empty');
        return;
    }
    const starts = [...new Set(rows.map(r => r.start))];
    const labels = starts.map(st => bucketLabel(st, ctx));
    const per = ctx.interval === 'hour' ? 'hour' : 'day';
    let series;
    if (grouped) {
        const order = ctx.volumeBy === 'channel' ? CHANNELS : PRIORITIES;
        const keys = [...new Set(rows.map(r => r.key))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
        series = keys.map((key, i) => ({
            name: `${title(key)} opened`,
            type: 'bar',
            stack: 'opened',
            itemStyle: { color: COLOURS[i % COLOURS.length] },
            data: starts.map(st => rows.find(r => r.start === st && r.key === key)?.opened ?? 0),
        }));
        series.push({ name: 'Resolved (all)', type: 'line', symbol: 'circle', itemStyle: { color: '#17202e' }, data: starts.map(st => rows.filter(r => r.start === st).reduce((n, r) => n + r.resolved, 0)) });
    } else {
        series = [
            { name: 'Opened', type: 'bar', itemStyle: { color: '#1f5fd1' }, data: rows.map(r => r.opened) },
            { name: 'Resolved', type: 'bar', itemStyle: { color: '#136c3a' }, data: rows.map(r => r.resolved) },
        ];
    }
    const byBucket = starts.map(st => rows.filter(r => r.start === st).reduce((n, r) => n + r.opened, 0));
    const busiest = byBucket.indexOf(Math.max(...byBucket));
    const how = grouped ? `stacked by ${ctx.volumeBy}` : 'opened beside resolved';
    const label = `Bar chart of tickets opened per ${per}, ${how}, ${labels[0]} to ${labels[labels.length - 1]}: ${opened} opened and ${resolved} resolved in all; the busiest ${per} was ${labels[busiest]} with ${byBucket[busiest]} opened. The table below lists the same numbers.`;
    const columns = [
        { label: ctx.interval === 'hour' ? 'Hour' : 'Day', cell: r => bucketCell(ctx)(r.start) },
        ...(grouped ? [{ label: title(ctx.volumeBy), cell: r => keyLabel(ctx.volumeBy, r.key) }] : []),
        { label: 'Opened', numeric: true, cell: r => value(r.opened) },
        { label: 'Resolved', numeric: true, cell: r => value(r.resolved) },
    ];
    const caption = grouped ? `Tickets opened and resolved per ${per} and ${ctx.volumeBy}` : `Tickets opened and resolved per ${per}`;
    sec.show({ label, option: { xAxis: { type: 'category', data: labels }, yAxis: { type: 'value', minInterval: 1 }, series } }, table(caption, columns, rows), ctx.lib, ctx.charts);
}

function renderBacklog(sec, rows, ctx) {
    if (!rows.length || rows.every(r => r.backlog === 0)) {
        sec.message('No ticket was waiting for a resolution at any point in this range.', 'empty');
        return;
    }
    const per = ctx.interval === 'hour' ? 'hour' : 'day';
    const labels = rows.map(r => bucketLabel(r.start, ctx));
    const values = rows.map(r => r.backlog);
    const top = values.indexOf(Math.max(...values));
    const label = `Line chart of the tickets not yet resolved at the end of each ${per}, ${labels[0]} to ${labels[labels.length - 1]}: from ${values[0]} to ${values[values.length - 1]}, highest ${values[top]} on ${labels[top]}. The table below lists the same numbers.`;
    const columns = [
        { label: ctx.interval === 'hour' ? 'Hour' : 'Day', cell: r => bucketCell(ctx)(r.start) },
        { label: 'Until', cell: r => h('time', { datetime: r.end }, dateTimeFormat.format(new Date(r.end))) },
        { label: 'Not yet resolved', numeric: true, cell: r => value(r.backlog) },
    ];
    const option = { xAxis: { type: 'category', data: labels, boundaryGap: false }, yAxis: { type: 'value', minInterval: 1 }, series: [{ name: 'Not yet resolved', type: 'line', symbol: 'circle', areaStyle: { opacity: 0.12 }, itemStyle: { color: '#1f5fd1' }, data: values }] };
    sec.show({ label, option }, table(`Tickets not yet resolved at the end of each ${per}`, columns, rows), ctx.lib, ctx.charts);
}

const RENDER = {
    slaPriority: renderSla('priority', 'priority'),
    slaTier: renderSla('tier', 'customer tier'),
    volume: renderVolume,
    backlog: renderBacklog,
};

// ---------- what if: the SLA report under other policies ----------
const WHAT_IF_TARGETS = [
    ['firstResponse', 'First response', true],
    ['nextResponse', 'Next response', false],
    ['resolution', 'Resolution', true],
];
const WHAT_IF_GROUPS = [
    ['priority', 'Priority'],
    ['channel', 'Channel'],
    ['tier', 'Customer tier'],
    ['assignee', 'Assignee'],
    ['group', 'Group'],
];
const MATCH_FIELDS = [
    ['priority', 'Priority', PRIORITIES, 'Any priority'],
    ['customerTier', 'Customer tier', TIERS, 'Any tier'],
    ['channel', 'Channel', CHANNELS, 'Any channel'],
];

/** A target in words when the words say exactly as much (durationText drops seconds beside days); else as stored. */
function inWords(iso) {
    const words = durationText(iso);
    const back = toIsoDuration(words);
    return back && isoSeconds(back) === isoSeconds(iso) ? words : iso;
}

/** A stored policy as the what-if body takes it: no ladder, no webhook, no bookkeeping; targets in words. */
function whatIfDraft(p) {
    const match = {};
    for (const [key] of MATCH_FIELDS) if (p.match?.[key]) match[key] = p.match[key];
    const targets = {};
    for (const [key] of WHAT_IF_TARGETS) targets[key] = p.targets?.[key] ? inWords(p.targets[key]) : '';
    return { name: p.name || '', match, targets, warnAtPercent: p.warnAtPercent, calendar: p.calendar || '24x7' };
}
/** A what-if field that a 400's path (policies[0].targets.resolution) finds. */
function pathField(path, label, control, hint) {
    return uiPathField('wi', path, label, control, hint);
}

/** Each error under the field its path names; what has no field goes to the alert. Answers the first control at fault. */
function showPathErrors(form, alert, errors, lead) {
    form.querySelectorAll('.field-error').forEach(el => (el.textContent = ''));
    form.querySelectorAll('[aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
    alert.hidden = true;
    alert.replaceChildren();
    const loose = [];
    let first = null;
    for (const e of errors) {
        const box = form.querySelector(`[data-field="${CSS.escape(e.field || '')}"]`);
        if (!box) {
            loose.push(`${e.field ? `${e.field}: ` : ''}${sentence(e.message)}`);
            continue;
        }
        const slot = box.querySelector(':scope > .field-error');
        slot.textContent = slot.textContent ? `${slot.textContent} ${sentence(e.message)}` : sentence(e.message);
        const control = box.querySelector(':scope > input, :scope > select');
        control?.setAttribute('aria-invalid', 'true');
        first = first || control;
    }
    if (errors.length) {
        alert.hidden = false;
        alert.append(h('strong', {}, lead), loose.length ? loose.join(' ') : 'Correct the fields marked below.');
    }
    first?.focus();
}

/**
 * #/reports/what-if: the stored policies to start from (analysts and admins both read them), edited, sent as a
 * what-if with the stored calendars they name; the answer beside the contracted report.
 */
function whatIfView(params) {
    document.title = 'What if… · Reports · Support desk';
    const s = settings(params);
    const charts = [];
    let left = false;
    let calendars = [];
    let drafts = [];
    let sent = 0;
    const onResize = () => charts.forEach(c => c.resize());
    window.addEventListener('resize', onResize);

    const from = h('input', { type: 'date', value: s.from, required: true });
    const to = h('input', { type: 'date', value: s.to, required: true });
    const tz = h('input', { value: s.tz, autocomplete: 'off', spellcheck: 'false' });
    const groupBy = h('select', {}, WHAT_IF_GROUPS.map(([v, t]) => h('option', { value: v }, t)));
    groupBy.value = WHAT_IF_GROUPS.some(([v]) => v === params.get('groupBy')) ? params.get('groupBy') : 'priority';
    const origin = h('p', { class: 'muted', 'data-origin': 'loading' }, 'Loading the stored policies…');
    const list = h('div', { class: 'steps whatif-policies' });
    const listError = h('p', { class: 'field-error' });
    const alert = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
    const run = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Run');
    const add = h('button', { type: 'button', class: 'btn btn-small' }, 'Add a policy');
    const form = h(
        'form',
        { class: 'card settings-form whatif-form', 'aria-labelledby': 'whatif-title', novalidate: true },
        alert,
        h(
            'fieldset',
            { class: 'group' },
            h('legend', {}, 'Tickets opened'),
            h('div', { class: 'filters report-filters' }, h('div', { class: 'field-inline' }, pathField('from', 'From', from)), h('div', { class: 'field-inline' }, pathField('to', 'To', to)), h('div', { class: 'field-inline field-zone' }, pathField('tz', 'Time zone', tz)), h('div', { class: 'field-inline' }, pathField('groupBy', 'Group by', groupBy))),
        ),
        h('fieldset', { class: 'group' }, h('legend', {}, 'Policies'), origin, h('div', { 'data-field': 'policies' }, list, listError), h('div', {}, add)),
        h('div', { class: 'form-actions' }, run),
    );
    const results = h('section', { class: 'card report whatif-results', 'data-report': 'what-if', 'data-state': 'idle', 'data-sent': '0', 'aria-labelledby': 'whatif-results-title' }, h('h2', { id: 'whatif-results-title' }, 'Contracted beside what-if'), h('p', { class: 'muted report-message' }, 'Run the policies above to see the report they would have given.'));

    main().replaceChildren(
        h(
            'div',
            { class: 'page reports-page' },
            subnav('what-if'),
            h('div', { class: 'page-head' }, h('div', {}, h('h1', { id: 'whatif-title' }, 'What if…'), h('p', { class: 'muted' }, 'The SLA report recomputed from every ticket’s history under the policies below, beside the report under the policies the tickets were opened with. Nothing stored changes. A ticket no policy below matches runs no clock; the built-in default policy is not included.'))),
            form,
            results,
        ),
    );

    const calendarOptions = chosen => {
        const names = ['24x7', ...calendars.map(c => c.name)];
        if (chosen && !names.includes(chosen)) names.push(chosen);
        return names.map(n => h('option', { value: n, selected: n === chosen }, n === '24x7' ? '24x7 (always open)' : n));
    };

    /** The editors as drafts, values as typed, so that adding or removing one renumbers every path. */
    const readDrafts = () =>
        [...list.children].map((box, i) => {
            const get = path => box.querySelector(`[name="${CSS.escape(`policies[${i}].${path}`)}"]`).value;
            const match = {};
            for (const [key] of MATCH_FIELDS) if (get(`match.${key}`)) match[key] = get(`match.${key}`);
            const targets = {};
            for (const [key] of WHAT_IF_TARGETS) targets[key] = get(`targets.${key}`);
            return { name: get('name'), match, targets, warnAtPercent: drafts[i]?.warnAtPercent, calendar: get('calendar') };
        });
    const renderDrafts = () => {
        list.replaceChildren(
            ...drafts.map((d, i) => {
                const at = path => `policies[${i}].${path}`;
                const remove = h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'aria-label': `Remove policy ${i + 1}` }, 'Remove');
                remove.addEventListener('click', () => {
                    drafts = readDrafts();
                    drafts.splice(i, 1);
                    renderDrafts();
                    add.focus();
                });
                return h(
                    'fieldset',
                    { class: 'step card', 'data-policy': String(i) },
                    h('legend', {}, `Policy ${i + 1}`),
                    h('div', { class: 'row3' }, pathField(at('name'), 'Name', h('input', { value: d.name, required: true, autocomplete: 'off', spellcheck: 'false' })), pathField(at('calendar'), 'Calendar', h('select', {}, calendarOptions(d.calendar)))),
                    h('div', { class: 'row3' }, MATCH_FIELDS.map(([key, label, values, any]) => pathField(at(`match.${key}`), label, h('select', {}, h('option', { value: '' }, any), values.map(v => h('option', { value: v, selected: d.match[key] === v }, title(v))))))),
                    h(
                        'div',
                        { class: 'row3' },
                        WHAT_IF_TARGETS.map(([key, label, required]) => pathField(at(`targets.${key}`), label, h('input', { value: d.targets[key] || '', required: required || undefined, autocomplete: 'off', spellcheck: 'false' }), required ? 'Working time, e.g. 4h 30m, 2d or PT4H' : 'Optional')),
                    ),
                    h('div', {}, remove),
                );
            }),
        );
    };
    add.addEventListener('click', () => {
        drafts = readDrafts();
        const used = new Set(drafts.map(d => d.name));
        let n = drafts.length + 1;
        while (used.has(`what-if-${n}`)) n++;
        drafts.push({ name: `what-if-${n}`, match: {}, targets: { firstResponse: '', nextResponse: '', resolution: '' }, calendar: '24x7' });
        renderDrafts();
        list.lastElementChild.querySelector(`[name="policies[${drafts.length - 1}].targets.firstResponse"]`).focus();
    });

    (async () => {
        const [policies, stored] = await Promise.allSettled([api.sla.policies(), api.sla.calendars()]);
        if (left) return;
        if (stored.status === 'fulfilled') calendars = stored.value.filter(c => c.name !== '24x7');
        if (policies.status === 'fulfilled') {
            // Later listed wins a tie, as the most recently changed stored policy does.
            const active = policies.value.filter(p => p.active).sort((a, b) => String(a.changedAt).localeCompare(String(b.changedAt)));
            drafts = active.map(whatIfDraft);
            origin.dataset.origin = 'stored';
            origin.textContent = active.length
                ? `Starting from the ${active.length} active stored ${active.length === 1 ? 'policy' : 'policies'} (escalation ladders and webhooks take no part here). Change their targets or calendars, or add a policy.`
                : 'No policy is stored: add the policies to compare with.';
        } else {
            origin.dataset.origin = 'empty';
            const refused = policies.reason instanceof api.ApiError && policies.reason.status === 403;
            origin.textContent = refused ? 'You may not read the stored SLA policies, so you start from none: add the policies to compare with.' : `The stored policies could not be loaded (${problemText(policies.reason)}): add the policies to compare with.`;
        }
        if (!drafts.length) drafts.push({ name: 'what-if-1', match: {}, targets: { firstResponse: '', nextResponse: '', resolution: '' }, calendar: '24x7' });
        renderDrafts();
    })();

    form.addEventListener('submit', async e => {
        e.preventDefault();
        drafts = readDrafts();
        const errors = [];
        const range = windowOf({ from: from.value, to: to.value, tz: tz.value.trim() });
        for (const [name, message] of Object.entries(range.errors || {})) errors.push({ field: name, message });
        if (!drafts.length) errors.push({ field: 'policies', message: 'Add at least one policy: without one no clock runs' });
        const policies = drafts.map((d, i) => {
            const name = d.name.trim();
            if (!name) errors.push({ field: `policies[${i}].name`, message: 'Give the policy a name' });
            const targets = {};
            for (const [key, label, required] of WHAT_IF_TARGETS) {
                const iso = toIsoDuration(d.targets[key] || '');
                if (iso === null) errors.push({ field: `policies[${i}].targets.${key}`, message: `${label} is not a duration: write it like 4h 30m, 2d, 45m or PT4H` });
                else if (iso) targets[key] = iso;
                else if (required) errors.push({ field: `policies[${i}].targets.${key}`, message: `${label} is needed` });
            }
            const policy = { name, targets, calendar: d.calendar };
            if (Object.keys(d.match).length) policy.match = d.match;
            if (d.warnAtPercent) policy.warnAtPercent = d.warnAtPercent;
            return policy;
        });
        if (errors.length) {
            showPathErrors(form, alert, errors, 'Not run. ');
            return;
        }
        showPathErrors(form, alert, [], '');
        const named = new Set(policies.map(p => p.calendar));
        const body = { policies, from: range.from, to: range.to, groupBy: groupBy.value };
        const given = calendars.filter(c => named.has(c.name)).map(c => ({ name: c.name, timeZone: c.timeZone, workingHours: c.workingHours, ...(c.holidays?.length ? { holidays: c.holidays } : {}) }));
        if (given.length) body.calendars = given;
        results.dataset.state = 'loading';
        results.dataset.sent = String(++sent);
        results.dataset.body = JSON.stringify(body);
        run.disabled = true;
        charts.splice(0).forEach(c => c.dispose());
        results.replaceChildren(results.firstElementChild, h('p', { class: 'muted report-message' }, 'Recomputing every ticket’s clocks…'));
        try {
            const [answer, lib] = await Promise.all([api.reports.whatIf(body), loadCharts().catch(() => null)]);
            if (left) return;
            renderWhatIf(results, answer, lib, charts);
        } catch (err) {
            if (left) return;
            results.dataset.state = 'error';
            const fieldErrors = err instanceof api.ApiError && err.status === 400 ? err.problem.errors || [] : [];
            if (fieldErrors.length) showPathErrors(form, alert, fieldErrors, 'The what-if was refused. ');
            results.replaceChildren(results.firstElementChild, h('p', { class: 'report-message alert alert-error' }, fieldErrors.length ? 'Not recomputed: see the fields marked above.' : `Not recomputed: ${problemText(err)}`));
        } finally {
            run.disabled = false;
        }
    });

    return {
        refresh() {},
        leave() {
            left = true;
            window.removeEventListener('resize', onResize);
            charts.splice(0).forEach(c => c.dispose());
        },
    };
}

const OUTCOME = { MET: 'met', BREACHED: 'breached' };
const outcomeText = o => (o ? OUTCOME[o] || o.toLowerCase() : 'no clock');
const breaches = r => r.firstResponseBreached + r.resolutionBreached;

function renderWhatIf(results, answer, lib, charts) {
    const group = answer.groupBy;
    const groupWord = WHAT_IF_GROUPS.find(([v]) => v === group)?.[1] || title(group);
    const head = results.firstElementChild;
    results.dataset.state = answer.rows.length ? 'ready' : 'empty';
    const summary = h(
        'p',
        { class: 'whatif-summary', 'data-changed': String(answer.changedTickets) },
        `${number.format(answer.tickets)} ${answer.tickets === 1 ? 'ticket' : 'tickets'} opened in the range; under these policies ${number.format(answer.changedTickets)} would have another first-response or resolution outcome.`,
        answer.ticketsWithoutTimeline ? ` ${number.format(answer.ticketsWithoutTimeline)} were recorded before the reports kept SLA timelines and run no clock here (a rebuild of ticket-reports fills them in).` : '',
    );
    if (!answer.rows.length) {
        results.replaceChildren(head, summary, h('p', { class: 'report-message report-empty' }, 'No tickets were opened in this range, so there is nothing to recompute.'));
        return;
    }
    const labels = answer.rows.map(r => keyLabel(group, r.key));
    const columns = [
        { label: groupWord, cell: r => keyLabel(group, r.key) },
        { label: 'Tickets', numeric: true, cell: r => value(r.contracted.tickets) },
        { label: 'Contracted met %', numeric: true, cell: r => value(r.contracted.compliancePct) },
        { label: 'What-if met %', numeric: true, cell: r => value(r.whatIf.compliancePct) },
        { label: 'Contracted breaches', numeric: true, cell: r => value(breaches(r.contracted)) },
        { label: 'What-if breaches', numeric: true, cell: r => value(breaches(r.whatIf)) },
        { label: 'Changed tickets', numeric: true, cell: r => value(r.changedTickets) },
    ];
    const chartBox = h('div', { class: 'chart' });
    const samples = answer.rows
        .map((r, i) => [r, labels[i]])
        .filter(([r]) => r.changed.length)
        .map(([r, label]) =>
            h(
                'div',
                { class: 'whatif-changed', 'data-key': r.key ?? '' },
                h('h3', {}, `Changed in ${label}: ${r.changed.length < r.changedTickets ? `${r.changed.length} of ${r.changedTickets}` : r.changedTickets}`),
                h(
                    'ul',
                    {},
                    r.changed.map(c =>
                        h(
                            'li',
                            {},
                            h('a', { href: `#/tickets/${encodeURIComponent(c.ticketId)}` }, c.ticketId),
                            ` (${c.policy ? `policy ${c.policy}` : 'no policy matches'}): first response ${outcomeText(c.firstResponse.contracted)} → ${outcomeText(c.firstResponse.whatIf)}, resolution ${outcomeText(c.resolution.contracted)} → ${outcomeText(c.resolution.whatIf)}`,
                        ),
                    ),
                ),
            ),
        );
    results.replaceChildren(
        head,
        summary,
        chartBox,
        h('div', { class: 'table-wrap report-table', tabindex: '0', role: 'region', 'aria-label': 'Contracted beside what-if: table' }, table(`SLA compliance by ${groupWord.toLowerCase()}: contracted beside what-if`, columns, answer.rows)),
        ...samples,
    );
    if (!lib) {
        chartBox.classList.add('chart-missing');
        chartBox.textContent = 'The chart could not be loaded; the table below holds the same numbers.';
        return;
    }
    const pct = v => (v === null || v === undefined ? 'no outcome' : `${v} %`);
    chartBox.setAttribute('role', 'img');
    chartBox.setAttribute('aria-label', `Bar chart of SLA compliance by ${groupWord.toLowerCase()}, contracted beside what-if: ${answer.rows.map((r, i) => `${labels[i]} ${pct(r.contracted.compliancePct)} contracted, ${pct(r.whatIf.compliancePct)} what-if`).join('; ')}. The table below lists the same numbers.`);
    const chart = lib.init(chartBox, null, { renderer: 'canvas' });
    chart.setOption({
        animation: false,
        textStyle: { fontFamily: 'inherit' },
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', name: 'Met %', min: 0, max: 100 },
        series: [
            { name: 'Contracted', type: 'bar', data: answer.rows.map(r => r.contracted.compliancePct), itemStyle: { color: '#1f5fd1' } },
            { name: 'What-if', type: 'bar', data: answer.rows.map(r => r.whatIf.compliancePct), itemStyle: { color: '#8a4b00' } },
        ],
    });
    charts.push(chart);
}

// ---------- read models and rebuilds ----------
const active = replay => replay && (replay.state === 'RUNNING' || replay.state === 'SWITCHING');

function projectionsView() {
    document.title = 'Read models · Support desk';
    let left = false;
    let timer = null;
    let last = {};
    const announce = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
    const alert = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
    const list = h('div', { class: 'projection-list' }, h('p', { class: 'muted' }, 'Loading the read models…'));
    main().replaceChildren(
        h(
            'div',
            { class: 'page reports-page' },
            subnav('projections'),
            h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Read models and rebuilds'), h('p', { class: 'muted' }, 'Every consumer of the ticket events, where it stands and what it could not apply. A rebuild reads every event from the first into a fresh copy while the live read model keeps serving, and switches over once the copy has caught up.'))),
            alert,
            announce,
            list,
        ),
    );

    const schedule = running => {
        clearTimeout(timer);
        if (!left) timer = setTimeout(load, running ? 1000 : 10000);
    };
    async function load() {
        clearTimeout(timer);
        try {
            const answer = await api.projections.list();
            if (left) return;
            alert.hidden = true;
            const items = answer.items || [];
            noticeChanges(items);
            render(items, answer.unavailable || []);
            schedule(items.some(p => active(p.replay)));
        } catch (e) {
            if (left) return;
            alert.hidden = false;
            alert.textContent = `The read models could not be listed. ${problemText(e)}`;
            schedule(Object.values(last).some(state => state === 'RUNNING' || state === 'SWITCHING'));
        }
    }
    function noticeChanges(items) {
        for (const p of items) {
            const state = p.replay?.state;
            const before = last[p.name];
            if (before && before !== state && (before === 'RUNNING' || before === 'SWITCHING')) {
                const words = state === 'DONE' ? `${p.name} is rebuilt and serves from the new copy.` : `The rebuild of ${p.name} ended: ${replayWords(p.replay)}`;
                announce.textContent = words;
                toast(words);
            }
            last[p.name] = state;
        }
    }
    function render(items, unavailable) {
        const focused = document.activeElement?.dataset?.focusKey;
        const cards = items.map(p => projectionCard(p, () => confirmRebuild(p, started)));
        const missing = unavailable.length ? [h('div', { class: 'alert alert-warn' }, `Not answering: ${unavailable.join(', ')}. Its consumers are missing from this list; the others are shown.`)] : [];
        list.replaceChildren(...missing, ...(cards.length ? cards : [h('p', { class: 'card empty' }, 'No read model reported itself.')]));
        if (focused) list.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
    }
    function started(answer) {
        last[answer.projection] = 'RUNNING';
        announce.textContent = `The rebuild of ${answer.projection} started.`;
        load();
    }
    load();
    return {
        refresh: load,
        leave() {
            left = true;
            clearTimeout(timer);
        },
    };
}

function replayWords(replay) {
    if (!replay) return '';
    const by = replay.requestedBy ? ` by ${displayName(replay.requestedBy)}` : '';
    switch (replay.state) {
        case 'DONE':
            return `Rebuilt from ${number.format(replay.eventsDone)} events (started${by} ${when(replay.startedAt)}, switched over ${when(replay.finishedAt)}).`;
        case 'FAILED':
            return `The rebuild failed: ${replay.error || 'no reason was given'}. The live read model serves on.`;
        case 'INTERRUPTED':
            return `The rebuild stopped with its instance (${replay.error || 'no reason was given'}); start it again.`;
        default:
            return `${PHASES[replay.phase] || 'Rebuilding'}${by}.`;
    }
}

function progress(replay) {
    const done = replay.eventsDone || 0;
    const target = replay.eventsTarget || 0;
    const rate = replay.eventsPerSecond;
    const left = replay.estimatedSecondsLeft;
    const parts = [
        target ? `${number.format(done)} of ${number.format(target)} events` : `${number.format(done)} events`,
        rate !== undefined && rate !== null ? `${number.format(rate)} events/s` : null,
        left !== undefined && left !== null ? `about ${secondsText(left)} left` : 'time left not known yet',
    ].filter(Boolean);
    const bar = h('progress', { max: String(Math.max(target, done, 1)), value: String(done), 'aria-label': `Rebuild of ${replay.projection || 'the read model'}: events done` });
    return h('div', { class: 'replay-progress', 'data-replay-state': replay.state }, h('p', { class: 'replay-phase' }, h('strong', {}, replay.state === 'SWITCHING' ? 'Switching over' : 'Rebuilding'), ` · ${PHASES[replay.phase] || 'Starting'}`), bar, h('p', { class: 'replay-figures' }, parts.join(' · ')));
}

function secondsText(seconds) {
    const s = Math.ceil(seconds);
    if (s < 60) return `${s} s`;
    const m = Math.floor(s / 60);
    return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function projectionCard(p, onRebuild) {
    const replay = p.replay;
    const fact = (label, content) => h('div', {}, h('dt', {}, label), h('dd', {}, content));
    const stateClass = { RUNNING: 'state-active', CATCHING_UP: 'state-active', STALLED: 'state-bad', RETRYING: 'state-warn' }[p.state] || 'state-inactive';
    const rebuild = p.replayable
        ? h('button', { type: 'button', class: 'btn btn-small', 'data-focus-key': `rebuild-${p.name}`, 'aria-label': `Rebuild ${p.name}`, disabled: active(replay), onclick: onRebuild }, active(replay) ? 'Rebuilding…' : 'Rebuild')
        : h('span', { class: 'muted small' }, 'Not rebuildable');
    const parked = p.parkedCount ?? (p.parked || []).length;
    return h(
        'section',
        { class: 'card projection', 'data-projection': p.name, 'aria-labelledby': `projection-${p.name}` },
        h('div', { class: 'report-head' }, h('div', {}, h('h2', { id: `projection-${p.name}` }, p.name), h('p', { class: 'muted small' }, READ_MODELS[p.name] || `A consumer in ${p.service}`)), rebuild),
        h(
            'dl',
            { class: 'projection-facts' },
            fact('State', h('span', { class: `badge ${stateClass}` }, title(String(p.state || 'unknown').replace('_', ' ')))),
            fact('Service', p.service || '—'),
            fact('Position', p.position === undefined || p.position === null ? '—' : number.format(p.position)),
            fact('Lag', p.lag === undefined || p.lag === null ? '—' : `${number.format(p.lag)} events`),
            fact('Parked', parked ? `${number.format(parked)} events` : 'None'),
        ),
        p.lastError ? h('p', { class: 'alert alert-warn' }, `Last error: ${p.lastError}`) : null,
        replay ? (active(replay) ? progress({ ...replay, projection: p.name }) : h('p', { class: `replay-outcome replay-${replay.state.toLowerCase()}`, 'data-replay-state': replay.state }, h('strong', {}, `Last rebuild: ${title(replay.state)}`), ` · ${replayWords(replay)}`)) : p.replayable ? h('p', { class: 'muted small' }, 'Never rebuilt.') : null,
    );
}

function confirmRebuild(p, started) {
    const dlg = $('#dialog');
    const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
    const yes = h('button', { type: 'button', class: 'btn btn-primary' }, 'Rebuild');
    yes.addEventListener('click', async () => {
        yes.disabled = true;
        try {
            const answer = await api.projections.replay(p.name);
            dlg.close();
            toast(`Rebuild of ${answer.projection} started`);
            started(answer);
        } catch (e) {
            yes.disabled = false;
            error.hidden = false;
            error.textContent = e instanceof api.ApiError && e.status === 409 ? `Not started: ${e.problem.detail || 'another rebuild is running'}. Wait until it has switched over.` : problemText(e);
        }
    });
    dlg.replaceChildren(
        h(
            'div',
            {},
            h('h2', { id: 'dialog-title' }, `Rebuild ${p.name}?`),
            h('p', {}, `${READ_MODELS[p.name] || p.name} will be rebuilt from the first event into a fresh copy. The live read model keeps serving meanwhile; the copy takes over once it has caught up. One rebuild runs at a time.`),
            error,
            h('div', { class: 'form-actions' }, yes, h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => dlg.close() }, 'Cancel')),
        ),
    );
    dlg.setAttribute('aria-labelledby', 'dialog-title');
    dlg.showModal();
    yes.focus();
}
