// The agent console: a single page over the public API (api.js), with hash routes so that a queue's
// filters and an open ticket live in the URL: #/queue?status=OPEN, #/tickets/T-7, #/new.
import * as api from './api.js';
import { slaSettingsView } from './sla-settings.js';
import { reportsView } from './reports.js';
import { auditView } from './audit.js';
import {
    $,
    PRIORITIES,
    CHANNELS,
    TIERS,
    WORKING,
    ROLE_LABELS,
    METRICS,
    app,
    h,
    main,
    title,
    displayName,
    actorName,
    dateTimeFormat,
    when,
    timeEl,
    countdown,
    toast,
    problemText,
    has,
    canWork,
    canSupervise,
    slaBadge,
    statusBadge,
    priorityBadge,
    field,
    showFieldErrors,
    METRIC_LABELS,
    durationText,
    icon,
    STATUSES,
} from './ui.js';

// ---------- shell: header, connection, routing ----------
function renderHeader() {
    const bar = $('#topbar');
    bar.hidden = !app.me;
    if (!app.me) return;
    $('#me-name').textContent = app.me.displayName;
    $('#me-role').textContent = app.me.roles.map(r => ROLE_LABELS[r] || r).join(', ');
    $('#nav-new').hidden = !canWork();
    $('#nav-sla').hidden = !has('ADMIN');
    $('#nav-reports').hidden = !has('ANALYST', 'ADMIN');
    $('#nav-audit').hidden = !has('AUDITOR', 'ADMIN');
}

function renderConnection() {
    const el = $('#connection');
    if (!app.me) {
        el.textContent = '';
        return;
    }
    let state = 'live';
    let text = 'Live';
    if (!app.fetchUp) {
        state = 'down';
        text = 'Connection lost. Reconnecting…';
    } else if (!app.streamUp) {
        state = 'down';
        text = 'Live updates paused. Reconnecting…';
    }
    el.className = `connection connection-${state}`;
    el.replaceChildren(h('span', { class: 'conn-dot', 'aria-hidden': 'true' }), h('span', {}, text));
}

let probe = null;
api.onConnectionChange(up => {
    const wasDown = !app.fetchUp;
    app.fetchUp = up;
    renderConnection();
    if (!up && !probe) {
        // Ask again until the platform answers, then bring the screen up to date.
        probe = setInterval(() => api.session.current().catch(() => {}), 4000);
    }
    if (up && probe) {
        clearInterval(probe);
        probe = null;
    }
    if (up && wasDown) {
        // The browser's own stream retry may be far off (or given up): open it again now.
        if (!app.streamUp && app.me) startStream();
        app.view?.refresh();
    }
});

api.onUnauthorized(() => {
    if (app.me) signedOut('Your session has ended. Sign in again to continue.');
});

function startStream() {
    app.stream?.close();
    app.stream = api.openStream({
        onTicket: e => app.view?.onTicket?.(e),
        onPresence: e => app.view?.onPresence?.(e),
        onStatus: up => {
            const wasDown = !app.streamUp;
            app.streamUp = up;
            renderConnection();
            // A dropped stream may be the whole connection, or a session signed out elsewhere (the server ends
            // its streams): ask once, so the header says which it is.
            if (!up && app.fetchUp) {
                api.session.current().catch(e => {
                    if (e instanceof api.ApiError && e.status === 401 && app.me) signedOut('Your session has ended. Sign in again to continue.');
                });
            }
            // Updates may have been missed while the stream was down.
            if (up && wasDown && app.everUp) app.view?.refresh();
            if (up) app.everUp = true;
        },
    });
}

function signedOut(message) {
    app.stream?.close();
    app.stream = null;
    app.view?.leave?.();
    app.view = null;
    app.me = null;
    app.everUp = false;
    renderHeader();
    renderConnection();
    renderSignIn(message);
}

async function signedIn(me) {
    app.me = me;
    renderHeader();
    try {
        app.users = await api.users.list();
    } catch (e) {
        app.users = [];
    }
    startStream();
    route();
}

function route() {
    if (!app.me) return;
    app.view?.leave?.();
    app.view = null;
    const hash = location.hash || '#/queue';
    const [path, search] = hash.slice(1).split('?');
    const params = new URLSearchParams(search || '');
    for (const link of document.querySelectorAll('.topnav a')) link.removeAttribute('aria-current');
    let match;
    if ((match = path.match(/^\/tickets\/([^/]+)$/))) {
        app.view = ticketView(decodeURIComponent(match[1]));
    } else if ((match = path.match(/^\/sla(?:\/(policies|calendars)\/([^/]+))?$/))) {
        $('#nav-sla').setAttribute('aria-current', 'page');
        app.view = slaSettingsView(match[1] === 'policies' ? 'policy' : match[1] === 'calendars' ? 'calendar' : null, match[2] && decodeURIComponent(match[2]));
    } else if (/^\/reports(\/projections|\/what-if)?$/.test(path)) {
        app.view = reportsView(path, params);
    } else if ((match = path.match(/^\/audit(?:\/(tickets|verify))?(?:\/([^/]+))?$/))) {
        app.view = auditView(match[1], match[2] && decodeURIComponent(match[2]), params);
    } else if (path === '/new' && canWork()) {
        $('#nav-new').setAttribute('aria-current', 'page');
        app.view = newTicketView();
    } else {
        $('#nav-queue').setAttribute('aria-current', 'page');
        app.view = queueView(params);
    }
}

window.addEventListener('hashchange', route);
window.addEventListener('pagehide', () => app.view?.leave?.());

$('#sign-out').addEventListener('click', async () => {
    try {
        app.view?.leave?.();
        // The stream first: nothing more should arrive for a session that is ending (the server ends it too).
        app.stream?.close();
        app.stream = null;
        await api.session.signOut();
    } catch (e) {
        // Signed out locally either way; the cookie expires on its own.
    }
    signedOut('You are signed out.');
});

// ---------- sign-in ----------
function renderSignIn(message) {
    document.title = 'Sign in · Support desk';
    const error = h('p', { class: 'form-error', id: 'signin-error', role: 'alert' });
    const notice = message ? h('p', { class: 'notice' }, message) : null;
    const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, 'aria-describedby': 'signin-error' });
    const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'aria-describedby': 'signin-error' });
    const button = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, 'Sign in');
    const form = h(
        'form',
        { class: 'signin-card', 'aria-labelledby': 'signin-title', novalidate: true },
        h('div', { class: 'brand-mark', 'aria-hidden': 'true' }, 'SD'),
        h('h1', { id: 'signin-title' }, 'Sign in to the support desk'),
        notice,
        h('div', { class: 'field' }, h('label', { for: 'username' }, 'User name'), user),
        h('div', { class: 'field' }, h('label', { for: 'password' }, 'Password'), password),
        error,
        button,
    );
    form.addEventListener('submit', async e => {
        e.preventDefault();
        error.textContent = '';
        if (!user.value.trim() || !password.value) {
            error.textContent = 'Enter your user name and your password.';
            (user.value.trim() ? password : user).focus();
            return;
        }
        button.disabled = true;
        button.textContent = 'Signing in…';
        try {
            const me = await api.session.signIn(user.value.trim(), password.value);
            await signedIn(me);
        } catch (err) {
            button.disabled = false;
            button.textContent = 'Sign in';
            if (err instanceof api.ApiError && err.status === 401) {
                error.textContent = 'The user name or the password is not right. Check both and try again.';
            } else if (err instanceof api.ApiError && err.status === 429) {
                error.textContent = 'Too many attempts. Wait a moment, then try again.';
            } else {
                error.textContent = problemText(err);
            }
            password.select();
            password.focus();
        }
    });
    main().replaceChildren(h('div', { class: 'signin-page' }, form));
    user.focus();
}

// ---------- queue ----------
const VIEWS = { mine: 'me', unassigned: 'none', all: '' };

function queueView(params) {
    document.title = 'Queue · Support desk';
    const filters = {
        view: VIEWS[params.get('view')] !== undefined ? params.get('view') : 'all',
        status: params.get('status') || '',
        priority: params.get('priority') || '',
        channel: params.get('channel') || '',
        tag: params.get('tag') || '',
        group: params.get('group') || '',
        q: params.get('q') || '',
        page: Math.max(0, parseInt(params.get('page') || '0', 10) || 0),
    };
    const size = 25;
    let selected = -1;
    let items = [];
    let timer = null;
    let left = false;

    const select = (name, label, options, value) => {
        const id = `f-${name}`;
        return h(
            'div',
            { class: 'field field-inline' },
            h('label', { for: id }, label),
            h('select', { id, name }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))),
        );
    };
    const groups = [...new Set(app.users.flatMap(u => u.groups || []))].sort();
    const viewSwitch = h(
        'fieldset',
        { class: 'segmented' },
        h('legend', { class: 'sr-only' }, 'Whose tickets'),
        [['mine', 'Mine'], ['unassigned', 'Unassigned'], ['all', 'All']].map(([value, text]) =>
            h('label', {}, h('input', { type: 'radio', name: 'view', value, checked: filters.view === value }), h('span', {}, text)),
        ),
    );
    const search = h('input', { id: 'f-q', name: 'q', type: 'search', value: filters.q, placeholder: 'Subject, description, requester', 'aria-keyshortcuts': '/' });
    const form = h(
        'form',
        { class: 'filters', role: 'search', 'aria-label': 'Filter the queue' },
        h('div', { class: 'field field-search' }, h('label', { for: 'f-q' }, 'Search'), search),
        viewSwitch,
        select('status', 'Status', [['', 'Any status'], ['NEW,OPEN,PENDING', 'Unresolved'], ...STATUSES.map(s => [s, title(s)])], filters.status),
        select('priority', 'Priority', [['', 'Any priority'], ...PRIORITIES.map(s => [s, title(s)])], filters.priority),
        select('channel', 'Channel', [['', 'Any channel'], ...CHANNELS.map(s => [s, title(s)])], filters.channel),
        select('group', 'Group', [['', 'Any group'], ...groups.map(g => [g, g])], filters.group),
        h('div', { class: 'field field-inline' }, h('label', { for: 'f-tag' }, 'Tag'), h('input', { id: 'f-tag', name: 'tag', value: filters.tag, size: 10 })),
    );
    form.addEventListener('submit', e => e.preventDefault());
    const changed = () => {
        const data = new FormData(form);
        for (const key of ['view', 'status', 'priority', 'channel', 'group', 'tag', 'q']) filters[key] = (data.get(key) || '').trim();
        filters.page = 0;
        load();
    };
    form.addEventListener('change', changed);
    let typing = null;
    form.addEventListener('input', e => {
        if (e.target.type === 'search' || e.target.name === 'tag') {
            clearTimeout(typing);
            typing = setTimeout(changed, 300);
        }
    });

    const status = h('p', { class: 'queue-summary', role: 'status', 'aria-live': 'polite' });
    const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
    const tbody = h('tbody');
    const table = h(
        'table',
        { class: 'queue' },
        h('caption', { class: 'sr-only' }, 'Tickets, the one due first at the top'),
        h(
            'thead',
            {},
            h('tr', {}, ['SLA', 'Ticket', 'Status', 'Priority', 'Channel', 'Assignee', 'Updated'].map(c => h('th', { scope: 'col' }, c))),
        ),
        tbody,
    );
    const prev = h('button', { type: 'button', class: 'btn', onclick: () => page(-1) }, '← Previous');
    const next = h('button', { type: 'button', class: 'btn', onclick: () => page(1) }, 'Next →');
    const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' }, prev, h('span', { class: 'page-of' }), next);

    main().replaceChildren(
        h(
            'section',
            { class: 'page queue-page', 'aria-labelledby': 'queue-title' },
            h(
                'div',
                { class: 'page-head' },
                h('h1', { id: 'queue-title' }, 'Queue'),
                canWork() ? h('a', { class: 'btn btn-primary', href: '#/new', 'aria-keyshortcuts': 'n' }, 'New ticket') : null,
            ),
            form,
            error,
            status,
            h('div', { class: 'table-wrap' }, table),
            pager,
        ),
    );

    function page(delta) {
        filters.page = Math.max(0, filters.page + delta);
        load();
    }

    function writeUrl() {
        const p = new URLSearchParams();
        if (filters.view !== 'all') p.set('view', filters.view);
        for (const key of ['status', 'priority', 'channel', 'group', 'tag', 'q']) if (filters[key]) p.set(key, filters[key]);
        if (filters.page) p.set('page', String(filters.page));
        const s = p.toString();
        history.replaceState(null, '', `#/queue${s ? `?${s}` : ''}`);
    }

    async function load() {
        writeUrl();
        try {
            const result = await api.tickets.queue({
                assignee: VIEWS[filters.view],
                status: filters.status,
                priority: filters.priority,
                channel: filters.channel,
                group: filters.group,
                tag: filters.tag,
                q: filters.q,
                sort: 'dueAt',
                page: filters.page,
                size,
            });
            if (left) return;
            error.hidden = true;
            items = result.items;
            render(result);
        } catch (e) {
            if (left) return;
            error.hidden = false;
            error.textContent = problemText(e);
        }
    }

    function render(result) {
        const from = result.total === 0 ? 0 : result.page * result.size + 1;
        const to = result.page * result.size + result.items.length;
        status.textContent = result.total === 0 ? 'No tickets match these filters.' : `${from}–${to} of ${result.total.toLocaleString()} tickets`;
        const pages = Math.max(1, Math.ceil(result.total / result.size));
        pager.querySelector('.page-of').textContent = `Page ${result.page + 1} of ${pages}`;
        prev.disabled = result.page === 0;
        next.disabled = result.page + 1 >= pages;
        tbody.replaceChildren(
            ...result.items.map((t, index) =>
                h(
                    'tr',
                    { 'data-ticket': t.id, class: index === selected ? 'selected' : '', onclick: e => { if (e.target.tagName !== 'A') location.hash = `#/tickets/${encodeURIComponent(t.id)}`; } },
                    h('td', { 'data-label': 'SLA' }, slaBadge(t.sla)),
                    h(
                        'td',
                        { class: 'cell-ticket', 'data-label': 'Ticket' },
                        h('a', { href: `#/tickets/${encodeURIComponent(t.id)}`, class: 'ticket-link' }, t.subject),
                        h('span', { class: 'muted small' }, `${t.id} · ${t.requester?.name || 'no requester'}`),
                        (t.tags || []).length ? h('span', { class: 'tags' }, t.tags.map(tag => h('span', { class: 'tag' }, tag))) : null,
                    ),
                    h('td', { 'data-label': 'Status' }, statusBadge(t.status)),
                    h('td', { 'data-label': 'Priority' }, priorityBadge(t.priority)),
                    h('td', { 'data-label': 'Channel' }, title(t.channel)),
                    h('td', { 'data-label': 'Assignee' }, t.assignee ? displayName(t.assignee) : h('span', { class: 'muted' }, 'Unassigned')),
                    h('td', { 'data-label': 'Updated' }, timeEl(t.updatedAt)),
                ),
            ),
        );
    }

    function move(delta) {
        if (!items.length) return;
        selected = Math.min(items.length - 1, Math.max(0, selected + delta));
        tbody.querySelectorAll('tr').forEach((row, i) => row.classList.toggle('selected', i === selected));
        tbody.querySelectorAll('tr')[selected]?.querySelector('a')?.focus();
    }

    load();
    return {
        refresh: load,
        onTicket() {
            clearTimeout(timer);
            timer = setTimeout(load, 250);
        },
        onKey(e) {
            if (e.key === '/') {
                e.preventDefault();
                search.focus();
                return true;
            }
            if (e.key === 'j') return move(1), true;
            if (e.key === 'k') return move(-1), true;
            return false;
        },
        leave() {
            left = true;
            clearTimeout(timer);
        },
    };
}

// ---------- new ticket ----------

function newTicketView() {
    document.title = 'New ticket · Support desk';
    // One key per form: a double click or a retry after a lost answer opens one ticket.
    const key = api.newIdempotencyKey();
    let sending = false;
    const options = (values, chosen) => values.map(v => h('option', { value: v, selected: v === chosen }, title(v)));
    const formError = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Open ticket');
    const form = h(
        'form',
        { class: 'card form-grid', 'aria-labelledby': 'new-title', novalidate: true },
        h(
            'fieldset',
            { class: 'span-all' },
            h('legend', {}, 'Requester'),
            h(
                'div',
                { class: 'row3' },
                field('requester.name', 'Name', h('input', { required: true, autocomplete: 'off' })),
                field('requester.phone', 'Phone', h('input', { type: 'tel', autocomplete: 'off' })),
                field('requester.email', 'Email', h('input', { type: 'email', autocomplete: 'off' })),
            ),
        ),
        h(
            'div',
            { class: 'row3 span-all' },
            field('channel', 'Channel', h('select', {}, options(CHANNELS, 'PHONE'))),
            field('priority', 'Priority', h('select', {}, options(PRIORITIES, 'NORMAL'))),
            field('customerTier', 'Customer tier', h('select', {}, options(TIERS, 'STANDARD'))),
        ),
        h('div', { class: 'span-all' }, field('subject', 'Subject', h('input', { required: true, maxlength: 200 }))),
        h('div', { class: 'span-all' }, field('description', 'Description', h('textarea', { rows: 6, maxlength: 20000 }))),
        h('div', { class: 'span-all' }, field('tags', 'Tags', h('input', { autocomplete: 'off' }), 'Separate tags with commas, e.g. billing, vip')),
        formError,
        h('div', { class: 'form-actions span-all' }, submit, h('a', { class: 'btn btn-quiet', href: '#/queue' }, 'Cancel')),
    );
    form.addEventListener('submit', async e => {
        e.preventDefault();
        if (sending) return;
        const v = name => form.elements[name].value.trim();
        const body = {
            subject: v('subject'),
            description: v('description'),
            channel: v('channel'),
            priority: v('priority'),
            customerTier: v('customerTier'),
            requester: { name: v('requester.name') },
            tags: v('tags') ? v('tags').split(',').map(t => t.trim()).filter(Boolean) : [],
        };
        if (v('requester.phone')) body.requester.phone = v('requester.phone');
        if (v('requester.email')) body.requester.email = v('requester.email');
        const missing = new api.ApiError(400, {
            errors: [
                !body.requester.name && { field: 'requester.name', message: 'Enter the requester’s name.' },
                !body.subject && { field: 'subject', message: 'Enter a subject.' },
            ].filter(Boolean),
        });
        formError.hidden = true;
        if (missing.problem.errors.length) {
            showFieldErrors(form, missing);
            form.querySelector('[aria-invalid]')?.focus();
            return;
        }
        sending = true;
        submit.disabled = true;
        submit.textContent = 'Opening…';
        try {
            const result = await api.tickets.open(body, key);
            toast(`Ticket ${result.id} opened`);
            location.hash = `#/tickets/${encodeURIComponent(result.id)}?v=${result.version}`;
        } catch (err) {
            sending = false;
            submit.disabled = false;
            submit.textContent = 'Open ticket';
            if (!showFieldErrors(form, err) || !(err instanceof api.ApiError)) {
                formError.hidden = false;
                formError.textContent = problemText(err);
            }
            form.querySelector('[aria-invalid]')?.focus();
        }
    });
    main().replaceChildren(
        h(
            'section',
            { class: 'page narrow', 'aria-labelledby': 'new-title' },
            h('div', { class: 'page-head' }, h('h1', { id: 'new-title' }, 'New ticket'), h('p', { class: 'muted' }, 'For a phone call, a walk-in or anything that did not come in by itself.')),
            form,
        ),
    );
    form.elements['requester.name'].focus();
    return { refresh() {}, leave() {} };
}

// ---------- ticket view ----------
const DONE = {
    assign: 'Ticket assigned',
    pending: 'Marked pending',
    resume: 'Work resumed',
    resolve: 'Ticket resolved',
    reopen: 'Ticket reopened',
    close: 'Ticket closed',
    priority: 'Priority changed',
    tags: 'Tags saved',
    'customer-messages': 'Customer message added',
    merge: 'Ticket merged',
    escalate: 'Ticket escalated',
};
const CONVERSATION_TYPES = new Set(['PublicReplyPostedEvent', 'InternalNoteAddedEvent', 'CustomerMessageReceivedEvent']);

function describe(event) {
    const p = event.payload || {};
    const metric = m => (m ? m.toLowerCase().replace('_', ' ') : '');
    switch (event.type) {
        case 'TicketOpenedEvent':
            return `opened the ticket (${title(p.channel || '')}, ${title(p.priority || '')})`;
        case 'TicketAssignedEvent':
            if (!p.assignee) return `moved it to group ${p.group}`;
            if (p.assignee === event.actor?.name) return `took the ticket${p.group ? ` (${p.group})` : ''}`;
            return `assigned it to ${displayName(p.assignee)}${p.group ? ` (${p.group})` : ''}`;
        case 'TicketPriorityChangedEvent':
            return `changed the priority from ${title(p.previousPriority || '')} to ${title(p.priority || '')}${p.reason ? `: ${p.reason}` : ''}`;
        case 'TicketMarkedPendingEvent':
            return `marked it pending${p.reason ? `: ${p.reason}` : ''}`;
        case 'TicketResumedEvent':
            return `resumed work${p.reason ? `: ${p.reason}` : ''}`;
        case 'TicketResolvedEvent':
            return `resolved it: ${p.resolution}`;
        case 'TicketReopenedEvent':
            return `reopened it: ${p.reason}`;
        case 'TicketClosedEvent':
            return 'closed it';
        case 'TicketMergedEvent':
            return `merged it into ${p.intoTicketId}`;
        case 'TicketTagsChangedEvent': {
            const parts = [];
            if (p.added?.length) parts.push(`added tags ${p.added.join(', ')}`);
            if (p.removed?.length) parts.push(`removed tags ${p.removed.join(', ')}`);
            return parts.join(' and ') || 'changed the tags';
        }
        case 'TicketEscalatedEvent':
            return `escalated it to level ${p.level}${p.reason ? `: ${p.reason}` : p.metric ? ` (${metric(p.metric)} SLA)` : ''}`;
        case 'PublicReplyPostedEvent':
            return 'replied to the customer';
        case 'InternalNoteAddedEvent':
            return 'added an internal note';
        case 'CustomerMessageReceivedEvent':
            return 'recorded a customer message';
        case 'SlaClockStartedEvent':
            return `started the ${metric(p.metric)} clock (due ${when(p.dueAt)})`;
        case 'SlaClockAtRiskEvent':
            return `warned that ${metric(p.metric)} is at risk`;
        case 'SlaClockBreachedEvent':
            return `recorded a breach of ${metric(p.metric)}`;
        case 'SlaClockMetEvent':
            return `met the ${metric(p.metric)} target`;
        case 'SlaClockPausedEvent':
            return `paused the ${metric(p.metric)} clock`;
        case 'SlaClockResumedEvent':
            return `resumed the ${metric(p.metric)} clock (due ${when(p.dueAt)})`;
        case 'SlaClockRetargetedEvent':
            return `re-targeted ${metric(p.metric)} (due ${when(p.dueAt)})`;
        case 'SlaClockCancelledEvent':
            return `stopped the ${metric(p.metric)} clock`;
        case 'SupervisorNotificationRequestedEvent':
            return 'asked to notify the supervisors';
        case 'SupervisorNotificationDeliveredEvent':
            return 'notified the supervisors';
        case 'SupervisorNotificationFailedEvent':
            return 'could not notify the supervisors';
        default:
            return event.type.replace(/Event$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    }
}
// ---------- SLA explanation (GET /api/tickets/{id}/sla) ----------
const CLOCK_STATES = { RUNNING: 'Running', PAUSED: 'Paused', MET: 'Met', CANCELLED: 'Stopped' };
const ENTRY_LABELS = { STARTED: 'Started', PAUSED: 'Paused', RESUMED: 'Resumed', RETARGETED: 'Re-targeted', WARNING: 'At risk', BREACHED: 'Breached', MET: 'Met', CANCELLED: 'Stopped' };

/** The server's sentence with its instants in the viewer's local time and its durations in words. */
function localSentence(text) {
    return String(text || '')
        .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g, iso => dateTimeFormat.format(new Date(iso)))
        .replace(/(?<![A-Za-z0-9])-?P(?=\d|T-?\d)(?:\d+D)?(?:T(?:-?\d+H)?(?:-?\d+M)?(?:-?\d+(?:\.\d+)?S)?)?/g, iso => durationText(iso));
}

function versioned(name, version) {
    if (!name) return '—';
    return version === null || version === undefined ? name : `${name} · version ${version}`;
}

function whyClock(clock, openSet) {
    const key = `${clock.metric}-${clock.run}`;
    const last = clock.timeline[clock.timeline.length - 1] || {};
    const state = clock.breached && clock.state === 'RUNNING' ? 'Breached' : clock.atRisk && clock.state === 'RUNNING' ? 'At risk' : CLOCK_STATES[clock.state] || title(clock.state);
    const stateClass = clock.breached ? 'bad' : clock.atRisk && clock.state === 'RUNNING' ? 'risk' : clock.state.toLowerCase();
    const details = h(
        'details',
        { class: 'sla-why', 'data-metric': clock.metric, 'data-run': String(clock.run), open: openSet.has(key) },
        h(
            'summary',
            {},
            h('span', { class: 'why-name' }, 'Why: ', METRIC_LABELS[clock.metric] || title(clock.metric), clock.run > 1 ? ` (run ${clock.run})` : ''),
            h('span', { class: `why-state why-state-${stateClass}` }, state),
        ),
        h(
            'dl',
            { class: 'why-facts' },
            h('div', {}, h('dt', {}, 'Policy'), h('dd', {}, versioned(clock.policy, clock.policyVersion))),
            h('div', {}, h('dt', {}, 'Calendar'), h('dd', {}, versioned(clock.calendar, clock.calendarVersion))),
            h('div', {}, h('dt', {}, 'Target'), h('dd', {}, durationText(clock.target))),
            h('div', {}, h('dt', {}, 'Working time used'), h('dd', {}, last.used ? durationText(last.used) : '—')),
            h('div', {}, h('dt', {}, 'Working time left'), h('dd', {}, clock.left ? durationText(clock.left) : '—')),
            h('div', {}, h('dt', {}, 'Due'), h('dd', {}, clock.dueAt && clock.state === 'RUNNING' ? timeEl(clock.dueAt) : clock.state === 'PAUSED' ? 'not while paused' : '—')),
        ),
        h(
            'ol',
            { class: 'why-timeline' },
            clock.timeline.map((e, i) => {
                // The policy and calendar are named where they are set or change, not on every line.
                const before = clock.timeline[i - 1];
                const changed = !before || before.policy !== e.policy || before.policyVersion !== e.policyVersion || before.calendar !== e.calendar || before.calendarVersion !== e.calendarVersion;
                return h(
                    'li',
                    { class: `why-entry why-${e.kind.toLowerCase()}`, 'data-kind': e.kind },
                    h('div', { class: 'why-head' }, h('strong', {}, ENTRY_LABELS[e.kind] || title(e.kind)), timeEl(e.at)),
                    h('p', { class: 'why-text' }, localSentence(e.why)),
                    h(
                        'p',
                        { class: 'why-meta' },
                        [
                            e.used ? `used ${durationText(e.used)}` : null,
                            e.left ? `left ${durationText(e.left)}` : null,
                            e.policy && changed ? `policy ${versioned(e.policy, e.policyVersion)}` : null,
                            e.calendar && changed ? `calendar ${versioned(e.calendar, e.calendarVersion)}` : null,
                            e.actor ? `by ${actorName({ name: e.actor })}` : null,
                        ]
                            .filter(Boolean)
                            .join(' · '),
                    ),
                );
            }),
        ),
    );
    details.addEventListener('toggle', () => (details.open ? openSet.add(key) : openSet.delete(key)));
    return details;
}

const isSystemEvent = e => e.type.startsWith('Sla') || e.type.startsWith('Supervisor');

function ticketView(id) {
    let ticket = null;
    let events = [];
    let loadedVersion = null;
    let explanation = null;
    const openWhy = new Set(); // which clocks' "Why" stay open across live reloads
    let left = false;
    let activity = null;
    let idleTimer = null;
    let renewTimer = null;
    let refreshTimer = null;
    let presenceWorks = true;
    let visibility = 'PUBLIC';
    // While one of this console's own commands runs, its stream event is no news: the reload follows.
    let busy = false;

    const header = h('div', { class: 'ticket-head' });
    const presenceBar = h('div', { class: 'presence', role: 'status', 'aria-live': 'polite', 'aria-label': 'Who else is here' });
    const stale = h('div', { class: 'alert alert-warn', role: 'alert', hidden: true });
    const collision = h('div', { class: 'alert alert-warn collision', role: 'alert', hidden: true });
    const timeline = h('ol', { class: 'timeline', 'aria-label': 'Conversation' });
    const historyBody = h('tbody');
    const side = h('div', { class: 'ticket-side' });
    const loadError = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });

    // The composer is built once and survives every refresh, so a draft is never lost.
    const draft = h('textarea', { id: 'composer-body', rows: 5, 'aria-describedby': 'composer-error', 'aria-keyshortcuts': 'r i' });
    const draftLabel = h('label', { for: 'composer-body', id: 'composer-label' }, 'Reply to the customer');
    const composerError = h('p', { class: 'field-error', id: 'composer-error', role: 'alert' });
    const sendButton = h('button', { type: 'submit', class: 'btn btn-primary', 'aria-keyshortcuts': 'Control+Enter' }, 'Send reply');
    const tabs = h(
        'fieldset',
        { class: 'segmented composer-kind' },
        h('legend', { class: 'sr-only' }, 'Kind of message'),
        h('label', {}, h('input', { type: 'radio', name: 'visibility', value: 'PUBLIC', checked: true }), h('span', {}, 'Public reply')),
        h('label', {}, h('input', { type: 'radio', name: 'visibility', value: 'INTERNAL' }), h('span', {}, 'Internal note')),
    );
    const composer = h(
        'form',
        { class: 'composer card', 'aria-label': 'Write a reply or a note' },
        tabs,
        h('div', { class: 'field' }, draftLabel, draft),
        composerError,
        h('div', { class: 'form-actions' }, sendButton, h('span', { class: 'muted small' }, 'Ctrl+Enter sends')),
    );
    tabs.addEventListener('change', e => setVisibility(e.target.value));
    composer.addEventListener('submit', e => {
        e.preventDefault();
        sendReply();
    });
    draft.addEventListener('keydown', e => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            sendReply();
        }
    });
    draft.addEventListener('input', () => {
        const typing = draft.value.trim().length > 0;
        clearTimeout(idleTimer);
        if (typing) {
            announce('TYPING');
            idleTimer = setTimeout(() => announce('VIEWING'), 8000);
        } else {
            announce('VIEWING');
        }
    });

    function setVisibility(value) {
        visibility = value;
        tabs.querySelector(`input[value="${value}"]`).checked = true;
        composer.classList.toggle('internal', value === 'INTERNAL');
        draftLabel.textContent = value === 'INTERNAL' ? 'Internal note (only colleagues see it)' : 'Reply to the customer';
        sendButton.textContent = value === 'INTERNAL' ? 'Add note' : 'Send reply';
    }

    const historySection = h(
        'details',
        { class: 'card history' },
        h('summary', {}, h('span', { class: 'inline-h' }, 'History')),
        h(
            'div',
            { class: 'table-wrap' },
            h(
                'table',
                { class: 'history-table' },
                h('caption', { class: 'sr-only' }, 'Every change to this ticket, oldest first'),
                h('thead', {}, h('tr', {}, ['#', 'When', 'Who', 'What'].map(c => h('th', { scope: 'col' }, c)))),
                historyBody,
            ),
        ),
    );

    main().replaceChildren(
        h(
            'article',
            { class: 'page ticket-page', 'aria-labelledby': 'ticket-title' },
            h('a', { href: '#/queue', class: 'back' }, '← Queue'),
            loadError,
            header,
            presenceBar,
            stale,
            h(
                'div',
                { class: 'ticket-grid' },
                h(
                    'div',
                    { class: 'ticket-main' },
                    collision,
                    h('section', { 'aria-labelledby': 'conversation-title' }, h('h2', { id: 'conversation-title', class: 'section-title' }, 'Conversation'), timeline),
                    h('div', { class: 'composer-slot' }),
                    historySection,
                ),
                side,
            ),
        ),
    );
    header.append(h('h1', { id: 'ticket-title' }, 'Loading ticket…'));

    async function load(minVersion) {
        try {
            const [detail, history, why] = await Promise.all([
                api.tickets.get(id, minVersion),
                api.tickets.history(id).catch(() => null),
                api.tickets.sla(id).catch(() => null),
            ]);
            if (left) return;
            ticket = detail;
            loadedVersion = detail.version;
            events = history?.events || [];
            explanation = why;
            loadError.hidden = true;
            stale.hidden = true;
            render();
        } catch (e) {
            if (left) return;
            if (e instanceof api.ApiError && e.status === 504 && minVersion) return load();
            loadError.hidden = false;
            loadError.textContent = problemText(e);
        }
    }

    function render() {
        document.title = `${ticket.id} ${ticket.subject} · Support desk`;
        const requester = ticket.requester || {};
        header.replaceChildren(
            h('h1', { id: 'ticket-title' }, ticket.subject),
            h(
                'div',
                { class: 'ticket-meta' },
                h('span', { class: 'ticket-id' }, ticket.id),
                statusBadge(ticket.status),
                priorityBadge(ticket.priority),
                slaBadge(ticket.sla),
                h('span', { class: 'muted' }, `${title(ticket.channel)} · ${requester.name || 'no requester'} · ${ticket.assignee ? `assigned to ${displayName(ticket.assignee)}` : 'unassigned'}`),
            ),
        );
        renderTimeline();
        renderSide();
        renderHistory();
        const slot = main().querySelector('.composer-slot');
        const mayWrite = canWork() && ticket.status !== 'CLOSED';
        if (mayWrite && !slot.contains(composer)) slot.replaceChildren(composer);
        if (!mayWrite) slot.replaceChildren();
        if (mayWrite) {
            // Public replies only while the ticket is being worked.
            const publicAllowed = WORKING.includes(ticket.status);
            tabs.querySelector('input[value="PUBLIC"]').disabled = !publicAllowed;
            if (!publicAllowed && visibility === 'PUBLIC') setVisibility('INTERNAL');
        }
    }

    function renderTimeline() {
        const entries = [];
        const byVersion = new Map(events.map(e => [e.version, e]));
        entries.push({ at: ticket.createdAt, version: 0, node: message('CUSTOMER_MESSAGE', ticket.requester?.name || 'Requester', ticket.createdAt, ticket.description || '(no description)', 'Opened the ticket') });
        for (const c of ticket.conversation || []) {
            // A customer message is in the customer's name; the history says which colleague took it down.
            const recorder = c.kind === 'CUSTOMER_MESSAGE' ? byVersion.get(c.version)?.actor : null;
            entries.push({ at: c.at, version: c.version, node: message(c.kind, displayName(c.author), c.at, c.body, null, recorder ? `recorded by ${actorName(recorder)}` : null) });
        }
        for (const e of events) {
            if (CONVERSATION_TYPES.has(e.type) || e.type === 'TicketOpenedEvent' || e.type === 'SlaClockStartedEvent') continue;
            entries.push({ at: e.occurredAt, version: e.version, node: systemEvent(e) });
        }
        // The versions of the conversation and the history are one sequence: the order is exact, not by time.
        const exact = entries.every(e => Number.isInteger(e.version));
        entries.sort((a, b) => (exact ? a.version - b.version : new Date(a.at) - new Date(b.at)));
        timeline.replaceChildren(...entries.map(e => e.node));
    }

    function message(kind, author, at, body, caption, note) {
        const labels = { PUBLIC_REPLY: 'Public reply', INTERNAL_NOTE: 'Internal note', CUSTOMER_MESSAGE: 'Customer' };
        const cls = { PUBLIC_REPLY: 'msg-public', INTERNAL_NOTE: 'msg-internal', CUSTOMER_MESSAGE: 'msg-customer' }[kind] || 'msg-customer';
        return h(
            'li',
            { class: `msg ${cls}`, 'data-kind': kind },
            h('div', { class: 'msg-head' }, h('span', { class: 'msg-kind' }, caption || labels[kind] || kind), h('strong', {}, author), note ? h('span', { class: 'msg-note' }, note) : null, timeEl(at)),
            h('div', { class: 'msg-body' }, body),
        );
    }

    function systemEvent(e) {
        const warn = e.type === 'SlaClockBreachedEvent' || e.type === 'TicketEscalatedEvent';
        const risk = e.type === 'SlaClockAtRiskEvent';
        return h(
            'li',
            { class: `event${warn ? ' event-bad' : risk ? ' event-risk' : ''}${isSystemEvent(e) ? ' event-system' : ''}`, 'data-kind': 'EVENT' },
            h('span', { class: 'event-dot', 'aria-hidden': 'true' }),
            h('span', { class: 'event-text' }, h('strong', {}, actorName(e.actor)), ` ${describe(e)}`),
            timeEl(e.occurredAt),
        );
    }

    function renderHistory() {
        historyBody.replaceChildren(
            ...events.map(e =>
                h(
                    'tr',
                    {},
                    h('td', {}, String(e.version)),
                    h('td', {}, timeEl(e.occurredAt)),
                    h('td', {}, actorName(e.actor), e.actor?.role ? h('span', { class: 'muted small' }, ` ${title(e.actor.role)}`) : null),
                    h('td', {}, describe(e)),
                ),
            ),
        );
    }

    function renderSide() {
        const sla = ticket.sla || {};
        const clocks = METRICS.map(([fieldName, label]) => {
            const due = sla[fieldName];
            return h(
                'div',
                { class: 'clock' },
                h('dt', {}, label),
                h(
                    'dd',
                    {},
                    due
                        ? [h('span', {}, `due ${when(due)}`), ticket.status === 'PENDING' ? h('span', { class: 'muted' }, ' · paused') : h('span', { class: 'clock-left', 'data-due': due, 'data-prefix': ' · ' }, ` · ${countdown(due)}`)]
                        : h('span', { class: 'muted' }, 'not running'),
                ),
            );
        });
        const slaPanel = h(
            'section',
            { class: 'card panel', 'aria-labelledby': 'sla-title' },
            h('h2', { id: 'sla-title' }, 'Service level'),
            h('p', {}, slaBadge(sla), sla.policy ? h('span', { class: 'muted small' }, ` Policy ${sla.policy}`) : null),
            h('dl', { class: 'clocks' }, clocks),
            sla.escalationLevel ? h('p', { class: 'escalated' }, `Escalated ${sla.escalationLevel} time${sla.escalationLevel > 1 ? 's' : ''}`) : null,
            explanation?.clocks?.length
                ? h('div', { class: 'sla-why-list' }, h('h3', { class: 'sub-title' }, 'Why each clock stands where it does'), explanation.clocks.map(c => whyClock(c, openWhy)))
                : null,
        );
        const details = h(
            'section',
            { class: 'card panel', 'aria-labelledby': 'details-title' },
            h('h2', { id: 'details-title' }, 'Details'),
            h(
                'dl',
                { class: 'facts' },
                fact('Requester', [ticket.requester?.name, ticket.requester?.phone, ticket.requester?.email].filter(Boolean).join(' · ') || '—'),
                fact('Customer tier', title(ticket.customerTier || 'STANDARD')),
                fact('Assignee', displayName(ticket.assignee)),
                fact('Group', ticket.group || '—'),
                fact('Tags', (ticket.tags || []).length ? h('span', { class: 'tags' }, ticket.tags.map(t => h('span', { class: 'tag' }, t))) : '—'),
                fact('Opened', timeEl(ticket.createdAt)),
                ticket.resolution ? fact('Resolution', ticket.resolution) : null,
                ticket.mergedInto ? fact('Merged into', h('a', { href: `#/tickets/${encodeURIComponent(ticket.mergedInto)}` }, ticket.mergedInto)) : null,
            ),
        );
        side.replaceChildren(actionsPanel(), slaPanel, details);
    }

    function fact(label, value) {
        return h('div', {}, h('dt', {}, label), h('dd', {}, value));
    }

    // Only what the signed-in role may do in the ticket's state is offered.
    function actions() {
        if (!canWork()) return [];
        const s = ticket.status;
        const mine = ticket.assignee === app.me.name;
        const mayTake = !ticket.assignee || mine || canSupervise();
        const list = [];
        const working = WORKING.includes(s);
        if (working && !mine && mayTake) list.push(['Assign to me', 'a', () => run('assign', { assignee: app.me.name }, 'Assigned to you')]);
        if (working && mayTake) list.push(['Assign…', null, assignDialog]);
        if (s === 'OPEN') list.push(['Mark pending', 'p', () => dialog('Mark pending', 'pending', [text('reason', 'Waiting for (optional)')], 'Mark pending')]);
        if (s === 'PENDING') list.push(['Resume', 'u', () => dialog('Resume work', 'resume', [text('reason', 'Reason (optional)')], 'Resume')]);
        if (working) list.push(['Resolve', 'e', () => dialog('Resolve the ticket', 'resolve', [area('resolution', 'Resolution', true)], 'Resolve')]);
        if (s === 'RESOLVED') list.push(['Reopen', null, () => dialog('Reopen the ticket', 'reopen', [area('reason', 'Why it is reopened', true)], 'Reopen')]);
        if (s === 'RESOLVED') list.push(['Close', null, () => dialog('Close the ticket', 'close', [], 'Close for good', 'A closed ticket cannot be changed again.')]);
        if (s !== 'CLOSED') list.push(['Change priority', null, () => dialog('Change the priority', 'priority', [choice('priority', 'Priority', PRIORITIES, ticket.priority), text('reason', 'Reason (optional)')], 'Change priority')]);
        if (s !== 'CLOSED') list.push(['Edit tags', null, tagsDialog]);
        if (s !== 'CLOSED') list.push(['Customer message', 'm', () => dialog('Record a customer message', 'customer-messages', [area('body', 'What the customer said', true)], 'Add message', 'For a call back or a message that reached you outside the desk.')]);
        if (working) list.push(['Merge into…', null, () => dialog('Merge into another ticket', 'merge', [text('into', 'Ticket that survives (id)', true)], 'Merge', 'This ticket is closed and the other one gets a note.')]);
        if (working && canSupervise()) list.push(['Escalate', null, () => dialog('Escalate the ticket', 'escalate', [area('reason', 'Reason', true)], 'Escalate')]);
        return list;
    }

    function actionsPanel() {
        const list = actions();
        if (!canWork()) {
            return h(
                'section',
                { class: 'card panel', 'aria-labelledby': 'actions-title' },
                h('h2', { id: 'actions-title' }, 'Read-only'),
                h('p', { class: 'muted' }, `As ${app.me.roles.map(r => ROLE_LABELS[r] || r).join(', ')} you can read this ticket and its history but not change it.`),
            );
        }
        return h(
            'section',
            { class: 'card panel', 'aria-labelledby': 'actions-title' },
            h('h2', { id: 'actions-title' }, 'Actions'),
            list.length
                ? h('div', { class: 'action-list' }, list.map(([label, key, handler]) => h('button', { type: 'button', class: 'btn', onclick: handler, 'aria-label': label, 'aria-keyshortcuts': key || undefined, title: key ? `${label} (${key})` : undefined }, label)))
                : h('p', { class: 'muted' }, 'Nothing more can be done with a closed ticket.'),
            h('p', { class: 'field-error', id: 'actions-error', role: 'alert' }),
        );
    }

    const text = (name, label, required) => ({ name, label, required, kind: 'input' });
    const area = (name, label, required) => ({ name, label, required, kind: 'textarea' });
    const choice = (name, label, values, value, labels) => ({ name, label, kind: 'select', values, value, labels });

    function assignDialog() {
        const people = app.users.filter(u => (u.roles || []).some(r => ['AGENT', 'SUPERVISOR', 'ADMIN'].includes(r)));
        const groups = [...new Set(app.users.flatMap(u => u.groups || []))].sort();
        dialog(
            'Assign the ticket',
            'assign',
            [
                choice('assignee', 'Assignee', ['', ...people.map(u => u.name)], ticket.assignee || '', ['Keep as it is', ...people.map(u => `${u.displayName} (${(u.groups || []).join(', ') || (u.roles || []).join(', ').toLowerCase()})`)]),
                choice('group', 'Group', ['', ...groups], '', ['Keep as it is', ...groups]),
            ],
            'Assign',
        );
    }

    function tagsDialog() {
        dialog('Edit tags', 'tags', [text('add', 'Add tags (comma-separated)'), text('remove', 'Remove tags (comma-separated)')], 'Save tags', (ticket.tags || []).length ? `Now: ${ticket.tags.join(', ')}` : 'No tags yet.');
    }

    function dialog(heading, command, fields, submitLabel, note) {
        const dlg = $('#dialog');
        const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
        const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, submitLabel);
        const form = h(
            'form',
            { method: 'dialog', novalidate: true },
            h('h2', { id: 'dialog-title' }, heading),
            note ? h('p', { class: 'muted' }, note) : null,
            fields.map(f => {
                const control =
                    f.kind === 'select'
                        ? h('select', {}, f.values.map((v, i) => h('option', { value: v, selected: v === f.value }, f.labels ? f.labels[i] : title(v))))
                        : h(f.kind, { required: f.required || undefined, rows: f.kind === 'textarea' ? 4 : undefined, autocomplete: 'off' });
                control.id = `dlg-${f.name}`;
                return field(f.name, f.label, control);
            }),
            error,
            h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => dlg.close() }, 'Cancel')),
        );
        form.addEventListener('submit', async e => {
            e.preventDefault();
            const body = {};
            for (const f of fields) {
                const value = form.elements[f.name].value.trim();
                if (f.name === 'add' || f.name === 'remove') {
                    body[f.name] = value ? value.split(',').map(t => t.trim()).filter(Boolean) : [];
                } else if (value) body[f.name] = value;
            }
            const missing = fields.filter(f => f.required && !body[f.name]);
            if (missing.length) {
                showFieldErrors(form, new api.ApiError(400, { errors: missing.map(f => ({ field: f.name, message: `${f.label} is needed.` })) }));
                form.querySelector('[aria-invalid]')?.focus();
                return;
            }
            if (command === 'assign' && !body.assignee && !body.group) {
                showFieldErrors(form, new api.ApiError(400, { errors: [{ field: 'assignee', message: 'Pick an assignee or a group.' }] }));
                return;
            }
            submit.disabled = true;
            const ok = await run(command, body, DONE[command] || 'Saved', err => {
                if (!showFieldErrors(form, err)) {
                    error.hidden = false;
                    error.textContent = problemText(err);
                }
            });
            submit.disabled = false;
            if (ok) dlg.close();
        });
        dlg.replaceChildren(form);
        dlg.setAttribute('aria-labelledby', 'dialog-title');
        dlg.showModal();
        (form.querySelector('input,select,textarea') || submit).focus();
    }

    /** Runs a command against the version on screen; a 412 turns into the collision message. */
    async function run(command, body, doneMessage, onError) {
        const actionsError = $('#actions-error');
        if (actionsError) actionsError.textContent = '';
        busy = true;
        try {
            const result = await api.tickets.command(id, command, body, loadedVersion);
            collision.hidden = true;
            toast(doneMessage);
            await load(result.version);
            return true;
        } catch (err) {
            if (err instanceof api.ApiError && err.status === 412) {
                if ($('#dialog').open) $('#dialog').close();
                await showCollision();
                return false;
            }
            if (onError) onError(err);
            else if ($('#actions-error')) $('#actions-error').textContent = problemText(err);
            return false;
        } finally {
            busy = false;
        }
    }

    async function changesSinceLoaded() {
        const history = await api.tickets.history(id);
        return history.events.filter(e => e.version > loadedVersion && !isSystemEvent(e));
    }

    function changeList(changes) {
        return h(
            'ul',
            { class: 'changes' },
            changes.map(e => h('li', {}, h('strong', {}, actorName(e.actor)), ` ${describe(e)} `, h('span', { class: 'muted' }, `(${when(e.occurredAt)})`))),
        );
    }

    async function showCollision() {
        let changes = [];
        try {
            changes = await changesSinceLoaded();
        } catch (e) {
            changes = [];
        }
        const who = [...new Set(changes.map(e => actorName(e.actor)))];
        collision.hidden = false;
        collision.replaceChildren(
            h('h2', { class: 'alert-title' }, who.length ? `${who.join(' and ')} changed this ticket while you had it open` : 'Someone changed this ticket while you had it open'),
            changes.length ? changeList(changes) : null,
            h('p', {}, 'Nothing of yours was saved, so nothing was overwritten. Your draft is kept: look at the latest version, then send again.'),
            h('button', { type: 'button', class: 'btn', onclick: () => load().then(() => draft.focus()) }, 'Show the latest version'),
        );
        collision.scrollIntoView({ block: 'nearest' });
    }

    function hasUnsavedWork() {
        return draft.value.trim().length > 0 || $('#dialog').open;
    }

    async function changedLive(version) {
        if (busy || (version !== undefined && loadedVersion !== null && version <= loadedVersion)) return;
        if (!hasUnsavedWork()) {
            clearTimeout(refreshTimer);
            refreshTimer = setTimeout(() => load(version), 150);
            return;
        }
        // Mid-draft the screen stays as it is (the draft is kept); say what changed underneath.
        try {
            const changes = (await changesSinceLoaded()).filter(e => e.actor?.name !== app.me.name);
            if (!changes.length || left) return;
            const who = [...new Set(changes.map(e => actorName(e.actor)))];
            stale.hidden = false;
            stale.replaceChildren(
                h('strong', {}, `${who.join(' and ')} changed this ticket since you opened it.`),
                changeList(changes),
                h('button', { type: 'button', class: 'btn', onclick: () => load() }, 'Show the latest version (keeps your draft)'),
            );
        } catch (e) {
            // The next event or refresh tries again.
        }
    }

    // ---------- presence ----------
    async function announce(next) {
        if (!presenceWorks || left || !canWork() && next === 'TYPING') return;
        if (next === activity) return;
        activity = next;
        try {
            await api.presence.announce(id, next);
        } catch (e) {
            if (e instanceof api.ApiError && (e.status === 404 || e.status === 405)) presenceWorks = false;
        }
    }

    async function loadPresence() {
        if (!presenceWorks || left) return;
        try {
            const result = await api.presence.viewers(id);
            if (left) return;
            const others = (result.viewers || []).filter(v => v.name !== app.me.name);
            presenceBar.replaceChildren(
                ...others.map(v =>
                    h(
                        'span',
                        { class: `viewer viewer-${v.activity.toLowerCase()}` },
                        icon(v.activity === 'TYPING' ? 'pen' : 'eye'),
                        `${v.displayName || displayName(v.name)} ${v.activity === 'TYPING' ? 'is typing a reply' : 'is viewing'}`,
                    ),
                ),
            );
        } catch (e) {
            if (e instanceof api.ApiError && e.status === 404 && !ticket) return;
            if (e instanceof api.ApiError && e.status === 404) presenceWorks = false;
        }
    }

    function renew() {
        if (busy) return;
        const current = activity || 'VIEWING';
        activity = null;
        announce(current);
        loadPresence();
    }

    const initialVersion = parseInt(new URLSearchParams(location.hash.split('?')[1] || '').get('v') || '', 10);
    load(Number.isFinite(initialVersion) ? initialVersion : undefined).then(() => {
        // Readers are present too (an auditor looking at a ticket is worth knowing about); only agents type.
        announce('VIEWING');
        loadPresence();
    });
    renewTimer = setInterval(renew, 10000);

    return {
        refresh: () => load(),
        onTicket(e) {
            if (e.id === id) changedLive(e.version);
        },
        onPresence(e) {
            if (e.id === id) loadPresence();
        },
        onKey(e) {
            if (e.key === 'r' || e.key === 'i') {
                if (!composer.isConnected) return false;
                e.preventDefault();
                if (e.key === 'i' || !tabs.querySelector('input[value="PUBLIC"]').disabled) setVisibility(e.key === 'i' ? 'INTERNAL' : 'PUBLIC');
                draft.focus();
                return true;
            }
            const action = side.querySelector(`button[aria-keyshortcuts="${CSS.escape(e.key)}"]`);
            if (action) {
                e.preventDefault();
                action.click();
                return true;
            }
            return false;
        },
        leave() {
            if (left) return;
            left = true;
            clearInterval(renewTimer);
            clearTimeout(idleTimer);
            clearTimeout(refreshTimer);
            if (presenceWorks && activity) api.presence.leave(id).catch(() => {});
        },
    };

    async function sendReply() {
        composerError.textContent = '';
        const body = draft.value.trim();
        if (!body) {
            composerError.textContent = visibility === 'INTERNAL' ? 'Write the note first.' : 'Write the reply first.';
            draft.focus();
            return;
        }
        sendButton.disabled = true;
        const ok = await run('replies', { body, visibility }, visibility === 'INTERNAL' ? 'Note added' : 'Reply sent', err => {
            composerError.textContent = err instanceof api.ApiError && err.fieldErrors.body ? err.fieldErrors.body : problemText(err);
        });
        sendButton.disabled = false;
        if (ok) {
            draft.value = '';
            announce('VIEWING');
        }
    }
}

// ---------- keyboard ----------
const SHORTCUTS = [
    ['?', 'Show this list'],
    ['n', 'New ticket'],
    ['q', 'Go to the queue'],
    ['/', 'Search the queue'],
    ['j / k', 'Next / previous ticket in the queue'],
    ['r', 'Write a public reply (ticket)'],
    ['i', 'Write an internal note (ticket)'],
    ['Ctrl+Enter', 'Send the reply or note'],
    ['a', 'Assign the ticket to me'],
    ['p', 'Mark pending'],
    ['u', 'Resume'],
    ['e', 'Resolve'],
    ['m', 'Add a customer message'],
    ['Esc', 'Close a dialog'],
];

function showShortcuts() {
    const dlg = $('#dialog');
    dlg.replaceChildren(
        h(
            'div',
            {},
            h('h2', { id: 'dialog-title' }, 'Keyboard shortcuts'),
            h('dl', { class: 'shortcuts' }, SHORTCUTS.map(([key, what]) => h('div', {}, h('dt', {}, h('kbd', {}, key)), h('dd', {}, what)))),
            h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, 'Close')),
        ),
    );
    dlg.setAttribute('aria-labelledby', 'dialog-title');
    dlg.showModal();
    dlg.querySelector('button').focus();
}

document.addEventListener('keydown', e => {
    if (!app.me || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    if (target.closest?.('input, textarea, select, [contenteditable]') || $('#dialog').open) return;
    if (e.key === '?') {
        e.preventDefault();
        showShortcuts();
    } else if (app.view?.onKey?.(e)) {
        // handled by the screen
    } else if (e.key === 'n' && canWork()) {
        location.hash = '#/new';
    } else if (e.key === 'q') {
        location.hash = '#/queue';
    }
});

// ---------- start ----------
(async () => {
    try {
        await signedIn(await api.session.current());
    } catch (e) {
        if (e instanceof api.ApiError && e.status === 401) renderSignIn();
        else renderSignIn(problemText(e));
    }
})();
