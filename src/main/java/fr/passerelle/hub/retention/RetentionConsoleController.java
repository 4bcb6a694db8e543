package fr.passerelle.hub.retention;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /console/retention}: the tiers, and per partner the oldest payload whose body is still kept. */
@Controller
class RetentionConsoleController {

    private final Retention retention;

    RetentionConsoleController(Retention retention) {
        this.retention = retention;
    }

    @GetMapping("/console/retention")
    String view(Model model) {
        model.addAttribute("tiers", retention.tiers());
        model.addAttribute("oldest", retention.oldestPayloadKept());
        return "console/retention";
    }
}
