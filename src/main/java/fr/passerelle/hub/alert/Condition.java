package fr.passerelle.hub.alert;

/**
 * A condition observed now. The same kind and subject on the next look is the same condition (its alert stays
 * open); the detail may change. Ids and counts only: no personal data.
 *
 * @param partnerId the partner concerned, if any
 */
record Condition(AlertKind kind, String subject, String partnerId, String detail) {
}
