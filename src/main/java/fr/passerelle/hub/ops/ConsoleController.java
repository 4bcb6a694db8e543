package fr.passerelle.hub.ops;

import fr.passerelle.hub.identity.ReviewQueue;
import fr.passerelle.hub.journal.Journal;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator console's home: what needs attention, and where to go. */
@Controller
class ConsoleController {

    private final ReviewQueue reviews;
    private final Journal journal;
    private final boolean localMail;

    ConsoleController(ReviewQueue reviews, Journal journal,
                      @Value("${passerelle.local-mail.enabled:false}") boolean localMail) {
        this.reviews = reviews;
        this.journal = journal;
        this.localMail = localMail;
    }

    @GetMapping("/console")
    String home(Model model, HttpServletRequest request) {
        boolean operator = request.isUserInRole("OPERATOR");
        Journal.Waiting waiting = journal.waiting();
        model.addAttribute("failedMessages", waiting.failedMessages());
        model.addAttribute("parkedHandoffs", waiting.parkedHandoffs());
        model.addAttribute("operator", operator);
        model.addAttribute("admin", request.isUserInRole("ADMIN"));
        model.addAttribute("user", request.getRemoteUser());
        model.addAttribute("pendingReviews", operator ? reviews.pendingCount() : 0);
        model.addAttribute("localMail", localMail);
        return "console/home";
    }
}
