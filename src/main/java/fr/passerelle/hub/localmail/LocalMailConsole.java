package fr.passerelle.hub.localmail;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /console/mail}: the e-mails the local SMTP server caught, for operators (local run only). */
@Controller
@ConditionalOnProperty(name = "passerelle.local-mail.enabled", havingValue = "true")
class LocalMailConsole {

    private final LocalMailServer server;

    LocalMailConsole(LocalMailServer server) {
        this.server = server;
    }

    @GetMapping("/console/mail")
    String caught(Model model) {
        model.addAttribute("mails", server.caught());
        return "console/mail";
    }
}
