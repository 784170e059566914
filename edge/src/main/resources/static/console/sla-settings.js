// SLA settings for administrators: policies and calendars, listed, edited and deactivated through the API.
import * as api from './api.js';
import {
    $,
    ROLE_LABELS,
    app,
    h,
    main,
    title,
    nextId,
    displayName,
    when,
    timeEl,
    toast,
    problemText,
    has,
    field,
    METRIC_LABELS,
    isoSeconds,
    durationText,
    toIsoDuration,
    sentence,
    PRIORITIES,
    CHANNELS,
    TIERS,
    METRICS,
    pathField,
} from './ui.js';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const ACTIONS = [
    ['RAISE_PRIORITY', 'Raise priority'],
    ['NOTIFY_SUPERVISOR', 'Notify supervisor'],
    ['REASSIGN_TO_GROUP', 'Reassign to group'],
];
const TARGETS = [
    ['firstResponse', 'First response', true],
    ['nextResponse', 'Next response', false],
    ['resolution', 'Resolution', true],
];

function matchText(match) {
    const m = match || {};
    if (!m.priority && !m.customerTier && !m.channel) return 'Every ticket';
    return [
        m.priority ? `${title(m.priority)} priority` : 'any priority',
        m.customerTier ? `${title(m.customerTier)} tier` : 'any tier',
        m.channel ? title(m.channel) : 'any channel',
    ].join(' · ');
}

function stepText(step) {
    const when = step.at === 'WARNING' ? 'At risk' : 'On breach';
    const which = step.metric ? ` of ${METRIC_LABELS[step.metric].toLowerCase()}` : '';
    const actions = (step.actions || []).map(a => (a === 'REASSIGN_TO_GROUP' ? `reassign to ${step.group}` : ACTIONS.find(x => x[0] === a)?.[1].toLowerCase() || a));
    return `${when}${which}: ${actions.length ? actions.join(', ') : 'counts as an escalation'}`;
}

function hoursText(hours) {
    const days = DAYS.filter(d => (hours?.[d] || []).length);
    if (days.length === 7 && days.every(d => hours[d].length === 1 && hours[d][0] === '00:00-24:00')) return ['Every day, all day'];
    return days.map(d => `${title(d).slice(0, 3)} ${hours[d].join(', ')}`);
}

export function slaSettingsView(kind, name) {
    if (!has('ADMIN')) {
        document.title = 'SLA settings · Support desk';
        main().replaceChildren(
            h(
                'div',
                { class: 'page narrow' },
                h('h1', {}, 'SLA settings'),
                h('div', { class: 'alert alert-error', role: 'alert', style: 'margin-top:16px' }, `SLA settings are for administrators only. As ${(app.me.roles || []).map(r => ROLE_LABELS[r] || r).join(', ')} you see each ticket’s service level in its SLA panel, but you cannot change policies or calendars.`),
                h('a', { href: '#/queue' }, 'Back to the queue'),
            ),
        );
        return { refresh() {} };
    }
    let left = false;
    const page = h('div', { class: 'page settings-page' }, h('p', { class: 'muted' }, 'Loading the SLA settings…'));
    main().replaceChildren(page);
    const load = async () => {
        try {
            const [policies, calendars] = await Promise.all([api.sla.policies(), api.sla.calendars()]);
            if (left) return;
            if (kind === 'policy') renderPolicyForm(page, policies, calendars, name);
            else if (kind === 'calendar') renderCalendarForm(page, calendars, name);
            else renderSettingsLists(page, policies, calendars, load);
        } catch (e) {
            if (left) return;
            page.replaceChildren(h('h1', {}, 'SLA settings'), h('div', { class: 'alert alert-error', role: 'alert', style: 'margin-top:16px' }, problemText(e)));
        }
    };
    load();
    return {
        refresh: load,
        leave() {
            left = true;
        },
    };
}

function renderSettingsLists(page, policies, calendars, reload) {
    document.title = 'SLA settings · Support desk';
    const sorted = [...policies].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
    const cell = (label, ...content) => h('td', { 'data-label': label }, ...content);
    const changed = item => (item.changedAt ? h('span', { class: 'muted small' }, 'Changed ', timeEl(item.changedAt), item.changedBy ? ` by ${displayName(item.changedBy)}` : '') : h('span', { class: 'muted small' }, 'Built in'));
    const policyRows = sorted.map(p =>
        h(
            'tr',
            { 'data-policy': p.name, 'data-version': String(p.version), 'data-active': String(p.active), class: p.active ? '' : 'inactive' },
            cell('Policy', h('div', { class: 'cell-name' }, h('strong', {}, p.name), changed(p))),
            cell('Matches', matchText(p.match)),
            cell(
                'Targets',
                h(
                    'ul',
                    { class: 'plain' },
                    TARGETS.filter(([k]) => p.targets?.[k]).map(([k, label]) => h('li', {}, `${label} `, h('strong', {}, durationText(p.targets[k])))),
                ),
            ),
            cell('Warn at', `${p.warnAtPercent} %`),
            cell('Calendar', p.calendar),
            cell('Escalation', (p.escalations || []).length ? h('ol', { class: 'plain' }, p.escalations.map(s => h('li', {}, stepText(s)))) : h('span', { class: 'muted' }, 'No ladder')),
            cell('Status', h('span', { class: `badge ${p.active ? 'state-active' : 'state-inactive'}` }, p.active ? 'Active' : 'Inactive')),
            cell('Version', h('span', { class: 'version' }, String(p.version))),
            cell(
                'Actions',
                h(
                    'div',
                    { class: 'row-actions' },
                    h('a', { class: 'btn btn-small', href: `#/sla/policies/${encodeURIComponent(p.name)}`, 'aria-label': `Edit policy ${p.name}` }, p.active ? 'Edit' : 'Edit or activate'),
                    p.active ? h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': `Deactivate policy ${p.name}`, onclick: () => confirmDeactivate(p, reload) }, 'Deactivate') : null,
                ),
            ),
        ),
    );
    const calendarRows = calendars.map(c =>
        h(
            'tr',
            { 'data-calendar': c.name, 'data-version': String(c.version) },
            cell('Calendar', h('div', { class: 'cell-name' }, h('strong', {}, c.name), changed(c))),
            cell('Time zone', c.timeZone),
            cell('Working hours', h('ul', { class: 'plain' }, hoursText(c.workingHours).map(line => h('li', {}, line)))),
            cell('Holidays', (c.holidays || []).length ? h('span', { title: c.holidays.join(', ') }, c.holidays.length > 3 ? `${c.holidays.slice(0, 3).join(', ')} and ${c.holidays.length - 3} more` : c.holidays.join(', ')) : h('span', { class: 'muted' }, 'None')),
            cell('Version', h('span', { class: 'version' }, String(c.version))),
            cell('Actions', c.name === '24x7' ? h('span', { class: 'muted small' }, 'Cannot be changed') : h('a', { class: 'btn btn-small', href: `#/sla/calendars/${encodeURIComponent(c.name)}`, 'aria-label': `Edit calendar ${c.name}` }, 'Edit')),
        ),
    );
    const table = (caption, heads, rows, cls) =>
        h(
            'div',
            { class: 'table-wrap' },
            h('table', { class: `settings-table ${cls}` }, h('caption', { class: 'sr-only' }, caption), h('thead', {}, h('tr', {}, heads.map(c => h('th', { scope: 'col' }, c)))), h('tbody', {}, rows)),
        );
    page.replaceChildren(
        h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'SLA settings'), h('p', { class: 'muted' }, 'Changes apply to tickets opened after they are saved; open tickets keep the policy and calendar they started with.'))),
        h(
            'section',
            { class: 'settings-section', 'aria-labelledby': 'policies-title' },
            h('div', { class: 'section-head' }, h('h2', { id: 'policies-title' }, 'Policies'), h('a', { class: 'btn btn-primary', href: '#/sla/policies/new' }, 'New policy')),
            h('p', { class: 'muted small' }, 'A ticket gets the active policy that matches it on the most fields (a tie goes to the most recently changed). When none matches, the built-in default policy applies: its targets per priority come from the service’s configuration, on the 24x7 calendar.'),
            policyRows.length ? table('SLA policies', ['Policy', 'Matches', 'Targets', 'Warn at', 'Calendar', 'Escalation', 'Status', 'Version', 'Actions'], policyRows, 'policies') : h('p', { class: 'card empty' }, 'No policies yet: every ticket gets the default policy.'),
        ),
        h(
            'section',
            { class: 'settings-section', 'aria-labelledby': 'calendars-title' },
            h('div', { class: 'section-head' }, h('h2', { id: 'calendars-title' }, 'Business calendars'), h('a', { class: 'btn btn-primary', href: '#/sla/calendars/new' }, 'New calendar')),
            table('Business calendars', ['Calendar', 'Time zone', 'Working hours', 'Holidays', 'Version', 'Actions'], calendarRows, 'calendars'),
        ),
    );
    main().focus({ preventScroll: true });
}

function confirmDeactivate(policy, reload) {
    const dlg = $('#dialog');
    const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
    const yes = h('button', { type: 'button', class: 'btn btn-danger-solid' }, 'Deactivate');
    yes.addEventListener('click', async () => {
        yes.disabled = true;
        try {
            const answer = await api.sla.deactivatePolicy(policy.name);
            dlg.close();
            toast(`Policy ${answer.name} deactivated (version ${answer.version})`);
            reload();
        } catch (e) {
            yes.disabled = false;
            error.hidden = false;
            error.textContent = problemText(e);
        }
    });
    dlg.replaceChildren(
        h(
            'div',
            {},
            h('h2', { id: 'dialog-title' }, `Deactivate policy ${policy.name}?`),
            h('p', {}, 'Tickets opened from now on no longer match it. Tickets already open keep it and its escalation ladder. Saving the policy again activates it.'),
            error,
            h('div', { class: 'form-actions' }, yes, h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => dlg.close() }, 'Cancel')),
        ),
    );
    dlg.setAttribute('aria-labelledby', 'dialog-title');
    dlg.showModal();
    yes.focus();
}
/** A settings field that a 400's path (targets.firstResponse) finds. */
function settingsField(path, label, control, hint) {
    return pathField('sla', path, label, control, hint);
}


/**
 * Puts each of a 400 problem's errors next to its field: the box whose data-field is the path, else the
 * path without its last index (holidays[2] goes to holidays, as "Entry 3: ..."). What has no box goes to
 * the form's own alert. Answers whether anything was shown.
 */
function showSettingsErrors(form, alert, errors, itemWord = {}) {
    form.querySelectorAll('.field-error').forEach(el => (el.textContent = ''));
    form.querySelectorAll('[aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
    alert.hidden = true;
    alert.replaceChildren();
    const loose = [];
    let first = null;
    for (const e of errors) {
        let path = e.field || '';
        let prefix = '';
        let box = form.querySelector(`[data-field="${CSS.escape(path)}"]`);
        const indexed = /^(.*)\[(\d+)\]$/.exec(path);
        if (!box && indexed) {
            box = form.querySelector(`[data-field="${CSS.escape(indexed[1])}"]`);
            const word = Object.entries(itemWord).find(([p]) => indexed[1].startsWith(p))?.[1] || 'Entry';
            prefix = `${word} ${+indexed[2] + 1}: `;
        }
        const message = prefix ? `${prefix}${e.message}.`.replace(/\.\.$/, '.') : sentence(e.message);
        if (!box) {
            loose.push(`${path ? `${path}: ` : ''}${message}`);
            continue;
        }
        const slot = box.querySelector(':scope > .field-error');
        slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
        const control = box.querySelector(':scope > input, :scope > select, :scope > textarea');
        control?.setAttribute('aria-invalid', 'true');
        first = first || control || box.querySelector('input,select,textarea');
    }
    if (loose.length || errors.length) {
        alert.hidden = false;
        alert.append(h('strong', {}, 'Nothing was saved. '), loose.length ? loose.join(' ') : 'Correct the fields marked below.');
    }
    first?.focus();
    return errors.length > 0;
}

function settingsHead(titleText, intro) {
    return h('div', { class: 'page-head' }, h('div', {}, h('a', { href: '#/sla', class: 'back' }, '← SLA settings'), h('h1', { id: 'form-title' }, titleText), intro ? h('p', { class: 'muted' }, intro) : null));
}

function renderPolicyForm(page, policies, calendars, name) {
    const existing = name === 'new' ? null : policies.find(p => p.name === name);
    if (name !== 'new' && !existing) {
        page.replaceChildren(settingsHead('SLA policy'), h('div', { class: 'alert alert-error', role: 'alert' }, `There is no SLA policy named ${name}.`));
        return;
    }
    document.title = `${existing ? `Policy ${existing.name}` : 'New policy'} · SLA settings · Support desk`;
    const p = existing || { match: {}, targets: {}, warnAtPercent: 80, calendar: '24x7', escalations: [] };
    const groups = [...new Set(app.users.flatMap(u => u.groups || []))].sort();
    const select = (path, label, values, labels, value) =>
        settingsField(path, label, h('select', {}, values.map((v, i) => h('option', { value: v, selected: (value || '') === v }, labels[i]))));
    const nameInput = h('input', { value: existing?.name || '', required: true, autocomplete: 'off', readonly: existing ? true : undefined, spellcheck: 'false' });
    const targetInputs = {};
    const targetFields = TARGETS.map(([key, label, required]) => {
        const input = h('input', { value: p.targets?.[key] || '', required: required || undefined, autocomplete: 'off', spellcheck: 'false', inputmode: 'text' });
        targetInputs[key] = input;
        return settingsField(`targets.${key}`, label, input, required ? 'Working time, e.g. PT4H, PT30M, P2D or 4h 30m' : 'Optional: from each customer message to the next public reply');
    });
    const warn = h('input', { type: 'number', min: '1', max: '100', step: '1', value: String(p.warnAtPercent ?? 80) });
    const calendarSelect = h('select', {}, calendars.map(c => h('option', { value: c.name, selected: c.name === (p.calendar || '24x7') }, c.name === '24x7' ? '24x7 (always open)' : `${c.name} (${c.timeZone})`)));
    const webhook = h('input', { type: 'url', value: p.webhookUrl || '', autocomplete: 'off', spellcheck: 'false' });
    const steps = h('div', { class: 'steps' });
    const addStep = step => {
        const index = steps.children.length;
        const at = h('select', {}, [['BREACH', 'On breach'], ['WARNING', 'At risk (warning)']].map(([v, t]) => h('option', { value: v, selected: v === (step.at || 'BREACH') }, t)));
        const metricSelect = h('select', {}, [['', 'Any metric'], ...METRICS.map(([, label, m]) => [m, label])].map(([v, t]) => h('option', { value: v, selected: v === (step.metric || '') }, t)));
        const actions = h(
            'fieldset',
            { class: 'checks' },
            h('legend', {}, 'Actions'),
            ACTIONS.map(([v, t]) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: v, checked: (step.actions || []).includes(v) }), h('span', {}, t))),
        );
        const groupSelect = h('select', {}, ['', ...groups, ...(step.group && !groups.includes(step.group) ? [step.group] : [])].map(g => h('option', { value: g, selected: g === (step.group || '') }, g || 'No group')));
        const box = h(
            'fieldset',
            { class: 'step card' },
            h('legend', {}, `Step ${index + 1}`),
            h(
                'div',
                { class: 'step-grid' },
                settingsField(`escalations[${index}].at`, 'When', at),
                settingsField(`escalations[${index}].metric`, 'Metric', metricSelect),
                settingsField(`escalations[${index}].group`, 'Group', groupSelect, 'For reassigning'),
            ),
            h('div', { class: 'field', 'data-field': `escalations[${index}].actions` }, actions, h('p', { class: 'field-error' })),
            h('button', { type: 'button', class: 'btn btn-small btn-quiet remove-step', 'aria-label': `Remove step ${index + 1}`, onclick: () => { box.remove(); renumber(); } }, 'Remove step'),
        );
        box.dataset.field = `escalations[${index}]`;
        box.append(h('p', { class: 'field-error' }));
        steps.append(box);
    };
    // Field paths name steps by position: after a removal the boxes take their new numbers.
    const renumber = () => {
        [...steps.children].forEach((box, i) => {
            box.dataset.field = `escalations[${i}]`;
            box.querySelector('legend').textContent = `Step ${i + 1}`;
            box.querySelector('.remove-step').setAttribute('aria-label', `Remove step ${i + 1}`);
            box.querySelectorAll('[data-field]').forEach(f => (f.dataset.field = f.dataset.field.replace(/^escalations\[\d+\]/, `escalations[${i}]`)));
        });
    };
    (p.escalations || []).forEach(addStep);
    const alert = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, existing ? 'Save policy' : 'Create policy');
    const form = h(
        'form',
        { class: 'card settings-form', 'aria-labelledby': 'form-title', novalidate: true },
        alert,
        h('div', { class: 'form-row' }, settingsField('name', 'Name', nameInput, existing ? 'A policy keeps its name' : '1 to 64 letters, digits, “.”, “_” or “-”')),
        h(
            'fieldset',
            { class: 'group' },
            h('legend', {}, 'Matches tickets with'),
            h(
                'div',
                { class: 'row3' },
                select('match.priority', 'Priority', ['', ...PRIORITIES], ['Any priority', ...PRIORITIES.map(title)], p.match?.priority),
                select('match.customerTier', 'Customer tier', ['', ...TIERS], ['Any tier', ...TIERS.map(title)], p.match?.customerTier),
                select('match.channel', 'Channel', ['', ...CHANNELS], ['Any channel', ...CHANNELS.map(title)], p.match?.channel),
            ),
        ),
        h('fieldset', { class: 'group', 'data-field': 'targets' }, h('legend', {}, 'Targets'), h('div', { class: 'row3' }, targetFields), h('p', { class: 'field-error' })),
        h(
            'div',
            { class: 'row3' },
            settingsField('warnAtPercent', 'Warn at (% of the target)', warn, 'The ticket is at risk from this share on'),
            settingsField('calendar', 'Calendar', calendarSelect, 'Working time is counted in it'),
            settingsField('webhookUrl', 'Supervisor webhook (optional)', webhook, 'Else the platform’s own'),
        ),
        h(
            'fieldset',
            { class: 'group', 'data-field': 'escalations' },
            h('legend', {}, 'Escalation ladder'),
            h('p', { class: 'hint' }, 'Each step runs once per clock; a breach always counts as one escalation.'),
            steps,
            h('p', { class: 'field-error' }),
            h('div', {}, h('button', { type: 'button', class: 'btn btn-small', onclick: () => { addStep({}); steps.lastElementChild.querySelector('select').focus(); } }, 'Add escalation step')),
        ),
        h('div', { class: 'form-actions' }, submit, h('a', { class: 'btn btn-quiet', href: '#/sla' }, 'Cancel')),
    );
    form.addEventListener('submit', async e => {
        e.preventDefault();
        const errors = [];
        const policyName = nameInput.value.trim();
        if (!policyName) errors.push({ field: 'name', message: 'Give the policy a name' });
        const targets = {};
        for (const [key, label, required] of TARGETS) {
            const iso = toIsoDuration(targetInputs[key].value);
            if (iso === null) errors.push({ field: `targets.${key}`, message: `${label} is not a duration: write it like PT4H, PT30M, P2D or 4h 30m` });
            else if (iso) targets[key] = iso;
            else if (required) errors.push({ field: `targets.${key}`, message: `${label} is needed` });
        }
        const warnText = warn.value.trim();
        if (warnText && !/^\d+$/.test(warnText)) errors.push({ field: 'warnAtPercent', message: 'Write a whole number from 1 to 100' });
        const match = {};
        for (const key of ['priority', 'customerTier', 'channel']) {
            const v = form.elements[`match.${key}`].value;
            if (v) match[key] = v;
        }
        const escalations = [...steps.children].map(box => {
            const [atSel, metricSel, groupSel] = box.querySelectorAll('select');
            const step = { at: atSel.value, actions: [...box.querySelectorAll('input[type=checkbox]:checked')].map(c => c.value) };
            if (metricSel.value) step.metric = metricSel.value;
            if (groupSel.value) step.group = groupSel.value;
            return step;
        });
        if (errors.length) {
            showSettingsErrors(form, alert, errors);
            return;
        }
        const body = { match, targets, calendar: calendarSelect.value, escalations };
        if (warnText) body.warnAtPercent = Number(warnText);
        if (webhook.value.trim()) body.webhookUrl = webhook.value.trim();
        submit.disabled = true;
        try {
            const saved = await api.sla.savePolicy(policyName, body);
            toast(`Policy ${saved.name} saved (version ${saved.version})`);
            location.hash = '#/sla';
        } catch (err) {
            submit.disabled = false;
            if (err instanceof api.ApiError && err.status === 400 && (err.problem.errors || []).length) {
                showSettingsErrors(form, alert, err.problem.errors);
            } else {
                showSettingsErrors(form, alert, []);
                alert.hidden = false;
                alert.textContent = problemText(err);
            }
        }
    });
    page.replaceChildren(settingsHead(existing ? `Policy ${existing.name}` : 'New policy', existing ? `Version ${existing.version}${existing.active ? '' : ' · inactive: saving activates it again'}. Saving a change makes the next version.` : 'Saved policies apply to tickets opened after they are saved.'), form);
    (existing ? form.elements['match.priority'] : nameInput).focus();
}

function renderCalendarForm(page, calendars, name) {
    const existing = name === 'new' ? null : calendars.find(c => c.name === name);
    if (name !== 'new' && (!existing || name === '24x7')) {
        page.replaceChildren(settingsHead('Business calendar'), h('div', { class: 'alert alert-error', role: 'alert' }, name === '24x7' ? 'The 24x7 calendar is built in and cannot be changed.' : `There is no calendar named ${name}.`));
        return;
    }
    document.title = `${existing ? `Calendar ${existing.name}` : 'New calendar'} · SLA settings · Support desk`;
    const c = existing || { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', workingHours: Object.fromEntries(DAYS.slice(0, 5).map(d => [d, ['09:00-17:00']])), holidays: [] };
    const nameInput = h('input', { value: existing?.name || '', required: true, autocomplete: 'off', readonly: existing ? true : undefined, spellcheck: 'false' });
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    const zone = h('input', { value: c.timeZone || '', required: true, list: 'time-zones', autocomplete: 'off', spellcheck: 'false' });
    const dayInputs = Object.fromEntries(DAYS.map(d => [d, h('input', { value: (c.workingHours?.[d] || []).join(', '), autocomplete: 'off', spellcheck: 'false', placeholder: 'closed' })]));
    const holidays = h('textarea', { rows: 4, spellcheck: 'false' }, (c.holidays || []).join('\n'));
    const alert = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, existing ? 'Save calendar' : 'Create calendar');
    const form = h(
        'form',
        { class: 'card settings-form', 'aria-labelledby': 'form-title', novalidate: true },
        alert,
        h(
            'div',
            { class: 'row3' },
            settingsField('name', 'Name', nameInput, existing ? 'A calendar keeps its name' : '1 to 64 letters, digits, “.”, “_” or “-”'),
            settingsField('timeZone', 'Time zone', zone, 'An IANA zone, e.g. Europe/Berlin'),
        ),
        h('datalist', { id: 'time-zones' }, zones.map(z => h('option', { value: z }))),
        h(
            'fieldset',
            { class: 'group', 'data-field': 'workingHours' },
            h('legend', {}, 'Working hours'),
            h('p', { class: 'hint' }, 'Ranges in the calendar’s time zone, separated by commas, e.g. 09:00-12:00, 13:00-18:00. Leave a day empty when it is closed.'),
            h('div', { class: 'days' }, DAYS.map(d => settingsField(`workingHours.${d}`, title(d), dayInputs[d]))),
            h('p', { class: 'field-error' }),
        ),
        settingsField('holidays', 'Holidays', holidays, 'ISO dates, one a line or separated by commas, e.g. 2026-12-25'),
        h('div', { class: 'form-actions' }, submit, h('a', { class: 'btn btn-quiet', href: '#/sla' }, 'Cancel')),
    );
    form.addEventListener('submit', async e => {
        e.preventDefault();
        const calendarName = nameInput.value.trim();
        if (!calendarName) {
            showSettingsErrors(form, alert, [{ field: 'name', message: 'Give the calendar a name' }]);
            return;
        }
        const workingHours = {};
        for (const d of DAYS) {
            const ranges = dayInputs[d].value.split(',').map(r => r.trim().replace(/\s*[–—-]\s*/, '-')).filter(Boolean);
            if (ranges.length) workingHours[d] = ranges;
        }
        const body = { timeZone: zone.value.trim(), workingHours, holidays: holidays.value.split(/[\s,;]+/).filter(Boolean) };
        submit.disabled = true;
        try {
            const saved = await api.sla.saveCalendar(calendarName, body);
            toast(`Calendar ${saved.name} saved (version ${saved.version})`);
            location.hash = '#/sla';
        } catch (err) {
            submit.disabled = false;
            if (err instanceof api.ApiError && err.status === 400 && (err.problem.errors || []).length) {
                showSettingsErrors(form, alert, err.problem.errors, { workingHours: 'Range', holidays: 'Holiday' });
            } else {
                showSettingsErrors(form, alert, []);
                alert.hidden = false;
                alert.textContent = problemText(err);
            }
        }
    });
    page.replaceChildren(settingsHead(existing ? `Calendar ${existing.name}` : 'New calendar', existing ? `Version ${existing.version}. Clocks that started before a change keep counting in the version they started with.` : null), form);
    (existing ? zone : nameInput).focus();
}
