package fr.passerelle.hub.alert;

/** What an alert is about; its subject says which route, component or partner. */
public enum AlertKind {
    /** A Camel route or consumer reported DOWN by Camel's health checks (subject: the check id). */
    ROUTE_DOWN("Route ou consommateur arrêté"),
    /** A health component of the hub DOWN, DEGRADED or OUT_OF_SERVICE (subject: the component). */
    COMPONENT_DOWN("Composant en panne"),
    /** A partner silent past its expected cadence (subject: the partner). */
    PARTNER_SILENT("Partenaire silencieux"),
    /** A partner's error rate above the threshold (subject: the partner). */
    ERROR_RATE("Taux d'erreur élevé"),
    /** Inbound messages the hub failed on, waiting for an operator (subject: the partner). */
    FAILED_MESSAGES("Messages entrants en échec"),
    /** Handoffs parked after their last attempt (subject: the recipient partner). */
    PARKED_HANDOFFS("Transmissions en attente d'un opérateur"),
    /** Handoffs delivered but unacknowledged past their deadline (subject: the recipient partner). */
    UNACKNOWLEDGED_HANDOFFS("Transmissions non acquittées dans le délai");

    private final String title;

    AlertKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
