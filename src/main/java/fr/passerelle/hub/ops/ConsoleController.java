package fr.passerelle.hub.ops;

import fr.passerelle.hub.identity.ReviewQueue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator console's home: what needs attention, and where to go. */
@Controller
class ConsoleController {

    private final ReviewQueue reviews;
    private final boolean localMail;

    ConsoleController(ReviewQueue reviews, @Value("${passerelle.local-mail.enabled:false}") boolean localMail) {
        this.reviews = reviews;
        this.localMail = localMail;
    }

    @GetMapping("/console")
    String home(Model model) {
        model.addAttribute("pendingReviews", reviews.pendingCount());
        model.addAttribute("localMail", localMail);
        return "console/home";
    }
}
