package fr.passerelle.hub.handoff.channel;

import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.handoff.referent.HandoffPurpose;
import fr.passerelle.hub.handoff.referent.HandoffSenders;
import fr.passerelle.hub.handoff.referent.ReferentDesk;
import fr.passerelle.hub.handoff.referent.ReferentLinks;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The text of a handoff e-mail ({@code templates/email/handoff.txt}). SECURITY: it is given only what may travel
 * in clear through mail servers: who sends, why in general terms, the recipient's own name, the link and the
 * handoff's reference. Never the person's name, birth date, barrier or the handoff's detailed reason.
 */
@Component
class HandoffEmails {

    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

    private final HandoffSenders senders;
    // Its own engine: the web one renders HTML pages; this one plain text, with Spring's expression language.
    private final SpringTemplateEngine templates = new SpringTemplateEngine();

    HandoffEmails(HandoffSenders senders) {
        this.senders = senders;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/email/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        templates.setTemplateResolver(resolver);
    }

    record Email(String subject, String body) {
    }

    Email compose(Handoff handoff, ReferentLinks.Issued link) {
        String reference = ReferentDesk.reference(handoff);
        Context context = new Context(Locale.FRENCH);
        context.setVariable("recipient", handoff.recipientName() != null ? handoff.recipientName()
                : handoff.recipientStructure());
        context.setVariable("sender", senders.of(handoff));
        context.setVariable("purpose", HandoffPurpose.of(handoff.trigger()));
        context.setVariable("link", link.url());
        context.setVariable("expires", DAY.format(link.expiresAt().atZone(FRANCE)));
        context.setVariable("reference", reference);
        return new Email("Passerelle — demande de relais " + reference, templates.process("handoff", context));
    }
}
