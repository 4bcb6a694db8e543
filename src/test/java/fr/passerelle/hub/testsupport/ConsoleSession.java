package fr.passerelle.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console as a browser without JavaScript uses it: a session cookie, server-rendered pages and forms posted
 * with their CSRF token. For tests that drive console forms without a real browser (ConsoleBrowserIT has one).
 */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Function<String, URI> uri;

    public ConsoleSession(Function<String, URI> uri) {
        this.uri = uri;
    }

    /** Logs in through the login form; the session's cookie carries the rest. */
    public ConsoleSession logIn(String user, String password) throws IOException, InterruptedException {
        String form = browse("/login").body();
        HttpResponse<String> answer = post("/login", "username=" + user + "&password=" + password
                + "&_csrf=" + csrf(form));
        assertThat(answer.statusCode()).isEqualTo(200);
        return this;
    }

    public HttpResponse<String> browse(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(uri.apply(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form body ({@code a=b&c=d}, values URL-encoded by the caller). */
    public HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(uri.apply(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token of the page's form, URL-encoded for a form body. */
    public static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("CSRF token in page").isTrue();
        return URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8);
    }
}
