// The audit view for auditors and administrators (docs/audit.md): who changed what and when, a stream's
// trail with its hash chain, and the verification of one stream or of the whole store against the signed
// checkpoints. It only reads: nothing here changes a ticket, and the one thing it starts is a verification.
import * as api from './api.js';
import { $, ROLE_LABELS, app, h, main, displayName, problemText, has, field, showFieldErrors } from './ui.js';

const PAGE_SIZE = 50;
const ZERO_HASH = '0'.repeat(64);
const SOURCES = { CONSOLE: 'Console', API: 'API', SLA_MONITOR: 'SLA monitor', SYSTEM: 'System' };
// Every event type of shared-events, grouped as a person looks for them; types stored later that are not
// named here are still listed once a page shows them.
const TYPE_GROUPS = [
    ['Tickets', ['TicketOpenedEvent', 'TicketAssignedEvent', 'TicketPriorityChangedEvent', 'TicketTagsChangedEvent', 'TicketMarkedPendingEvent', 'TicketResumedEvent', 'TicketResolvedEvent', 'TicketReopenedEvent', 'TicketClosedEvent', 'TicketMergedEvent', 'TicketEscalatedEvent']],
    ['Conversation', ['PublicReplyPostedEvent', 'InternalNoteAddedEvent', 'CustomerMessageReceivedEvent']],
    ['SLA clocks', ['SlaClockStartedEvent', 'SlaClockAtRiskEvent', 'SlaClockBreachedEvent', 'SlaClockMetEvent', 'SlaClockPausedEvent', 'SlaClockResumedEvent', 'SlaClockRetargetedEvent', 'SlaClockCancelledEvent']],
    ['Supervisor notifications', ['SupervisorNotificationRequestedEvent', 'SupervisorNotificationDeliveredEvent', 'SupervisorNotificationFailedEvent']],
    ['Configuration', ['SlaPolicyDefinedEvent', 'SlaPolicyDeactivatedEvent', 'SlaCalendarDefinedEvent']],
    ['Users and roles', ['UserAddedEvent', 'UserRemovedEvent', 'UserRolesChangedEvent', 'UserGroupsChangedEvent', 'UserDisplayNameChangedEvent']],
];
const seenTypes = new Set();
const KINDS = {
    HASH_MISMATCH: 'Hash mismatch',
    MISSING: 'Missing',
    OUT_OF_ORDER: 'Out of order',
    TRUNCATED: 'Truncated',
    CHECKPOINT_MISMATCH: 'Rewritten after a checkpoint',
    CHECKPOINT_INVALID: 'Invalid checkpoint',
};
const secondsFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** "TicketAssignedEvent" in words: "Ticket assigned". */
export function typeWords(type) {
    const words = String(type || '')
        .replace(/Event$/, '')
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .toLowerCase();
    return words.replace(/^sla\b/, 'SLA').replace(/^./, c => c.toUpperCase());
}

/** An audit instant to the second, the stored ISO value kept in datetime and title. */
function auditTime(iso) {
    if (!iso) return h('span', { class: 'muted' }, '—');
    return h('time', { datetime: iso, title: iso }, secondsFormat.format(new Date(iso)));
}

function roleWord(role) {
    if (!role) return '';
    if (role === 'SYSTEM') return 'Service';
    return ROLE_LABELS[role] || role;
}

function actorCell(actor) {
    if (!actor?.name) return h('span', { class: 'muted' }, 'Not recorded');
    return h('span', { class: 'actor' }, h('span', {}, displayName(actor.name)), actor.role ? h('span', { class: 'muted small' }, roleWord(actor.role)) : null);
}

function sourceWord(source) {
    return source ? SOURCES[source] || source : 'Not recorded';
}

/** A hash shortened for reading; the whole value is in the title and in data-hash. */
function shortHash(hex, label) {
    if (!hex) return h('span', { class: 'muted' }, '—');
    return h('code', { class: 'hash', title: `${label} ${hex}`, 'data-hash': hex }, `${hex.slice(0, 12)}…`);
}

function streamName(item) {
    return item.ticketId || item.aggregateId || '';
}

const trailHref = id => `#/audit/tickets/${encodeURIComponent(id)}`;

/** The audit routes: the trail list, one stream's trail (section 'tickets') and the verification ('verify'). */
export function auditView(section, id, params) {
    $('#nav-audit')?.setAttribute('aria-current', 'page');
    if (!has('AUDITOR', 'ADMIN')) {
        document.title = 'Audit · Support desk';
        main().replaceChildren(
            h(
                'div',
                { class: 'page narrow' },
                h('h1', {}, 'Audit'),
                h('div', { class: 'alert alert-error', role: 'alert', style: 'margin-top:16px' }, `The audit view is for auditors and administrators. As ${(app.me.roles || []).map(r => ROLE_LABELS[r] || r).join(', ')} you see each ticket’s own history in the ticket view.`),
                h('a', { href: '#/queue' }, 'Back to the queue'),
            ),
        );
        return { refresh() {} };
    }
    if (section === 'tickets' && id) return trailView(id);
    if (section === 'verify') return verificationView(params);
    return listView(params);
}

function auditPage(current, titleText, ...content) {
    const tab = (href, text, key) => h('a', { href, class: 'audit-tab', 'aria-current': current === key ? 'page' : null }, text);
    return h(
        'section',
        { class: 'page audit-page', 'aria-labelledby': 'audit-title' },
        h('div', { class: 'page-head' }, h('h1', { id: 'audit-title' }, titleText)),
        h('nav', { class: 'audit-tabs', 'aria-label': 'Audit' }, tab('#/audit', 'Audit trail', 'list'), tab('#/audit/verify', 'Verification and checkpoints', 'verify')),
        ...content,
    );
}

// ---------- the list: GET /api/audit with the filters in the URL ----------
function listView(params) {
    document.title = 'Audit trail · Support desk';
    const filters = {
        actor: params.get('actor') || '',
        ticket: params.get('ticket') || '',
        type: params.get('type') || '',
        from: params.get('from') || '',
        to: params.get('to') || '',
        page: Math.max(0, parseInt(params.get('page') || '0', 10) || 0),
    };
    let left = false;
    let typing = null;
    let asking = 0;

    const actors = [...app.users].sort((a, b) => a.displayName.localeCompare(b.displayName));
    const actorOptions = [['', 'Anyone'], ...actors.map(u => [u.name, `${u.displayName} (${(u.roles || []).map(roleWord).join(', ')})`])];
    if (!actors.some(u => u.name === 'ticket-command')) actorOptions.push(['ticket-command', 'The platform itself (ticket-command)']);
    if (filters.actor && !actorOptions.some(([v]) => v === filters.actor)) actorOptions.push([filters.actor, filters.actor]);
    const actor = h('select', { id: 'af-actor' }, actorOptions.map(([v, text]) => h('option', { value: v, selected: v === filters.actor }, text)));
    const ticket = h('input', { id: 'af-ticket', value: filters.ticket, size: 14, autocomplete: 'off', spellcheck: 'false' });
    const type = h('select', { id: 'af-type' });
    const from = h('input', { id: 'af-from', type: 'datetime-local', step: '1', value: localInput(filters.from) });
    const to = h('input', { id: 'af-to', type: 'datetime-local', step: '1', value: localInput(filters.to) });
    fillTypes(type, filters.type);
    const clear = h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => { location.hash = '#/audit'; } }, 'Clear filters');
    const form = h(
        'form',
        { class: 'filters audit-filters', role: 'search', 'aria-label': 'Filter the audit trail', novalidate: true },
        field('actor', 'Actor', actor),
        field('ticketId', 'Ticket or stream', ticket),
        field('type', 'Event type', type),
        field('from', 'From', from),
        field('to', 'Until (not included)', to),
        h('div', { class: 'field audit-clear' }, clear),
    );
    form.addEventListener('submit', e => {
        e.preventDefault();
        changed();
    });
    form.addEventListener('change', e => {
        if (e.target !== ticket) changed();
    });
    ticket.addEventListener('input', () => {
        clearTimeout(typing);
        typing = setTimeout(changed, 400);
    });
    ticket.addEventListener('change', changed);

    const summary = h('p', { class: 'queue-summary', role: 'status', 'aria-live': 'polite' }, 'Loading the audit trail…');
    const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
    const tbody = h('tbody');
    const table = h(
        'table',
        { class: 'audit-table' },
        h('caption', { class: 'sr-only' }, 'Audit entries, oldest first, in the order the store recorded them'),
        h('thead', {}, h('tr', {}, ['Time', 'Actor', 'Source', 'Stream', 'Event', 'Version', 'Hash'].map(c => h('th', { scope: 'col' }, c)))),
        tbody,
    );
    const prev = h('button', { type: 'button', class: 'btn', onclick: () => page(-1) }, '← Previous');
    const next = h('button', { type: 'button', class: 'btn', onclick: () => page(1) }, 'Next →');
    const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' }, prev, h('span', { class: 'page-of' }), next);
    main().replaceChildren(auditPage('list', 'Audit trail', form, error, summary, h('div', { class: 'table-wrap' }, table), pager));

    function changed() {
        clearTimeout(typing);
        filters.actor = actor.value;
        filters.ticket = ticket.value.trim();
        filters.type = type.value;
        filters.from = isoInstant(from.value);
        filters.to = isoInstant(to.value);
        filters.page = 0;
        load();
    }

    function page(delta) {
        filters.page = Math.max(0, filters.page + delta);
        load();
    }

    function writeUrl() {
        const p = new URLSearchParams();
        for (const key of ['actor', 'ticket', 'type', 'from', 'to']) if (filters[key]) p.set(key, filters[key]);
        if (filters.page) p.set('page', String(filters.page));
        const s = p.toString();
        history.replaceState(null, '', `#/audit${s ? `?${s}` : ''}`);
    }

    async function load() {
        writeUrl();
        // Filters change faster than answers come back: only the answer to the latest filters is shown.
        const asked = ++asking;
        try {
            const result = await api.audit.list({
                actor: filters.actor,
                ticketId: filters.ticket,
                type: filters.type,
                from: filters.from,
                to: filters.to,
                page: filters.page,
                size: PAGE_SIZE,
            });
            if (left || asked !== asking) return;
            error.hidden = true;
            showFieldErrors(form, null);
            render(result);
        } catch (e) {
            if (left || asked !== asking) return;
            showFieldErrors(form, e);
            error.hidden = false;
            error.textContent = `${problemText(e)} The list shows nothing until the filters are right.`;
            summary.textContent = '';
            tbody.replaceChildren();
        }
    }

    function render(result) {
        result.items.forEach(item => seenTypes.add(item.type));
        fillTypes(type, filters.type);
        const first = result.total === 0 ? 0 : result.page * result.size + 1;
        const last = result.page * result.size + result.items.length;
        const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        summary.textContent = result.total === 0
            ? 'No audit entries match these filters.'
            : `${first}–${last} of ${result.total.toLocaleString()} ${result.total === 1 ? 'entry' : 'entries'} · times in your time zone (${zone})`;
        const pages = Math.max(1, Math.ceil(result.total / result.size));
        pager.querySelector('.page-of').textContent = `Page ${result.page + 1} of ${pages}`;
        prev.disabled = result.page === 0;
        next.disabled = result.page + 1 >= pages;
        tbody.replaceChildren(...result.items.map(entryRow));
    }

    load();
    return {
        refresh: load,
        leave() {
            left = true;
            clearTimeout(typing);
        },
    };
}

function entryRow(item) {
    const stream = streamName(item);
    const isTicket = !!item.ticketId;
    const [, detail] = splitSummary(item.summary);
    return h(
        'tr',
        { 'data-position': String(item.position), 'data-stream': stream, 'data-version': String(item.version) },
        h('td', { 'data-label': 'Time' }, auditTime(item.occurredAt)),
        h('td', { 'data-label': 'Actor' }, actorCell(item.actor)),
        h('td', { 'data-label': 'Source' }, sourceWord(item.actor?.source)),
        h(
            'td',
            { 'data-label': 'Stream' },
            h(
                'div',
                { class: 'cell-stack' },
                h('a', { href: trailHref(stream), 'aria-label': `Trail of ${stream}` }, stream),
                isTicket ? null : h('span', { class: 'muted small' }, item.aggregateType || 'Stream'),
            ),
        ),
        h('td', { 'data-label': 'Event' }, h('div', { class: 'cell-stack' }, h('strong', {}, typeWords(item.type)), detail ? h('span', { class: 'muted small' }, detail) : null)),
        h('td', { 'data-label': 'Version', class: 'version' }, String(item.version)),
        h('td', { 'data-label': 'Hash' }, shortHash(item.hash, 'Hash')),
    );
}

/** The server's "Ticket assigned: assignee bob" as its type part and its detail part. */
function splitSummary(summary) {
    const text = String(summary || '');
    const at = text.indexOf(': ');
    return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 2)];
}

function fillTypes(select, value) {
    const known = new Set(TYPE_GROUPS.flatMap(([, types]) => types));
    const others = [...seenTypes, value].filter(t => t && !known.has(t)).filter((t, i, all) => all.indexOf(t) === i).sort();
    const option = t => h('option', { value: t, selected: t === value }, typeWords(t));
    select.replaceChildren(
        h('option', { value: '', selected: !value }, 'Any type'),
        ...TYPE_GROUPS.map(([label, types]) => h('optgroup', { label }, types.map(option))),
        others.length ? h('optgroup', { label: 'Other' }, others.map(option)) : null,
    );
}

/** A datetime-local value (the viewer's local time) as an ISO instant, '' for none. */
function isoInstant(local) {
    if (!local) return '';
    const d = new Date(local);
    return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** An ISO instant as a datetime-local value in the viewer's time zone. */
function localInput(iso) {
    const d = new Date(iso || '');
    if (!iso || Number.isNaN(d.getTime())) return '';
    const pad = n => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

// ---------- one stream's trail: the history with its chain, joined with the audit entries ----------
function trailView(id) {
    document.title = `Trail of ${id} · Support desk`;
    let left = false;
    const body = h('div', { class: 'trail-body' }, h('p', { class: 'muted' }, 'Loading the trail…'));
    const outcome = h('div', { class: 'verdict-box', role: 'status', 'aria-live': 'polite' });
    const verify = h('button', { type: 'button', class: 'btn btn-primary', onclick: () => runVerify() }, 'Verify this ticket');
    const links = h('p', { class: 'trail-links' }, h('a', { href: '#/audit' }, '← The audit trail'));
    main().replaceChildren(
        auditPage(
            null,
            `Trail of ${id}`,
            links,
            h(
                'div',
                { class: 'panel verify-panel' },
                h('h2', {}, 'Verification'),
                h('p', { class: 'muted' }, 'Recomputes this stream’s hash chain from the event store and compares it with its head and every signed checkpoint.'),
                verify,
                outcome,
            ),
            body,
        ),
    );

    async function runVerify() {
        verify.disabled = true;
        verify.textContent = 'Verifying…';
        outcome.replaceChildren(h('p', { class: 'muted' }, 'Verifying…'));
        try {
            const result = await api.audit.verifyStream(id);
            if (left) return;
            outcome.replaceChildren(verdict(result, 'this stream', id));
        } catch (e) {
            if (left) return;
            outcome.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, problemText(e)));
        } finally {
            verify.disabled = false;
            verify.textContent = 'Verify this ticket';
        }
    }

    async function load() {
        try {
            const [historyResult, entries] = await Promise.all([api.tickets.history(id), allEntries(id)]);
            if (left) return;
            const byVersion = new Map(entries.map(e => [e.version, e]));
            const first = entries[0];
            if (first && !first.ticketId) verify.textContent = 'Verify this stream';
            links.replaceChildren(
                h('a', { href: '#/audit' }, '← The audit trail'),
                first && !first.ticketId ? null : h('a', { href: `#/tickets/${encodeURIComponent(id)}` }, 'Open the ticket'),
            );
            body.replaceChildren(renderTrail(historyResult.events, byVersion));
        } catch (e) {
            if (left) return;
            body.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, e instanceof api.ApiError && e.status === 404 ? `The event store holds no events for ${id}.` : problemText(e)));
        }
    }

    load();
    return {
        refresh: load,
        leave() {
            left = true;
        },
    };
}

/** Every audit entry of one stream: source, request id and summary, which the history does not carry. */
async function allEntries(id) {
    const entries = [];
    for (let page = 0; page < 1000; page++) {
        const result = await api.audit.list({ ticketId: id, page, size: 200 });
        entries.push(...result.items);
        if (entries.length >= result.total || result.items.length === 0) break;
    }
    return entries;
}

function renderTrail(events, byVersion) {
    return h(
        'section',
        { class: 'trail', 'aria-labelledby': 'trail-title' },
        h('h2', { id: 'trail-title' }, `${events.length} ${events.length === 1 ? 'event' : 'events'}, oldest first`),
        h('ol', { class: 'trail-list' }, events.map((event, i) => trailEvent(event, events[i - 1], byVersion.get(event.version)))),
    );
}

function trailEvent(event, before, entry) {
    const actor = event.actor || entry?.actor;
    const [, detail] = splitSummary(entry?.summary);
    const link = chainLink(event, before);
    const ids = [
        ['Correlation id', event.correlationId],
        ['Causation id', event.causationId],
        ['Request id', entry?.requestId],
    ];
    return h(
        'li',
        { class: 'trail-event', 'data-version': String(event.version), 'data-hash': event.hash || '', 'data-previous-hash': event.previousHash || '' },
        h(
            'div',
            { class: 'trail-head' },
            h('span', { class: 'trail-version' }, `Version ${event.version}`),
            h('strong', {}, typeWords(event.type)),
            auditTime(event.occurredAt),
        ),
        h(
            'p',
            { class: 'trail-who' },
            'By ',
            h('strong', {}, actor?.name ? displayName(actor.name) : 'an actor not recorded'),
            actor?.role ? ` (${roleWord(actor.role)})` : '',
            ' · from ',
            sourceWord(entry?.actor?.source),
            ` · position ${event.position}`,
        ),
        detail ? h('p', { class: 'trail-summary' }, detail) : null,
        h(
            'dl',
            { class: 'trail-facts' },
            ids.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value ? h('code', {}, value) : h('span', { class: 'muted' }, 'none'))]),
            h('dt', {}, 'Hash'),
            h('dd', {}, shortHash(event.hash, 'Hash')),
            h('dt', {}, 'Previous hash'),
            h('dd', {}, shortHash(event.previousHash, 'Previous hash')),
        ),
        h('p', { class: `chain-link ${link.ok ? 'chain-ok' : 'chain-bad'}` }, h('span', { 'aria-hidden': 'true' }, link.ok ? '✓ ' : '✗ '), link.text),
        h(
            'details',
            { class: 'trail-more' },
            h('summary', {}, 'Full hashes and payload'),
            h('dl', { class: 'trail-full' }, h('dt', {}, 'Hash'), h('dd', {}, h('code', { class: 'hash-full' }, event.hash || '—')), h('dt', {}, 'Previous hash'), h('dd', {}, h('code', { class: 'hash-full' }, event.previousHash || '—'))),
            h('pre', { class: 'payload' }, JSON.stringify(event.payload ?? null, null, 2)),
        ),
    );
}

/** What the stored previous hash says about the link to the event before; the verification proves it. */
function chainLink(event, before) {
    if (event.version === 1 || !before) {
        return event.previousHash === ZERO_HASH
            ? { ok: true, text: 'First event of the stream: its previous hash is all zeros.' }
            : { ok: false, text: 'First event of the stream, but its previous hash is not all zeros.' };
    }
    if (before.version !== event.version - 1) {
        return { ok: false, text: `Version ${event.version - 1} is not in the stream: this event cannot link to it.` };
    }
    return event.previousHash === before.hash
        ? { ok: true, text: `Links to version ${before.version}: its previous hash is version ${before.version}’s hash.` }
        : { ok: false, text: `Does not link to version ${before.version}: its previous hash is not version ${before.version}’s hash.` };
}

// ---------- verdicts, for one stream and for the whole store ----------
function findingText(problem) {
    const stream = problem.ticketId || [problem.aggregateType, problem.aggregateId].filter(Boolean).join(' ');
    const v = problem.version;
    switch (problem.kind) {
        case 'HASH_MISMATCH':
            return `Version ${v} of ${stream} was altered: its stored bytes do not give its stored hash, or it does not follow the event before it.`;
        case 'MISSING':
            return `Version ${v} of ${stream} is missing: it was removed from the middle of the stream.`;
        case 'OUT_OF_ORDER':
            return `Version ${v} of ${stream} is out of order: the event stored there belongs at another version (rows were moved).`;
        case 'TRUNCATED':
            return v === 1 || v === null || v === undefined
                ? `${stream} is gone: the whole stream was deleted, yet its head or a signed checkpoint records it.`
                : `${stream} was cut short from version ${v} on: it ends before the head recorded for it.`;
        case 'CHECKPOINT_MISMATCH':
            return `Version ${v} of ${stream} was rewritten after a signed checkpoint, which recorded another hash there.`;
        case 'CHECKPOINT_INVALID':
            return `Checkpoint ${problem.checkpoint} is not what the key signed, or does not link to the checkpoint before it.`;
        default:
            return `${problem.kind} at version ${v} of ${stream}.`;
    }
}

function verdict(result, scope, here) {
    const problems = result.problems || [];
    const counted = `${(result.eventsChecked ?? 0).toLocaleString()} events in ${(result.ticketsChecked ?? 0).toLocaleString()} ${result.ticketsChecked === 1 ? 'stream' : 'streams'} checked against ${(result.checkpointsChecked ?? 0).toLocaleString()} signed ${result.checkpointsChecked === 1 ? 'checkpoint' : 'checkpoints'}.`;
    if (result.verified) {
        return h(
            'div',
            { class: 'verdict verdict-ok', 'data-verified': 'true' },
            h('p', { class: 'verdict-title' }, h('span', { 'aria-hidden': 'true' }, '✓ '), `Verified: nothing in ${scope} was altered, removed or moved.`),
            h('p', { class: 'verdict-counts' }, counted),
        );
    }
    return h(
        'div',
        { class: 'verdict verdict-bad', 'data-verified': 'false' },
        h('p', { class: 'verdict-title' }, h('span', { 'aria-hidden': 'true' }, '✗ '), `Not verified: ${problems.length} ${problems.length === 1 ? 'finding' : 'findings'}.`),
        h('p', { class: 'verdict-counts' }, counted),
        h(
            'ul',
            { class: 'findings' },
            problems.map(p =>
                h(
                    'li',
                    { 'data-kind': p.kind, 'data-version': p.version === null || p.version === undefined ? '' : String(p.version), 'data-stream': p.ticketId || p.aggregateId || '' },
                    h('strong', {}, KINDS[p.kind] || p.kind),
                    ' ',
                    h('span', { class: 'muted small' }, `(${p.kind})`),
                    ': ',
                    findingText(p),
                    (p.ticketId || p.aggregateId) && (p.ticketId || p.aggregateId) !== here ? [' ', h('a', { href: trailHref(p.ticketId || p.aggregateId) }, 'Open its trail')] : null,
                ),
            ),
        ),
    );
}

// ---------- the whole store: a verification job, the signed checkpoints, the export ----------
function verificationView(params) {
    document.title = 'Verification · Support desk';
    let left = false;
    let poll = null;
    let jobId = params.get('job') || '';
    const start = h('button', { type: 'button', class: 'btn btn-primary', onclick: () => startJob() }, 'Verify the whole store');
    const progress = h('div', { class: 'job-box', role: 'status', 'aria-live': 'polite' });
    const checkpointsBox = h('div', { class: 'checkpoints-box' }, h('p', { class: 'muted' }, 'Loading the signed checkpoints…'));
    const origin = location.origin;
    const me = app.me?.name || 'audrey';
    const commands = [
        `curl -u ${me} ${origin}/api/audit/public-key > audit-public-key.json   # once, kept`,
        `curl -u ${me} ${origin}/api/audit/export > export.ndjson`,
        'java tools/AuditVerify.java export.ndjson audit-public-key.json',
    ].join('\n');
    main().replaceChildren(
        auditPage(
            'verify',
            'Verification and checkpoints',
            h(
                'div',
                { class: 'panel verify-panel' },
                h('h2', {}, 'The whole store'),
                h('p', { class: 'muted' }, 'Recomputes every stream’s chain from the event store and checks it against the stream heads and every signed checkpoint. It runs as a job on the server: this page follows its progress and may be left and opened again.'),
                start,
                progress,
            ),
            h('div', { class: 'panel' }, h('h2', {}, 'Signed checkpoints'), checkpointsBox),
            h(
                'div',
                { class: 'panel export-panel' },
                h('h2', {}, 'Export and offline verification'),
                h('p', {}, 'The export holds every event with its hashes and the exact bytes that were hashed, then every signed checkpoint. The project’s own command re-verifies it with a JDK alone, signatures and consistency included (docs/audit.md). Take the public key once, out of band, and keep it.'),
                h(
                    'p',
                    { class: 'export-links' },
                    h('a', { class: 'btn', href: '/api/audit/export', download: 'export.ndjson' }, 'Download the export'),
                    h('a', { class: 'btn', href: '/api/audit/public-key', download: 'audit-public-key.json' }, 'Download the public key'),
                ),
                h('p', { class: 'muted small' }, 'Offline, from a checkout of the project:'),
                h('pre', { class: 'command' }, commands),
            ),
        ),
    );

    function keepJobInUrl() {
        history.replaceState(null, '', `#/audit/verify${jobId ? `?job=${encodeURIComponent(jobId)}` : ''}`);
    }

    async function startJob() {
        start.disabled = true;
        try {
            const job = await api.audit.startVerification();
            if (left) return;
            jobId = job.id;
            keepJobInUrl();
            show(job);
        } catch (e) {
            if (left) return;
            start.disabled = false;
            progress.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, problemText(e)));
        }
    }

    async function follow() {
        if (!jobId) return;
        try {
            const job = await api.audit.verification(jobId);
            if (left) return;
            show(job);
        } catch (e) {
            if (left) return;
            if (e instanceof api.ApiError && e.status === 404) {
                jobId = '';
                keepJobInUrl();
                progress.replaceChildren(h('p', { class: 'muted' }, 'That verification is not known (any more). Start a new one.'));
                start.disabled = false;
                return;
            }
            progress.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, problemText(e)));
            poll = setTimeout(follow, 3000);
        }
    }

    function show(job) {
        clearTimeout(poll);
        const who = h('p', { class: 'muted small' }, `Started by ${displayName(job.requestedBy)} `, auditTime(job.startedAt), job.finishedAt ? [' · finished ', auditTime(job.finishedAt)] : null);
        const total = Math.max(job.streamsTotal || 0, job.streamsChecked || 0);
        const bar = h('progress', { id: 'job-progress', max: String(total || 1), value: String(job.streamsChecked || 0) });
        const counts = `${(job.streamsChecked || 0).toLocaleString()} of ${total.toLocaleString()} streams, ${(job.eventsChecked || 0).toLocaleString()} events checked`;
        if (job.state === 'RUNNING') {
            start.disabled = true;
            progress.replaceChildren(
                h('div', { class: 'job', 'data-state': job.state }, h('label', { for: 'job-progress' }, 'Verifying the whole store…'), bar, h('p', {}, counts), who),
            );
            poll = setTimeout(follow, 1000);
            return;
        }
        start.disabled = false;
        if (job.state === 'DONE' && job.result) {
            progress.replaceChildren(h('div', { class: 'job', 'data-state': job.state }, verdict(job.result, 'the store'), who));
            loadCheckpoints(job.result);
            return;
        }
        progress.replaceChildren(
            h('div', { class: 'job', 'data-state': job.state }, h('div', { class: 'alert alert-error' }, 'The verification stopped before its end (the server failed or restarted while it ran). Nothing is known from it: start it again.'), h('p', {}, counts), who),
        );
    }

    async function loadCheckpoints(lastResult) {
        try {
            const [items, key] = await Promise.all([api.audit.checkpoints(), api.audit.publicKey().catch(e => (e instanceof api.ApiError && e.status === 503 ? null : Promise.reject(e)))]);
            if (left) return;
            const checks = await checkCheckpoints(items, key);
            if (left) return;
            checkpointsBox.replaceChildren(renderCheckpoints(items, key, checks, lastResult));
        } catch (e) {
            if (left) return;
            checkpointsBox.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, problemText(e)));
        }
    }

    const load = () => {
        loadCheckpoints(null);
        if (jobId) follow();
    };
    load();
    return {
        refresh: load,
        leave() {
            left = true;
            clearTimeout(poll);
        },
    };
}

const LATEST_CHECKPOINTS = 20;

function renderCheckpoints(items, key, checks, lastResult) {
    const invalid = new Set((lastResult?.problems || []).filter(p => p.kind === 'CHECKPOINT_INVALID').map(p => p.checkpoint));
    const keyLine = key
        ? h('p', { class: 'muted small' }, `Signed with ${key.algorithm} key `, h('code', { title: key.keyId }, `${key.keyId.slice(0, 16)}…`), '. The signatures below are checked in this browser with that key.')
        : h('div', { class: 'alert alert-warn' }, 'No signing key is configured: the platform chains every stream but signs no checkpoints.');
    if (!items.length) return h('div', {}, keyLine, h('p', { class: 'empty' }, 'No checkpoint has been signed yet.'));
    const latest = items.slice(-LATEST_CHECKPOINTS).reverse();
    return h(
        'div',
        {},
        keyLine,
        h(
            'p',
            { class: 'muted small' },
            items.length > LATEST_CHECKPOINTS ? `The latest ${LATEST_CHECKPOINTS} of ${items.length.toLocaleString()} checkpoints, newest first.` : `${items.length} ${items.length === 1 ? 'checkpoint' : 'checkpoints'}, newest first.`,
        ),
        h(
            'div',
            { class: 'table-wrap' },
            h(
                'table',
                { class: 'audit-table checkpoints' },
                h('caption', { class: 'sr-only' }, 'Signed checkpoints, newest first'),
                h('thead', {}, h('tr', {}, ['Checkpoint', 'Signed at', 'Streams', 'Events', 'Merkle root', 'Signature'].map(c => h('th', { scope: 'col' }, c)))),
                h(
                    'tbody',
                    {},
                    latest.map(c => {
                        const check = checks.get(c.sequence) || { state: 'unchecked', text: 'Not checked' };
                        const flagged = invalid.has(c.sequence);
                        const state = flagged ? 'invalid' : check.state;
                        return h(
                            'tr',
                            { 'data-sequence': String(c.sequence), 'data-signature': state },
                            h('td', { 'data-label': 'Checkpoint', class: 'version' }, `#${c.sequence}`, c.chainedByMigration ? h('span', { class: 'muted small' }, ` · ${c.chainedByMigration.toLocaleString()} chained by the migration`) : null),
                            h('td', { 'data-label': 'Signed at' }, auditTime(c.signedAt)),
                            h('td', { 'data-label': 'Streams' }, Number(c.streams).toLocaleString()),
                            h('td', { 'data-label': 'Events' }, Number(c.events).toLocaleString()),
                            h('td', { 'data-label': 'Merkle root' }, shortHash(c.merkleRoot, 'Merkle root')),
                            h('td', { 'data-label': 'Signature' }, h('span', { class: `badge sig-${state}` }, flagged ? 'Invalid (the verification found it)' : check.text)),
                        );
                    }),
                ),
            ),
        ),
    );
}

// ---------- checkpoints checked in the browser: Ed25519 signature, signed values, hash, link ----------
const fromBase64 = text => Uint8Array.from(atob(text || ''), c => c.charCodeAt(0));
const toHex = bytes => Array.from(new Uint8Array(bytes), b => b.toString(16).padStart(2, '0')).join('');

/** The signed bytes' values (docs/audit.md, "Signed checkpoints"), or null when they are not that layout. */
function readSignedBytes(bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 0;
    const number = () => {
        const n = view.getBigInt64(at);
        at += 8;
        return n;
    };
    const fieldBytes = () => {
        const length = view.getInt32(at);
        at += 4;
        if (length < 0) return null;
        const out = bytes.slice(at, at + length);
        if (out.length !== length) throw new RangeError('short field');
        at += length;
        return out;
    };
    const text = () => new TextDecoder().decode(fieldBytes());
    try {
        const layout = text();
        const values = { layout, sequence: number(), signedAt: text(), streams: number(), events: number(), merkleRoot: toHex(fieldBytes()), previousHash: toHex(fieldBytes()), chainedByMigration: number() };
        return at === bytes.length && layout === 'supportdesk.audit.checkpoint.v1' ? values : null;
    } catch (e) {
        return null;
    }
}

async function checkCheckpoints(items, key) {
    const checks = new Map();
    if (!key) return checks;
    let publicKey;
    try {
        publicKey = await crypto.subtle.importKey('spki', fromBase64(key.publicKey), { name: 'Ed25519' }, false, ['verify']);
    } catch (e) {
        // A browser without Ed25519 (or a page not on a secure origin) leaves the check to the verification.
        for (const c of items) checks.set(c.sequence, { state: 'unchecked', text: 'Not checked in this browser' });
        return checks;
    }
    const latest = items.slice(-LATEST_CHECKPOINTS);
    const bySequence = new Map(items.map(c => [c.sequence, c]));
    for (const c of latest) {
        const bytes = fromBase64(c.signedBytes);
        const signed = readSignedBytes(bytes);
        const signatureOk = await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, fromBase64(c.signature), bytes).catch(() => false);
        const hash = toHex(await crypto.subtle.digest('SHA-256', bytes));
        const previous = bySequence.get(c.sequence - 1);
        let state = 'valid';
        let text = 'Valid';
        if (c.keyId !== key.keyId) [state, text] = ['other-key', 'Signed with another key'];
        else if (!signatureOk) [state, text] = ['invalid', 'Invalid: the signature does not verify'];
        else if (!signed || signed.sequence !== BigInt(c.sequence) || signed.streams !== BigInt(c.streams) || signed.events !== BigInt(c.events) || signed.merkleRoot !== c.merkleRoot || signed.previousHash !== c.previousHash || new Date(signed.signedAt).getTime() !== new Date(c.signedAt).getTime()) {
            [state, text] = ['invalid', 'Invalid: the values shown are not the signed ones'];
        } else if (hash !== c.hash) [state, text] = ['invalid', 'Invalid: its hash is not that of its signed bytes'];
        else if (c.sequence === 1 ? c.previousHash !== ZERO_HASH : previous && previous.hash !== c.previousHash) {
            [state, text] = ['invalid', `Invalid: it does not link to checkpoint #${c.sequence - 1}`];
        }
        checks.set(c.sequence, { state, text: state === 'valid' ? 'Valid · linked to the one before' : text });
    }
    return checks;
}
