package fr.passerelle.hub.handoff.referent;

import fr.passerelle.hub.canonical.Barrier;
import fr.passerelle.hub.beneficiary.BeneficiaryRecord;
import fr.passerelle.hub.beneficiary.BeneficiaryRecords;
import fr.passerelle.hub.beneficiary.BeneficiaryStore;
import fr.passerelle.hub.beneficiary.RecordAccessAudit;
import fr.passerelle.hub.canonical.ReferentContact;
import fr.passerelle.hub.canonical.ReferentRole;
import fr.passerelle.hub.directory.DirectoryReferent;
import fr.passerelle.hub.directory.ReferentDirectory;
import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.handoff.HandoffOutbox;
import fr.passerelle.hub.handoff.HandoffStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a referent can do with a handoff link: see the handoff and, with the person's consent, the minimum context
 * to act; acknowledge it; take over (acknowledge and become the person's referent of that role); decline it with a
 * reason (DECLINED, handed on by {@link DeclinedHandoffs}). Every page view is an audited read.
 */
@Component
public class ReferentDesk {

    private static final Logger log = LoggerFactory.getLogger(ReferentDesk.class);
    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    static final int MAX_REASON = 1000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");

    private final ReferentLinks links;
    private final ReferentResponses responses;
    private final DeclinedHandoffs declined;
    private final BeneficiaryRecords records;
    private final BeneficiaryStore store;
    private final RecordAccessAudit audit;
    private final ReferentDirectory directory;
    private final HandoffSenders senders;
    private final TransactionTemplate transactions;
    private final PendingTakeOvers pendingTakeOvers;
    private final ReferentMails mails;
    private final HandoffOutbox outbox;
    private final ReferentPageProperties settings;
    private final Clock clock;

    public ReferentDesk(ReferentLinks links, ReferentResponses responses, DeclinedHandoffs declined,
                        BeneficiaryRecords records, BeneficiaryStore store, RecordAccessAudit audit,
                        ReferentDirectory directory, HandoffSenders senders, TransactionTemplate transactions,
                        PendingTakeOvers pendingTakeOvers, ReferentMails mails, HandoffOutbox outbox,
                        ReferentPageProperties settings, Clock clock) {
        this.links = links;
        this.responses = responses;
        this.declined = declined;
        this.records = records;
        this.store = store;
        this.audit = audit;
        this.directory = directory;
        this.senders = senders;
        this.transactions = transactions;
        this.pendingTakeOvers = pendingTakeOvers;
        this.mails = mails;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    public ReferentPage view(String token) {
        return transactions.execute(status -> {
            Handoff handoff = links.open(token);
            // SECURITY: once the referent has answered (acknowledged, took over, declined) the handoff is closed: the
            // link still shows what was answered, never the person again.
            boolean closed = handoff.status() == HandoffStatus.ACKNOWLEDGED || handoff.status() == HandoffStatus.DECLINED;
            Optional<BeneficiaryRecord> record = closed ? Optional.empty() : record(handoff);
            boolean shared = record.map(ReferentDesk::consentGiven).orElse(false);
            record.ifPresent(person -> audit.recordRead(person.id(), RecordAccessAudit.AccessorKind.REFERENT,
                    handoff.recipientKey(), "page référent du transfert " + handoff.id()
                            + (shared ? "" : " (sans données personnelles : consentement absent)")));
            return page(handoff, record.orElse(null), shared);
        });
    }

    public void acknowledge(String token) {
        transactions.executeWithoutResult(status -> {
            Handoff handoff = links.open(token);
            if (handoff.status() == HandoffStatus.DECLINED) {
                throw new ReferentActionException(409, "Vous avez déjà refusé ce relais.");
            }
            if (responses.acknowledge(handoff.id(), handoff.recipientKey())) {
                responses.record(handoff.id(), ReferentResponses.Action.ACKNOWLEDGED, handoff.recipientKey(), null);
                log.info("Handoff {} acknowledged on the referent page", handoff.id());
            }
        });
    }

    /**
     * Acknowledges and records the referent as the person's active referent of the handoff's role, ending the
     * previous one of that role. A link sent to a named referent applies at once: its holder is the address on file.
     * A structure's handoff asks who takes over: name and professional e-mail, by which the next handoffs reach
     * them; that take-over waits until the new address confirms it ({@link #confirmTakeOver}).
     */
    public void takeOver(String token, String firstName, String lastName, String email, String phone) {
        transactions.executeWithoutResult(status -> {
            Handoff handoff = links.open(token);
            Taking taking = taking(handoff);
            ReferentContact referent = referent(handoff, taking.record(), taking.role(), firstName, lastName, email,
                    phone);
            if (handoff.recipientKey().startsWith("referent:")) {
                apply(handoff, taking, referent);
                return;
            }
            // SECURITY: whoever holds the link could type any address and become the person's referent, so that
            // the next handoffs (and the person's data) reach them; only the owner of the address can confirm it.
            if (toOperator(referent.email())) {
                pendingTakeOvers.request(handoff.id(), referent, Instant.now(clock).plus(settings.linkValidity()),
                        PendingTakeOvers.Awaits.OPERATOR);
                log.info("Handoff {}: take-over waiting for an operator's approval", handoff.id());
                return;
            }
            Instant expiresAt = Instant.now(clock).plus(settings.takeOverConfirmationValidity());
            String confirmation = pendingTakeOvers.request(handoff.id(), referent, expiresAt,
                    PendingTakeOvers.Awaits.CONFIRMATION);
            mails.sendConfirmation(referent.email(), reference(handoff),
                    settings.publicBaseUrl() + "/referent/takeovers/" + confirmation, expiresAt);
            log.info("Handoff {}: take-over waiting for the new referent's confirmation", handoff.id());
        });
    }

    /** What a take-over confirmation link shows before it is used: the handoff's reference and who takes over. */
    public record TakeOverConfirmation(String reference, String firstName, String lastName, String structure) {
    }

    public TakeOverConfirmation takeOverToConfirm(String confirmation) {
        PendingTakeOvers.Pending pending = pendingTakeOvers.peek(confirmation);
        Handoff handoff = outbox.find(pending.handoffId())
                .orElseThrow(() -> new LinkRefusedException(LinkRefusedException.Why.UNKNOWN));
        return new TakeOverConfirmation(reference(handoff), pending.referent().firstName(),
                pending.referent().lastName(), pending.referent().structure());
    }

    /** Applies a pending take-over; the confirmation link is used up, whether or not someone else took over first. */
    public TakeOverConfirmation confirmTakeOver(String confirmation) {
        return transactions.execute(status -> {
            PendingTakeOvers.Pending pending = pendingTakeOvers.use(confirmation);
            Handoff handoff = outbox.find(pending.handoffId())
                    .orElseThrow(() -> new LinkRefusedException(LinkRefusedException.Why.UNKNOWN));
            apply(handoff, taking(handoff), pending.referent());
            return new TakeOverConfirmation(reference(handoff), pending.referent().firstName(),
                    pending.referent().lastName(), pending.referent().structure());
        });
    }

    private boolean toOperator(String email) {
        return switch (settings.takeOverApproval()) {
            case EMAIL -> false;
            case OPERATOR -> true;
            case OPERATOR_OUTSIDE_DIRECTORY -> directory.referentByEmail(email).isEmpty();
        };
    }

    /**
     * An operator's decision on a take-over waiting for one: approved, it is applied like a confirmed one.
     *
     * @return false if no take-over waits for a decision by that id
     */
    public boolean decideTakeOver(UUID id, boolean approved, String operator) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<PendingTakeOvers.Pending> pending = pendingTakeOvers.decide(id, approved, operator);
            if (pending.isEmpty()) {
                return false;
            }
            if (approved) {
                Handoff handoff = outbox.find(pending.get().handoffId()).orElseThrow();
                apply(handoff, taking(handoff), pending.get().referent());
            }
            log.info("Operator {} {} take-over {}", operator, approved ? "approved" : "refused", id);
            return true;
        }));
    }

    private record Taking(ReferentRole role, BeneficiaryRecord record) {
    }

    private Taking taking(Handoff handoff) {
        if (handoff.status() == HandoffStatus.DECLINED) {
            throw new ReferentActionException(409, "Vous avez déjà refusé ce relais.");
        }
        ReferentRole role = roleOf(handoff.recipientRole())
                .orElseThrow(() -> new ReferentActionException(409, "Ce transfert ne se prend pas en relais : "
                        + "accusez-en réception, ou refusez-le."));
        BeneficiaryRecord record = record(handoff)
                .orElseThrow(() -> new ReferentActionException(409, "Ce transfert ne concerne aucune personne."));
        return new Taking(role, record);
    }

    private void apply(Handoff handoff, Taking taking, ReferentContact referent) {
        if (responses.acknowledge(handoff.id(), handoff.recipientKey())) {
            responses.record(handoff.id(), ReferentResponses.Action.ACKNOWLEDGED, handoff.recipientKey(), null);
        }
        if (tookOver(handoff.id())) {
            return;
        }
        store.assignReferent(taking.record().id(), taking.role(), referent, handoff.recipientPartnerId(), null);
        responses.record(handoff.id(), ReferentResponses.Action.TOOK_OVER, handoff.recipientKey(), null);
        log.info("Handoff {}: the recipient took over as {} of beneficiary {}", handoff.id(), taking.role(),
                taking.record().id());
    }

    /**
     * Sends a fresh link for the handoff of an expired one. SECURITY: only to the address the handoff was sent to,
     * never one typed on the page; at most one per handoff per {@code link-renewal-interval}, so the page cannot be
     * used to flood a mailbox; the expired page shows nothing of the handoff.
     */
    public void renew(String token) {
        transactions.executeWithoutResult(status -> {
            Handoff handoff = links.openExpired(token);
            if (handoff.recipientEmail() == null || handoff.recipientEmail().isBlank()) {
                throw new ReferentActionException(409, "Aucune adresse e-mail n'est connue pour cette demande : "
                        + "contactez la structure qui vous l'a adressée.");
            }
            if (!links.renewable(handoff.id(), settings.linkRenewalInterval())) {
                throw new ReferentActionException(429, "Un nouveau lien a déjà été envoyé récemment pour cette "
                        + "demande. Consultez votre messagerie, ou réessayez plus tard.");
            }
            ReferentLinks.Issued fresh = links.issue(handoff);
            mails.sendNewLink(handoff.recipientEmail(), reference(handoff), fresh.url(), fresh.expiresAt());
            log.info("Handoff {}: a new referent link was sent to the address on file", handoff.id());
        });
    }

    public void decline(String token, String reason) {
        String why = reason == null ? "" : reason.strip();
        transactions.executeWithoutResult(status -> {
            Handoff handoff = links.open(token);
            if (handoff.status() == HandoffStatus.DECLINED) {
                return;
            }
            if (handoff.status() == HandoffStatus.ACKNOWLEDGED) {
                throw new ReferentActionException(409, "Vous avez déjà accusé réception de ce relais : il ne peut "
                        + "plus être refusé ici. Appelez l'équipe du programme si vous ne pouvez pas le suivre.");
            }
            if (why.isEmpty()) {
                throw new ReferentActionException(400, "Indiquez pourquoi vous refusez ce relais.");
            }
            if (why.length() > MAX_REASON) {
                throw new ReferentActionException(400, "La raison du refus est trop longue (" + MAX_REASON
                        + " caractères au plus).");
            }
            String by = handoff.recipientName() != null ? handoff.recipientName() : handoff.recipientStructure();
            if (responses.decline(handoff.id(), "refusé par " + by + " : " + why)) {
                responses.record(handoff.id(), ReferentResponses.Action.DECLINED, handoff.recipientKey(), why);
                declined.handOn(handoff, record(handoff).orElse(null), why);
                log.info("Handoff {} declined on the referent page", handoff.id());
            }
        });
    }

    private ReferentPage page(Handoff handoff, BeneficiaryRecord record, boolean shared) {
        List<ReferentResponses.Response> answers = responses.of(handoff.id());
        boolean open = handoff.status() != HandoffStatus.ACKNOWLEDGED && handoff.status() != HandoffStatus.DECLINED;
        boolean tookOver = answers.stream().anyMatch(a -> a.action() == ReferentResponses.Action.TOOK_OVER);
        boolean canTakeOver = record != null && handoff.status() != HandoffStatus.DECLINED && !tookOver
                && roleOf(handoff.recipientRole()).isPresent();
        // The programme team holds the person's file already: it reads the detailed reason even without consent.
        boolean reasonShown = shared || "PROGRAMME".equals(handoff.recipientRole())
                || "PROGRAMME_REFERENT".equals(handoff.recipientRole());
        return new ReferentPage(reference(handoff), when(handoff.createdAt()), senders.of(handoff),
                handoff.recipientName() != null ? handoff.recipientName() : handoff.recipientStructure(),
                HandoffPurpose.of(handoff.trigger()), reasonShown ? handoff.reason() : null,
                shared ? person(handoff, record) : null, record == null || shared ? null : whomToCall(record),
                open, canTakeOver, open, canTakeOver && !handoff.recipientKey().startsWith("referent:"),
                answer(handoff, answers));
    }

    private ReferentPage.Person person(Handoff handoff, BeneficiaryRecord record) {
        String barrier = handoff.payload().path("event").path("barrier").asText(null);
        String barrierLabel = null;
        if (barrier != null) {
            try {
                barrierLabel = Barrier.valueOf(barrier).label();
            } catch (IllegalArgumentException e) {
                barrierLabel = barrier;
            }
        }
        String eventOn = null;
        String occurredAt = handoff.payload().path("event").path("occurredAt").asText(null);
        if (occurredAt != null) {
            try {
                eventOn = DAY.format(OffsetDateTime.parse(occurredAt).atZoneSameInstant(FRANCE));
            } catch (DateTimeParseException e) {
                eventOn = null;
            }
        }
        String commune = record.address() == null ? null : join(record.address().postalCode(), record.address().commune());
        List<String> referents = new ArrayList<>();
        for (BeneficiaryRecord.Referent referent : record.referents()) {
            if (referent.active()) {
                referents.add(describe(referent));
            }
        }
        return new ReferentPage.Person(record.identity().firstNames(),
                record.identity().usageName() != null ? record.identity().usageName() : record.identity().birthName(),
                record.identity().birthDate() == null ? null : record.identity().birthDate().getYear(), commune,
                record.contact() == null ? List.of() : record.contact().phones(), barrierLabel, eventOn, referents);
    }

    private String whomToCall(BeneficiaryRecord record) {
        String programme = senders.programme().map(p -> p.name()).orElse("l'équipe du programme");
        return record.activeReferents(ReferentRole.PROGRAMME_REFERENT).stream().findFirst()
                .map(referent -> describe(referent) + " (" + programme + ")")
                .orElse(programme);
    }

    private static String describe(BeneficiaryRecord.Referent referent) {
        ReferentContact contact = referent.contact();
        StringBuilder text = new StringBuilder(label(referent.role())).append(" : ")
                .append(join(contact.firstName(), contact.lastName()));
        if (contact.structure() != null) {
            text.append(", ").append(contact.structure());
        }
        if (contact.phone() != null) {
            text.append(", ").append(contact.phone());
        }
        if (contact.email() != null) {
            text.append(", ").append(contact.email());
        }
        return text.toString();
    }

    private static String label(ReferentRole role) {
        return switch (role) {
            case PRESCRIBER -> "Prescripteur";
            case SOCIAL_WORKER -> "Travailleur social";
            case EMPLOYMENT_COUNSELOR -> "Conseiller emploi";
            case PROGRAMME_REFERENT -> "Référent du programme";
        };
    }

    private String answer(Handoff handoff, List<ReferentResponses.Response> answers) {
        List<String> lines = new ArrayList<>();
        for (ReferentResponses.Response response : answers) {
            switch (response.action()) {
                case ACKNOWLEDGED -> lines.add("Réception accusée le " + when(response.at()) + ".");
                case TOOK_OVER -> lines.add("Relais pris le " + when(response.at())
                        + " : vous êtes enregistré(e) comme référent(e) de la personne.");
                case DECLINED -> lines.add("Relais refusé le " + when(response.at()) + " (« " + response.reason()
                        + " ») : la demande a été transmise pour être confiée à quelqu'un d'autre.");
                default -> { }
            }
        }
        boolean tookOver = answers.stream().anyMatch(a -> a.action() == ReferentResponses.Action.TOOK_OVER);
        if (!tookOver && pendingTakeOvers.waiting(handoff.id())) {
            lines.add("Prise de relais en attente de confirmation (par un lien envoyé à l'adresse e-mail indiquée, "
                    + "ou par l'équipe de Passerelle) : le relais sera pris une fois confirmé.");
        }
        if (lines.isEmpty() && handoff.status() == HandoffStatus.ACKNOWLEDGED) {
            lines.add("Réception déjà accusée le " + when(handoff.acknowledgedAt()) + ".");
        }
        return lines.isEmpty() ? null : String.join(" ", lines);
    }

    private ReferentContact referent(Handoff handoff, BeneficiaryRecord record, ReferentRole role, String firstName,
                                     String lastName, String givenEmail, String phone) {
        String email = handoff.recipientKey().startsWith("referent:") ? handoff.recipientEmail() : null;
        if (email != null) {
            Optional<ReferentContact> ofRecord = record.referents().stream()
                    .map(BeneficiaryRecord.Referent::contact)
                    .filter(contact -> email.equalsIgnoreCase(contact.email())).findFirst();
            if (ofRecord.isPresent()) {
                ReferentContact known = ofRecord.get();
                return new ReferentContact(known.firstName(), known.lastName(), known.email(), known.phone(),
                        known.structure() != null ? known.structure() : handoff.recipientStructure(), known.structureCode());
            }
            Optional<DirectoryReferent> inDirectory = directory.referentByEmail(email);
            if (inDirectory.isPresent()) {
                DirectoryReferent known = inDirectory.get();
                return new ReferentContact(known.firstName(), known.lastName(), email, known.phone(),
                        handoff.recipientStructure(), null);
            }
            String name = handoff.recipientName() == null ? "" : handoff.recipientName().strip();
            int space = name.indexOf(' ');
            return new ReferentContact(space < 0 ? null : name.substring(0, space),
                    space < 0 ? (name.isEmpty() ? null : name) : name.substring(space + 1), email, null,
                    handoff.recipientStructure(), null);
        }
        String first = blankToNull(firstName);
        String last = blankToNull(lastName);
        String mail = blankToNull(givenEmail);
        if (first == null || last == null || mail == null) {
            throw new ReferentActionException(400, "Indiquez le prénom, le nom et l'adresse e-mail professionnelle de "
                    + "la personne qui prend le relais.");
        }
        if (first.length() > 100 || last.length() > 100 || mail.length() > 200 || (phone != null && phone.length() > 30)) {
            throw new ReferentActionException(400, "Prénom, nom, e-mail ou téléphone trop long.");
        }
        if (!EMAIL.matcher(mail).matches()) {
            throw new ReferentActionException(400, "L'adresse e-mail n'est pas valable.");
        }
        return new ReferentContact(first, last, mail.toLowerCase(Locale.ROOT), blankToNull(phone),
                handoff.recipientStructure(), null);
    }

    /** The role a recipient holds once they take over; empty for those who only relay (territory coordination). */
    static Optional<ReferentRole> roleOf(String recipientRole) {
        if (recipientRole == null) {
            return Optional.empty();
        }
        return switch (recipientRole) {
            case "SOCIAL_WORKER", "SOCIAL_SERVICE" -> Optional.of(ReferentRole.SOCIAL_WORKER);
            case "EMPLOYMENT_COUNSELOR", "MISSION_LOCALE", "FRANCE_TRAVAIL", "PLIE" ->
                    Optional.of(ReferentRole.EMPLOYMENT_COUNSELOR);
            case "PRESCRIBER" -> Optional.of(ReferentRole.PRESCRIBER);
            case "PROGRAMME_REFERENT", "PROGRAMME" -> Optional.of(ReferentRole.PROGRAMME_REFERENT);
            default -> Optional.empty();
        };
    }

    private boolean tookOver(UUID handoffId) {
        return responses.of(handoffId).stream().anyMatch(a -> a.action() == ReferentResponses.Action.TOOK_OVER);
    }

    private Optional<BeneficiaryRecord> record(Handoff handoff) {
        if (handoff.beneficiaryId() == null) {
            return Optional.empty();
        }
        Optional<BeneficiaryRecord> record = records.find(handoff.beneficiaryId());
        // A merged record is a tombstone: the person lives on in the record that absorbed it.
        if (record.isPresent() && record.get().mergedInto() != null) {
            return records.find(record.get().mergedInto());
        }
        return record;
    }

    private static boolean consentGiven(BeneficiaryRecord record) {
        return record.consent() != null && record.consent().given();
    }

    /** The handoff id's first block: enough to talk about it on the phone, nothing about the person. */
    public static String reference(Handoff handoff) {
        return handoff.id().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    private static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant.atZone(FRANCE));
    }

    private static String join(String first, String second) {
        return ((first == null ? "" : first) + " " + (second == null ? "" : second)).strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
