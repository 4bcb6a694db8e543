package fr.passerelle.hub.journal;

import fr.passerelle.hub.failure.Failure;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.intake.RawMessageStore;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages of the journal (docs/operations.md): search, one message end to end, its raw payload (ADMIN), the
 * items waiting for an operator with their replay, batch replays with a dry-run count and their progress, and the
 * partner feeds. Which role may do what is SecurityConfiguration's; the pages only hide what a role cannot use.
 */
@Controller
class JournalConsoleController {

    private static final Logger log = LoggerFactory.getLogger(JournalConsoleController.class);

    private final Journal journal;
    private final Replays replays;
    private final ReplayJobs jobs;
    private final PartnerFeeds feeds;
    private final RawMessageStore rawMessages;

    JournalConsoleController(Journal journal, Replays replays, ReplayJobs jobs, PartnerFeeds feeds,
                             RawMessageStore rawMessages) {
        this.journal = journal;
        this.replays = replays;
        this.jobs = jobs;
        this.feeds = feeds;
        this.rawMessages = rawMessages;
    }

    @GetMapping("/console/journal")
    String search(@RequestParam Map<String, String> parameters, Model model, HttpServletRequest request) {
        roles(model, request);
        model.addAttribute("criteria", parameters);
        try {
            model.addAttribute("entries", journal.search(JournalQuery.of(parameters)));
        } catch (RuntimeException e) {
            model.addAttribute("entries", java.util.List.of());
            model.addAttribute("message", Failure.of(e).detail());
        }
        return "console/journal";
    }

    @GetMapping("/console/journal/messages/{id}")
    String message(@PathVariable UUID id, Model model, HttpServletRequest request) {
        roles(model, request);
        model.addAttribute("view", journal.message(id).orElseThrow(() -> new NotFoundException("message")));
        model.addAttribute("refusal", replays.messageRefusal(id).orElse(null));
        return "console/message";
    }

    @GetMapping("/console/journal/messages/{id}/payload")
    String payload(@PathVariable UUID id, Model model, Principal admin, HttpServletRequest request) {
        roles(model, request);
        Journal.Message message = journal.message(id).orElseThrow(() -> new NotFoundException("message")).message();
        byte[] bytes = rawMessages.payload(id).orElseThrow(() -> new NotFoundException("message"));
        log.info("Raw payload of message {} shown to administrator {}", id, admin.getName());
        model.addAttribute("message", message);
        model.addAttribute("text", text(bytes));
        return "console/payload";
    }

    @PostMapping("/console/journal/messages/{id}/replay")
    String replayMessage(@PathVariable UUID id, Principal operator, RedirectAttributes flash) {
        try {
            if (replays.isFile(id)) {
                ReplayJobs.Job job = jobs.startFile(id, operator.getName());
                flash.addFlashAttribute("flash", "Rejeu du fichier lancé en arrière-plan.");
                return "redirect:/console/replay-jobs/" + job.id();
            }
            Replays.Outcome outcome = replays.replayMessage(id, operator.getName(), null);
            flash.addFlashAttribute("flash", "Message rejoué : " + outcome.outcome() + ".");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("flash", "Rejeu refusé : " + Failure.of(e).detail());
        }
        return "redirect:/console/journal/messages/" + id;
    }

    @PostMapping("/console/handoffs/{id}/replay")
    String replayHandoff(@PathVariable UUID id, Principal operator, RedirectAttributes flash) {
        try {
            replays.replayHandoff(id, operator.getName(), null);
            flash.addFlashAttribute("flash", "Transfert " + id + " renvoyé : il part en livraison.");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("flash", "Renvoi refusé : " + Failure.of(e).detail());
        }
        return "redirect:/console/parked";
    }

    /** The items waiting for an operator; with {@code kind}, the dry-run count of a batch replay. */
    @GetMapping("/console/parked")
    String parked(@RequestParam Map<String, String> parameters, Model model, HttpServletRequest request) {
        roles(model, request);
        model.addAttribute("failedMessages", journal.failedMessages(100));
        model.addAttribute("parkedHandoffs", journal.parkedHandoffs(100));
        model.addAttribute("jobs", jobs.recent(10));
        model.addAttribute("criteria", parameters);
        if (parameters.get("kind") != null && !parameters.get("kind").isBlank()) {
            try {
                model.addAttribute("count", jobs.count(ReplayFilter.of(parameters::get)));
            } catch (RuntimeException e) {
                model.addAttribute("flash", Failure.of(e).detail());
            }
        }
        return "console/parked";
    }

    @PostMapping("/console/replay-jobs")
    String start(@RequestParam Map<String, String> parameters, Principal operator, RedirectAttributes flash) {
        try {
            ReplayJobs.Job job = jobs.start(ReplayFilter.of(parameters::get), operator.getName());
            return "redirect:/console/replay-jobs/" + job.id();
        } catch (RuntimeException e) {
            flash.addFlashAttribute("flash", "Rejeu refusé : " + Failure.of(e).detail());
            return "redirect:/console/parked";
        }
    }

    @GetMapping("/console/replay-jobs/{id}")
    String job(@PathVariable UUID id, Model model, HttpServletRequest request) {
        roles(model, request);
        model.addAttribute("job", jobs.find(id).orElseThrow(() -> new NotFoundException("replay job")));
        return "console/replay-job";
    }

    @PostMapping("/console/replay-jobs/{id}/{action}")
    String change(@PathVariable UUID id, @PathVariable String action, Principal operator, RedirectAttributes flash) {
        try {
            switch (action) {
                case "pause" -> jobs.pause(id, operator.getName());
                case "resume" -> jobs.resume(id, operator.getName());
                case "cancel" -> jobs.cancel(id, operator.getName());
                default -> throw new NotFoundException("action");
            }
        } catch (RuntimeException e) {
            flash.addFlashAttribute("flash", Failure.of(e).detail());
        }
        return "redirect:/console/replay-jobs/" + id;
    }

    @GetMapping("/console/feeds")
    String feeds(Model model, HttpServletRequest request) {
        roles(model, request);
        model.addAttribute("feeds", feeds.all());
        return "console/feeds";
    }

    private static void roles(Model model, HttpServletRequest request) {
        model.addAttribute("operator", request.isUserInRole("OPERATOR"));
        model.addAttribute("admin", request.isUserInRole("ADMIN"));
    }

    /** The payload as text when it is UTF-8 (JSON, XML, CSV); a spreadsheet is binary and shown as such. */
    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
