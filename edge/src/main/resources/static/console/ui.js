// What every screen of the console shares: the signed-in state, DOM helpers, words for the API's values,
// badges and form fields.
import * as api from './api.js';

export const STATUSES = ['NEW', 'OPEN', 'PENDING', 'RESOLVED', 'CLOSED'];
export const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
export const CHANNELS = ['PHONE', 'EMAIL', 'CHAT', 'WEB', 'MESSENGER', 'API'];
export const TIERS = ['STANDARD', 'PREMIUM'];
export const WORKING = ['NEW', 'OPEN', 'PENDING'];
export const SLA_LABELS = { ON_TRACK: 'On track', AT_RISK: 'At risk', BREACHED: 'Breached', PAUSED: 'Paused', MET: 'Met' };
export const ROLE_LABELS = { AGENT: 'Agent', SUPERVISOR: 'Supervisor', ANALYST: 'Analyst', AUDITOR: 'Auditor', ADMIN: 'Admin' };
export const METRICS = [
    ['firstResponseDueAt', 'First response', 'FIRST_RESPONSE'],
    ['nextResponseDueAt', 'Next response', 'NEXT_RESPONSE'],
    ['resolutionDueAt', 'Resolution', 'RESOLUTION'],
];
export const app = {
    me: null,
    users: [],
    stream: null,
    view: null, // {refresh(), onTicket(e), onPresence(e), onKey(e), leave()}
    streamUp: false,
    fetchUp: true,
};
// ---------- small DOM helpers ----------
export function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') el.className = value;
        else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
        else if (key === 'text') el.textContent = value;
        else if (value === true) el.setAttribute(key, '');
        else el.setAttribute(key, value);
    }
    for (const child of children.flat(Infinity)) {
        if (child === undefined || child === null || child === false) continue;
        el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
}
export const $ = (selector, root = document) => root.querySelector(selector);
export const main = () => $('#main');
export const title = word => word.charAt(0) + word.slice(1).toLowerCase();
let uid = 0;
export const nextId = prefix => `${prefix}-${++uid}`;

export function displayName(name) {
    if (!name) return 'Unassigned';
    const user = app.users.find(u => u.name === name);
    return user ? user.displayName : name;
}

export function actorName(actor) {
    if (!actor) return 'Someone';
    if (actor.displayName) return actor.displayName;
    if (actor.role === 'SYSTEM' || actor.role === 'SERVICE' || actor.name === 'sla-monitor' || actor.name === 'system') {
        return 'SLA monitor';
    }
    return displayName(actor.name);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
export const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export function when(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    const today = new Date().toDateString() === d.toDateString();
    return today ? `today ${timeFormat.format(d)}` : dateTimeFormat.format(d);
}
export function timeEl(iso) {
    return h('time', { datetime: iso, title: iso ? dateTimeFormat.format(new Date(iso)) : '' }, when(iso));
}

export function span(ms) {
    const s = Math.floor(Math.abs(ms) / 1000);
    if (s < 60) return `${s}s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m}m ${s % 60}s`;
    const hrs = Math.floor(m / 60);
    if (hrs < 24) return `${hrs}h ${m % 60}m`;
    return `${Math.floor(hrs / 24)}d ${hrs % 24}h`;
}
export function countdown(iso) {
    const ms = new Date(iso).getTime() - Date.now();
    return ms >= 0 ? `${span(ms)} left` : `${span(ms)} overdue`;
}

export function toast(message) {
    const el = $('#toast');
    el.textContent = message;
    el.classList.add('show');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => el.classList.remove('show'), 3500);
}

export function problemText(error) {
    if (error instanceof api.ConnectionError) return 'The support desk cannot be reached right now. Check the connection and try again.';
    if (!(error instanceof api.ApiError)) return 'Something went wrong in the console. Reload the page and try again.';
    const p = error.problem;
    const detail = p.detail || p.title;
    switch (error.status) {
        case 403:
            return detail ? `Not allowed: ${detail}` : 'Your role is not allowed to do this.';
        case 404:
            return detail || 'This ticket does not exist (any more).';
        case 409:
            return detail ? `Not possible right now: ${detail}` : 'Not possible in the ticket’s current state.';
        case 503:
        case 502:
        case 504:
            return 'A service of the support desk is not answering. Nothing was changed; try again in a moment.';
        default:
            return detail || `The request was refused (${error.status}).`;
    }
}

// ---------- roles ----------
export const has = (...roles) => (app.me?.roles || []).some(r => roles.includes(r));
export const canWork = () => has('AGENT', 'SUPERVISOR', 'ADMIN');
export const canSupervise = () => has('SUPERVISOR', 'ADMIN');

// ---------- SLA badge ----------
export function runningDue(sla) {
    if (!sla) return null;
    const dues = METRICS.map(([field]) => sla[field]).filter(Boolean).sort();
    return dues[0] || null;
}
export function slaBadge(sla) {
    const state = sla?.state || 'MET';
    const due = state === 'PAUSED' || state === 'MET' ? null : runningDue(sla);
    return h(
        'span',
        { class: `badge sla sla-${state.toLowerCase().replace('_', '-')}`, 'data-sla-state': state },
        h('span', { class: 'sla-dot', 'aria-hidden': 'true' }),
        h('span', { class: 'sla-label' }, SLA_LABELS[state] || state),
        due ? h('span', { class: 'sla-time', 'data-due': due }, ` · ${countdown(due)}`) : null,
    );
}
setInterval(() => {
    for (const el of document.querySelectorAll('[data-due]')) {
        el.textContent = `${el.dataset.prefix || ' · '}${countdown(el.dataset.due)}`;
    }
}, 1000);

export function statusBadge(status) {
    return h('span', { class: `badge status status-${status.toLowerCase()}` }, title(status));
}
export function priorityBadge(priority) {
    return h('span', { class: `badge priority priority-${priority.toLowerCase()}` }, title(priority));
}
export function field(name, label, control, hint) {
    const id = control.id || `nt-${name}`;
    control.id = id;
    control.name = control.name || name;
    const errorId = `${id}-error`;
    control.setAttribute('aria-describedby', errorId);
    return h(
        'div',
        { class: 'field', 'data-field': name },
        h('label', { for: id }, label, control.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
        control,
        hint ? h('p', { class: 'hint' }, hint) : null,
        h('p', { class: 'field-error', id: errorId }),
    );
}

export function showFieldErrors(form, error, aliases = {}) {
    form.querySelectorAll('.field-error').forEach(el => (el.textContent = ''));
    form.querySelectorAll('[aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
    let shown = false;
    if (error instanceof api.ApiError) {
        for (const [fieldName, message] of Object.entries(error.fieldErrors)) {
            const key = aliases[fieldName] || fieldName;
            const box = form.querySelector(`[data-field="${CSS.escape(key)}"]`);
            if (box) {
                box.querySelector('.field-error').textContent = message;
                box.querySelector('input,select,textarea')?.setAttribute('aria-invalid', 'true');
                shown = true;
            }
        }
    }
    return shown;
}
export const METRIC_LABELS = Object.fromEntries(METRICS.map(([, label, name]) => [name, label]));
/** Seconds in an ISO-8601 duration (PT4H30M, P2D, PT-5M), or null when it is not one. */
export function isoSeconds(text) {
    const m = /^(-)?P(?:(\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?\d+(?:\.\d+)?)S)?)?$/i.exec(String(text || '').trim());
    if (!m || /^-?P$/i.test(text.trim()) || /T$/i.test(text.trim())) return null;
    const total = (+(m[2] || 0)) * 86400 + (+(m[3] || 0)) * 3600 + (+(m[4] || 0)) * 60 + (+(m[5] || 0));
    return m[1] ? -total : total;
}

/** PT4H, P1DT2H, 4h 30m or 90m, as an ISO-8601 duration; null when it is neither. */
export function toIsoDuration(text) {
    const value = text.trim();
    if (!value) return '';
    if (/^P/i.test(value)) return isoSeconds(value) === null ? null : value.toUpperCase();
    const m = /^(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$/i.exec(value);
    if (!m || !m.slice(1).some(Boolean)) return null;
    const [d, hr, mi, se] = m.slice(1).map(x => +(x || 0));
    const time = `${hr ? `${hr}H` : ''}${mi ? `${mi}M` : ''}${se ? `${se}S` : ''}`;
    const iso = `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
    return iso === 'P' ? 'PT0S' : iso;
}

/** A duration in words: 4h 30m, 2d 3h, 45s. */
export function durationText(iso) {
    const seconds = isoSeconds(iso);
    if (seconds === null) return iso || '—';
    let s = Math.round(Math.abs(seconds));
    if (s === 0) return '0m';
    const d = Math.floor(s / 86400);
    s -= d * 86400;
    const hrs = Math.floor(s / 3600);
    s -= hrs * 3600;
    const m = Math.floor(s / 60);
    s -= m * 60;
    const parts = [d && `${d}d`, hrs && `${hrs}h`, m && `${m}m`, s && !d && `${s}s`].filter(Boolean);
    return `${seconds < 0 ? '−' : ''}${parts.join(' ')}`;
}
export function icon(name) {
    const paths = {
        eye: 'M1 12s4-7 11-7 11 7 11 7-4 7-11 7S1 12 1 12zm11 4a4 4 0 1 0 0-8 4 4 0 0 0 0 8z',
        pen: 'M3 17.25V21h3.75L17.8 9.94l-3.75-3.75L3 17.25zm17.7-10.2a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z',
    };
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', `icon icon-${name}`);
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', paths[name]);
    svg.append(path);
    return svg;
}
export function sentence(message) {
    const text = String(message || '').trim();
    if (!text) return '';
    const s = text.charAt(0).toUpperCase() + text.slice(1);
    return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** A labelled control whose box a 400's field path (targets.firstResponse, policies[0].name) finds by data-field. */
export function pathField(idPrefix, path, label, control, hint) {
    control.id = control.id || nextId(`${idPrefix}-${path.replace(/[^A-Za-z0-9]+/g, '-')}`);
    control.name = control.name || path;
    const errorId = `${control.id}-error`;
    const hintId = hint ? `${control.id}-hint` : null;
    control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
    return h(
        'div',
        { class: 'field', 'data-field': path },
        h('label', { for: control.id }, label, control.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
        control,
        hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
        h('p', { class: 'field-error', id: errorId }),
    );
}
