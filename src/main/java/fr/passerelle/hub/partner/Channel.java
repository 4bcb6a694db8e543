package fr.passerelle.hub.partner;

/** How a partner talks to the hub (inbound) or is reached by it (outbound). */
public enum Channel {
    REST, SOAP, SFTP_PUSH, SFTP_PULL, API_PULL, WEBHOOK, SFTP_OUTBOX, EMAIL, PULL_API
}
