package fr.passerelle.hub.handoff.referent;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The referent page behind a handoff e-mail's link: public (the link is the credential), server-rendered, no
 * JavaScript. Forms post back to the same link with Spring's CSRF token; each answer redirects to the page.
 */
@Controller
@RequestMapping("/referent/handoffs/{token}")
class ReferentPageController {

    private final ReferentDesk desk;

    ReferentPageController(ReferentDesk desk) {
        this.desk = desk;
    }

    @GetMapping
    String show(@PathVariable String token, Model model, HttpServletResponse response) {
        privateHeaders(response);
        model.addAttribute("page", desk.view(token));
        model.addAttribute("token", token);
        return "referent/handoff";
    }

    @PostMapping("/acknowledge")
    String acknowledge(@PathVariable String token) {
        desk.acknowledge(token);
        return "redirect:/referent/handoffs/" + token;
    }

    @PostMapping("/take-over")
    String takeOver(@PathVariable String token, @RequestParam(required = false) String firstName,
                    @RequestParam(required = false) String lastName, @RequestParam(required = false) String email,
                    @RequestParam(required = false) String phone) {
        desk.takeOver(token, firstName, lastName, email, phone);
        return "redirect:/referent/handoffs/" + token;
    }

    @PostMapping("/decline")
    String decline(@PathVariable String token, @RequestParam(required = false) String reason) {
        desk.decline(token, reason);
        return "redirect:/referent/handoffs/" + token;
    }

    /**
     * An expired link asks for a new one, sent to the address on file; the answer says only that it was sent, or
     * why not. The form posts to the link itself: the page never repeats the token (which names the handoff).
     */
    @PostMapping(params = "renew")
    ModelAndView renew(@PathVariable String token, HttpServletResponse response) {
        privateHeaders(response);
        ModelAndView view = new ModelAndView("referent/refused");
        view.addObject("expired", true);
        view.addObject("renewable", true);
        try {
            desk.renew(token);
            view.addObject("renewed", true);
        } catch (ReferentActionException refused) {
            response.setStatus(refused.status());
            view.addObject("renewError", refused.getMessage());
        }
        return view;
    }

    @ExceptionHandler(LinkRefusedException.class)
    ModelAndView refused(LinkRefusedException refused, HttpServletResponse response) {
        privateHeaders(response);
        boolean expired = refused.why() == LinkRefusedException.Why.EXPIRED;
        response.setStatus(expired ? HttpServletResponse.SC_GONE : HttpServletResponse.SC_NOT_FOUND);
        ModelAndView view = new ModelAndView("referent/refused");
        view.addObject("expired", expired);
        view.addObject("renewable", expired);
        return view;
    }

    /** A refused answer re-renders the page with the message, so nothing typed is lost but the error is plain. */
    @ExceptionHandler(ReferentActionException.class)
    ModelAndView actionRefused(ReferentActionException refused, HttpServletResponse response,
                               jakarta.servlet.http.HttpServletRequest request) {
        privateHeaders(response);
        response.setStatus(refused.status());
        String token = request.getRequestURI().replaceFirst("^.*/referent/handoffs/([^/]+).*$", "$1");
        ModelAndView view = new ModelAndView("referent/handoff");
        view.addObject("page", desk.view(token));
        view.addObject("token", token);
        view.addObject("error", refused.getMessage());
        view.addObject("reason", request.getParameter("reason"));
        return view;
    }

    /**
     * SECURITY: the token is in the URL: no Referer carries it to another site, no cache or search engine keeps the
     * page.
     */
    private static void privateHeaders(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
    }
}
