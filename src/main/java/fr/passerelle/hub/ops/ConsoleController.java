package fr.passerelle.hub.ops;

import fr.passerelle.hub.identity.ReviewQueue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator console's home: what needs attention, and where to go. */
@Controller
class ConsoleController {

    private final ReviewQueue reviews;

    ConsoleController(ReviewQueue reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/console")
    String home(Model model) {
        model.addAttribute("pendingReviews", reviews.pendingCount());
        return "console/home";
    }
}
