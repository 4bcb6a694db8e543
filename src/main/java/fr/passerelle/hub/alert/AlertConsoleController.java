package fr.passerelle.hub.alert;

import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /console/alerts}: open alerts first, then the recent ones, with their notifications; operators acknowledge. */
@Controller
@RequestMapping("/console/alerts")
class AlertConsoleController {

    private static final int SHOWN = 200;

    private final AlertStore alerts;
    private final AlertNotifications notifications;

    AlertConsoleController(AlertStore alerts, AlertNotifications notifications) {
        this.alerts = alerts;
        this.notifications = notifications;
    }

    record AlertView(Alert alert, List<String> notifications) {
    }

    @GetMapping
    String list(Model model) {
        List<AlertView> shown = alerts.recent(false, SHOWN).stream()
                .map(alert -> new AlertView(alert, notifications.statusOf(alert.id()))).toList();
        model.addAttribute("alerts", shown);
        model.addAttribute("openCount", shown.stream().filter(view -> view.alert().open()).count());
        return "console/alerts";
    }

    @PostMapping("/{id}/ack")
    String acknowledge(@PathVariable UUID id, Principal operator, RedirectAttributes flash) {
        flash.addFlashAttribute("message", alerts.acknowledge(id, operator.getName())
                .map(alert -> "Alerte acquittée : " + alert.title() + " — " + alert.subject())
                .orElse("Alerte inconnue."));
        return "redirect:/console/alerts";
    }
}
