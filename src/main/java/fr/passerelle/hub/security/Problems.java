package fr.passerelle.hub.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;

/** The problem+json answers the security filters write themselves, before any route runs. */
final class Problems {

    private Problems() {
    }

    /** SECURITY: one partner's runaway client cannot starve the others; the answer says when to come back. */
    static void tooManyRequests(HttpServletResponse response, long retryAfter, String detail) throws IOException {
        response.setHeader("Retry-After", String.valueOf(retryAfter));
        write(response, 429, "trop-de-requetes", "Trop de requêtes", "TROP_DE_REQUETES", detail);
    }

    static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        // The rest of the body is not read: the connection is not reused.
        response.setHeader("Connection", "close");
        write(response, 413, "trop-volumineux", "Contenu trop volumineux", "TROP_VOLUMINEUX",
                "contenu de plus de " + limit + " octets");
    }

    private static void write(HttpServletResponse response, int status, String type, String title, String code,
                              String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("""
                {"type":"urn:passerelle:problem:%s","title":"%s","status":%d,"code":"%s","detail":"%s"}"""
                .formatted(type, title, status, code, detail));
        response.flushBuffer();
    }
}
