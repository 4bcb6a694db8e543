package fr.passerelle.hub.soap;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SECURITY: a UsernameToken carries the partner's API key in clear; the envelope is stored as received (raw message,
 * readable by administrators, replayed), so its {@code wsse:Security} header is cut out first. Only the SOAP header
 * is searched: the body, which the mapping reads, is kept byte for byte.
 */
final class SecurityHeaders {

    /** ASCII, so that it reads the same in any ASCII-compatible encoding of the envelope. */
    static final String REMOVED = "<!--wsse:Security removed before storage-->";

    private static final String NAME = "(?:[A-Za-z_][\\w.-]*:)?";
    private static final Pattern BODY = Pattern.compile("<" + NAME + "Body[\\s>/]");
    private static final Pattern SECURITY = Pattern.compile(
            "<" + NAME + "Security(?:\\s[^>]*?)?(?:/>|>.*?</" + NAME + "Security\\s*>)", Pattern.DOTALL);

    private SecurityHeaders() {
    }

    /**
     * The envelope without its {@code Security} header blocks. ISO-8859-1 maps each byte to one char and back, so
     * the rest of the envelope, whatever its ASCII-compatible encoding, is unchanged.
     */
    static byte[] removed(byte[] envelope) {
        String text = new String(envelope, StandardCharsets.ISO_8859_1);
        Matcher body = BODY.matcher(text);
        int headerEnd = body.find() ? body.start() : text.length();
        Matcher security = SECURITY.matcher(text).region(0, headerEnd);
        StringBuilder kept = new StringBuilder(text.length());
        int from = 0;
        while (security.find()) {
            kept.append(text, from, security.start()).append(REMOVED);
            from = security.end();
        }
        if (from == 0) {
            return envelope;
        }
        kept.append(text, from, text.length());
        return kept.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
