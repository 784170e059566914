// Reports for analysts and admins: SLA compliance, volume and backlog as charts, each with the same numbers as a
// table under it and the API's own CSV; and the read models with their rebuilds, progress followed live.
import * as api from './api.js';
import { $, ROLE_LABELS, app, h, main, title, displayName, dateTimeFormat, when, toast, problemText, has, field, showFieldErrors, CHANNELS, PRIORITIES } from './ui.js';

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
    return h('nav', { class: 'subnav', 'aria-label': 'Reports pages' }, link('#/reports', 'Reports', 'reports'), link('#/reports/projections', 'Read models and rebuilds', 'projections'));
}

/** #/reports and #/reports/projections; every other role is told that the pages are not theirs. */
export function reportsView(path, params) {
    $('#nav-reports')?.setAttribute('aria-current', 'page');
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
