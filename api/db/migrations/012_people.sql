-- The people of an institution (issue 19): accounts with one role each, units and routing, sign-in
-- sessions, one-time links, sign-in throttling and the append-only audit log.

-- One account per person; `institution` NULL for platform accounts. No password until an
-- invitation or setup link is used. Secrets (the TOTP key) are sealed with SECRET_KEY.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  institution TEXT REFERENCES institutions(code),
  email TEXT NOT NULL UNIQUE,       -- lower case
  name TEXT NOT NULL,
  role TEXT NOT NULL,               -- platform_admin | institution_admin | supervisor | agent | auditor
  locale TEXT NOT NULL DEFAULT 'es',
  password_hash TEXT,               -- scrypt with its parameters and salt (api/people/password.ts)
  totp_secret TEXT,                 -- sealed; NULL: no second factor enrolled
  totp_pending TEXT,                -- sealed; set up but not yet confirmed with a code
  totp_last_step INTEGER,           -- the last time step accepted: a code is never accepted twice
  demo INTEGER NOT NULL DEFAULT 0,  -- demo accounts (SEED_DEMO) sign in without a second factor
  disabled_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX accounts_institution ON accounts (institution, id);

-- Units form a tree per institution (national → zonal → dirección, as the institution names them).
CREATE TABLE units (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  institution TEXT NOT NULL REFERENCES institutions(code),
  parent_id INTEGER REFERENCES units(id),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX units_institution ON units (institution, id);

CREATE TABLE account_units (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (account_id, unit_id)
) WITHOUT ROWID;

-- Each service routes its new requests to a unit; the filing reads this by primary key.
CREATE TABLE service_routes (
  institution TEXT NOT NULL,
  service TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (institution, service)
) WITHOUT ROWID;

ALTER TABLE requests ADD COLUMN unit_id INTEGER REFERENCES units(id);     -- NULL: no unit (supervisors see it)
ALTER TABLE requests ADD COLUMN assignee_id INTEGER REFERENCES accounts(id);
CREATE INDEX requests_unit ON requests (institution, unit_id, id);

-- Sessions: only a hash of the cookie's secret is kept. Idle and absolute timeouts are checked on
-- the application's clock; `enrol_only` sessions may only enrol a second factor.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,         -- absolute limit
  enrol_only INTEGER NOT NULL DEFAULT 0,
  revoked_at TEXT
) WITHOUT ROWID;
CREATE INDEX sessions_account ON sessions (account_id);

-- One-time links (invitation, password reset, the CLI's setup link): only a hash is kept.
CREATE TABLE account_links (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  purpose TEXT NOT NULL,            -- invitation | reset
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
) WITHOUT ROWID;

-- Failed sign-ins by a hash of the email typed, whether or not an account has it: the lockout
-- behaves the same for an unknown address, so it tells nothing.
CREATE TABLE sign_in_failures (
  email_hash TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at TEXT NOT NULL,
  locked_until TEXT
) WITHOUT ROWID;

-- Who did what, when, from where. Append-only: the code has no UPDATE or DELETE for it, and these
-- triggers refuse them.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  institution TEXT,                 -- NULL: platform-wide (sign-ins of platform accounts, unknown emails)
  actor TEXT NOT NULL,              -- 'account:<id>', 'staff:<token id>', 'cli', 'anonymous'
  action TEXT NOT NULL,             -- e.g. session.sign_in, request.read, request.event, account.invite
  ticket TEXT,
  target TEXT,                      -- what else it concerns: 'account:7', 'unit:3', 'token:2'
  ip TEXT,
  detail TEXT                       -- JSON, never personal data of citizens
);
CREATE INDEX audit_institution ON audit_log (institution, at, id);
CREATE INDEX audit_ticket ON audit_log (ticket) WHERE ticket IS NOT NULL;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Passkeys (WebAuthn): a phishing-resistant way in, instead of password and TOTP. The public key
-- only; the private key never leaves the person's authenticator.
CREATE TABLE passkeys (
  credential_id TEXT PRIMARY KEY,   -- base64url
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  public_key TEXT NOT NULL,         -- base64url COSE key
  counter INTEGER NOT NULL,
  transports TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  last_used_at TEXT
) WITHOUT ROWID;
CREATE INDEX passkeys_account ON passkeys (account_id);

-- WebAuthn challenges, each used once and for a few minutes.
CREATE TABLE webauthn_challenges (
  challenge TEXT PRIMARY KEY,
  account_id INTEGER,               -- NULL: a sign-in, the account not known yet
  purpose TEXT NOT NULL,            -- register | authenticate
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
