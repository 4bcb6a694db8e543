package fr.passerelle.hub.handoff.referent;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The link confirming a take-over, sent to the new referent's address. Opening it changes nothing (mail scanners
 * open links); the button posts the confirmation, which uses the link up.
 */
@Controller
@RequestMapping("/referent/takeovers/{token}")
class TakeOverConfirmationController {

    private final ReferentDesk desk;

    TakeOverConfirmationController(ReferentDesk desk) {
        this.desk = desk;
    }

    @GetMapping
    String show(@PathVariable String token, Model model, HttpServletResponse response) {
        privateHeaders(response);
        model.addAttribute("takeOver", desk.takeOverToConfirm(token));
        model.addAttribute("token", token);
        model.addAttribute("done", false);
        return "referent/takeover";
    }

    @PostMapping("/confirm")
    String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
        privateHeaders(response);
        model.addAttribute("takeOver", desk.confirmTakeOver(token));
        model.addAttribute("done", true);
        return "referent/takeover";
    }

    @ExceptionHandler(LinkRefusedException.class)
    ModelAndView refused(LinkRefusedException refused, HttpServletResponse response) {
        privateHeaders(response);
        boolean expired = refused.why() == LinkRefusedException.Why.EXPIRED;
        response.setStatus(expired ? HttpServletResponse.SC_GONE : HttpServletResponse.SC_NOT_FOUND);
        ModelAndView view = new ModelAndView("referent/refused");
        view.addObject("expired", expired);
        return view;
    }

    @ExceptionHandler(ReferentActionException.class)
    ModelAndView actionRefused(ReferentActionException refused, HttpServletResponse response) {
        privateHeaders(response);
        response.setStatus(refused.status());
        ModelAndView view = new ModelAndView("referent/refused");
        view.addObject("expired", false);
        view.addObject("error", refused.getMessage());
        return view;
    }

    /** SECURITY: the token is in the URL: no Referer, no cache, no search engine. */
    private static void privateHeaders(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
    }
}
