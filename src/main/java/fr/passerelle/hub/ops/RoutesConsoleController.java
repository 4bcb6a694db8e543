package fr.passerelle.hub.ops;

import fr.passerelle.hub.failure.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The routes page: every route's state, exchanges and failures; an administrator may stop or start one. */
@Controller
class RoutesConsoleController {

    private static final Logger log = LoggerFactory.getLogger(RoutesConsoleController.class);

    private final RouteStates routes;

    RoutesConsoleController(RouteStates routes) {
        this.routes = routes;
    }

    @GetMapping("/console/routes")
    String routes(Model model, HttpServletRequest request) {
        model.addAttribute("routes", routes.all());
        model.addAttribute("admin", request.isUserInRole("ADMIN"));
        model.addAttribute("operator", request.isUserInRole("OPERATOR"));
        return "console/routes";
    }

    @PostMapping("/console/routes/{id}/{action}")
    String change(@PathVariable String id, @PathVariable String action, Principal admin, RedirectAttributes flash)
            throws Exception {
        if (!routes.exists(id)) {
            throw new NotFoundException("route", id);
        }
        switch (action) {
            case "stop" -> routes.stop(id);
            case "start" -> routes.start(id);
            default -> throw new NotFoundException("action", action);
        }
        log.info("Route {} {} by administrator {}", id, action, admin.getName());
        flash.addFlashAttribute("flash", "Route " + id + (routes.started(id) ? " démarrée." : " arrêtée."));
        return "redirect:/console/routes";
    }
}
