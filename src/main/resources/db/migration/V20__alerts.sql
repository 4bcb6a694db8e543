-- alert: alerts with a state (docs/operations.md, "Alerts"). One open alert per condition (kind + subject): opened
-- once when the condition starts, resolved once when it ends; two hub instances cannot open it twice.
create table alert (
    id              uuid primary key,
    kind            text        not null,
    subject         text        not null,
    partner_id      text,
    detail          text        not null,
    opened_at       timestamptz not null default now(),
    last_seen_at    timestamptz not null default now(),
    resolved_at     timestamptz,
    acknowledged_at timestamptz,
    acknowledged_by text
);
create unique index alert_open_once on alert (kind, subject) where resolved_at is null;
create index alert_recent on alert (opened_at desc);

-- One row per alert transition and recipient. A recipient gets at most passerelle.alerts.notifications.max-per-hour
-- messages an hour; the transitions beyond wait (HELD) and leave together in one summary (SUMMARIZED).
create table alert_notification (
    id          bigserial primary key,
    alert_id    uuid        not null references alert (id),
    transition  text        not null check (transition in ('OPENED', 'RESOLVED')),
    channel     text        not null check (channel in ('EMAIL', 'WEBHOOK')),
    recipient   text        not null,
    status      text        not null default 'PENDING'
                            check (status in ('PENDING', 'HELD', 'SENT', 'SUMMARIZED', 'FAILED')),
    attempts    integer     not null default 0,
    last_error  text,
    summary_id  uuid,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);
create index alert_notification_waiting on alert_notification (recipient, id) where status in ('PENDING', 'HELD');
create index alert_notification_sent on alert_notification (recipient, sent_at) where status in ('SENT', 'SUMMARIZED');
