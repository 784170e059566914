// Every call the console makes to the public API (docs/api.md) goes through this module: the session
// contract (cookie + X-CSRF-Token), ETags and If-Match, idempotency keys, problems and the event stream.

let csrfToken = null;
const connectionListeners = new Set();
let online = true;

/** A refusal of the API, carrying its problem+json body (title, detail, errors). */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || `The server answered ${status}.`);
        this.status = status;
        this.problem = problem || {};
    }

    /** Field errors as {field: message}. */
    get fieldErrors() {
        const out = {};
        for (const e of this.problem.errors || []) {
            out[e.field] = out[e.field] ? `${out[e.field]} ${e.message}` : e.message;
        }
        return out;
    }
}

/** The browser could not reach the platform at all (network down, edge stopped). */
export class ConnectionError extends Error {}

export function onConnectionChange(listener) {
    connectionListeners.add(listener);
    listener(online);
}

function setOnline(value) {
    if (online !== value) {
        online = value;
        connectionListeners.forEach(l => l(online));
    }
}

let unauthorizedHandler = () => {};
export function onUnauthorized(handler) {
    unauthorizedHandler = handler;
}

async function call(method, path, { body, ifMatch, idempotencyKey, quiet401, accept } = {}) {
    const headers = { Accept: accept || 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    if (ifMatch !== undefined && ifMatch !== null) headers['If-Match'] = `"${ifMatch}"`;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    let response;
    try {
        response = await fetch(path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            credentials: 'same-origin',
            cache: 'no-store',
        });
    } catch (e) {
        setOnline(false);
        throw new ConnectionError('The support desk cannot be reached. Retrying…');
    }
    // 502-504: the edge answered, the service behind it did not.
    setOnline(response.status < 502 || response.status > 504);
    const text = await response.text();
    let data = null;
    if (text) {
        try {
            data = JSON.parse(text);
        } catch (e) {
            data = null;
        }
    }
    if (!response.ok) {
        if (response.status === 401 && !quiet401) unauthorizedHandler();
        throw new ApiError(response.status, data);
    }
    return { status: response.status, data, text, etag: response.headers.get('ETag') };
}

function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
        if (value !== undefined && value !== null && value !== '') search.set(key, value);
    }
    const s = search.toString();
    return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

// Sign-in session: POST/GET/DELETE /api/session.
export const session = {
    async current() {
        const { data } = await call('GET', '/api/session', { quiet401: true });
        csrfToken = data.csrfToken;
        return data;
    },
    async signIn(username, password) {
        const { data } = await call('POST', '/api/session', { body: { username, password }, quiet401: true });
        csrfToken = data.csrfToken;
        return data;
    },
    async signOut() {
        try {
            await call('DELETE', '/api/session', { quiet401: true });
        } finally {
            csrfToken = null;
        }
    },
};

export const tickets = {
    async queue(filters) {
        return (await call('GET', `/api/tickets${query(filters)}`)).data;
    },
    async get(id, minVersion) {
        return (await call('GET', `/api/tickets/${enc(id)}${query({ minVersion })}`)).data;
    },
    async history(id) {
        return (await call('GET', `/api/tickets/${enc(id)}/history`)).data;
    },
    async open(body, idempotencyKey) {
        return (await call('POST', '/api/tickets', { body, idempotencyKey })).data;
    },
    /** Why each SLA clock stands where it does: every clock run's timeline (GET /api/tickets/{id}/sla). */
    async sla(id) {
        return (await call('GET', `/api/tickets/${enc(id)}/sla`)).data;
    },
    /** One ticket command, e.g. command('T-1', 'resolve', {resolution}, 7); answers {id, version}. */
    async command(id, name, body, version) {
        return (await call('POST', `/api/tickets/${enc(id)}/${name}`, { body, ifMatch: version })).data;
    },
};

// SLA configuration (ADMIN only): policies and business calendars with their versions.
export const sla = {
    async policies() {
        return (await call('GET', '/api/sla/policies')).data.items || [];
    },
    async savePolicy(name, body) {
        return (await call('PUT', `/api/sla/policies/${enc(name)}`, { body })).data;
    },
    async deactivatePolicy(name) {
        return (await call('POST', `/api/sla/policies/${enc(name)}/deactivate`)).data;
    },
    async calendars() {
        return (await call('GET', '/api/sla/calendars')).data.items || [];
    },
    async saveCalendar(name, body) {
        return (await call('PUT', `/api/sla/calendars/${enc(name)}`, { body })).data;
    },
};

// Reports (ANALYST, ADMIN): the rows as JSON, or the same rows as the API's own CSV text.
export const reports = {
    async rows(name, params) {
        return (await call('GET', `/api/reports/${name}${query(params)}`)).data.rows || [];
    },
    async csv(name, params) {
        return (await call('GET', `/api/reports/${name}${query(params)}`, { accept: 'text/csv' })).text;
    },
    /** The SLA report recomputed under the policies and calendars of the body (POST /api/reports/sla/what-if). */
    async whatIf(body) {
        return (await call('POST', '/api/reports/sla/what-if', { body })).data;
    },
};

// Read models and their rebuilds (ANALYST, ADMIN): every consumer's state, and replays with their progress.
export const projections = {
    async list() {
        return (await call('GET', '/api/admin/projections')).data;
    },
    async replay(name) {
        return (await call('POST', `/api/admin/projections/${enc(name)}/replay`)).data;
    },
};

// The audit trail (AUDITOR, ADMIN): who changed what, the chains' verification and the signed checkpoints.
export const audit = {
    async list(filters) {
        return (await call('GET', `/api/audit${query(filters)}`)).data;
    },
    async verifyStream(id) {
        return (await call('GET', `/api/audit/verify${query({ ticketId: id })}`)).data;
    },
    /** Starts a whole-store verification (or names the running one): the job. */
    async startVerification() {
        return (await call('POST', '/api/audit/verify')).data;
    },
    async verification(jobId) {
        return (await call('GET', `/api/audit/verify/${enc(jobId)}`)).data;
    },
    async checkpoints() {
        return (await call('GET', '/api/audit/checkpoints')).data.items || [];
    },
    async publicKey() {
        return (await call('GET', '/api/audit/public-key')).data;
    },
};

export const users = {
    async list() {
        return (await call('GET', '/api/users')).data;
    },
};

// Presence: who else has a ticket open, and who is typing on it.
export const presence = {
    async announce(id, activity) {
        await call('PUT', `/api/tickets/${enc(id)}/presence`, { body: { activity } });
    },
    async leave(id) {
        await call('DELETE', `/api/tickets/${enc(id)}/presence`);
    },
    async viewers(id) {
        return (await call('GET', `/api/tickets/${enc(id)}/presence`)).data;
    },
};

/**
 * /api/stream with the session cookie. The browser's EventSource retries a dropped connection by itself,
 * but gives up on an HTTP error answer: then this opens a new one after a pause, for as long as it lives.
 * onStatus(true|false) reports whether the stream is up.
 */
export function openStream({ onTicket, onPresence, onStatus }) {
    let source = null;
    let closed = false;
    let retry = null;
    const connect = () => {
        if (closed) return;
        source = new EventSource('/api/stream', { withCredentials: true });
        source.onopen = () => {
            onStatus(true);
        };
        source.onerror = () => {
            onStatus(false);
            if (source.readyState === EventSource.CLOSED) {
                retry = setTimeout(connect, 3000);
            }
        };
        source.addEventListener('ticket-updated', e => onTicket(parse(e.data)));
        source.addEventListener('presence-updated', e => onPresence(parse(e.data)));
    };
    connect();
    return {
        close() {
            closed = true;
            clearTimeout(retry);
            if (source) source.close();
        },
    };
}

function parse(data) {
    try {
        return JSON.parse(data);
    } catch (e) {
        return {};
    }
}

export function newIdempotencyKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}
