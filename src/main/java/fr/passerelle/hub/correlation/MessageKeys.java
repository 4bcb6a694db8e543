package fr.passerelle.hub.correlation;

/**
 * The exchange properties the routes share, declared once. Trusted values travel as exchange properties, never
 * headers: HTTP request headers become Camel headers, so a caller could forge a header but not a property.
 * {@link #PARTNER_ID} and {@link #CORRELATION_ID} are copied into the logging MDC by camel-mdc around every step
 * (application.yml, {@code camel.mdc}); code outside routes uses {@link Correlation}.
 */
public final class MessageKeys {

    /** The partner the message comes from or goes to. */
    public static final String PARTNER_ID = "partnerId";
    /** The id that follows one message through every log line: its raw message, file or handoff id. */
    public static final String CORRELATION_ID = "correlationId";
    /** The raw message stored for this exchange, once stored. */
    public static final String RAW_MESSAGE_ID = "rawMessageId";
    /** The mapping ({@code <partner>/<name>.v<n>}) the partner's route reads the payload with. */
    public static final String MAPPING = "mapping";

    private MessageKeys() {
    }
}
