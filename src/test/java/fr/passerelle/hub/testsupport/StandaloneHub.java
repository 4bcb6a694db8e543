package fr.passerelle.hub.testsupport;

import fr.passerelle.hub.PasserelleApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub the test starts and stops itself, in this JVM but outside the shared test context: to restart it on its
 * data, or to see it refuse to start. Its database and files live in {@code temp}; its ports are free ones.
 */
public final class StandaloneHub {

    private StandaloneHub() {
    }

    /** On a database of its own, new at each start. {@code arguments} come first, as on a command line. */
    public static ConfigurableApplicationContext startFresh(Path temp, String... arguments) {
        return start(arguments, "--passerelle.database.embedded.data-directory=" + temp.resolve("pg-" + UUID.randomUUID()),
                "--passerelle.files.root=" + temp.resolve("files"));
    }

    /** On the database kept in {@code temp}: a second start finds what the first one stored. */
    public static ConfigurableApplicationContext startOnKeptData(Path temp, String... arguments) {
        return start(arguments, "--passerelle.database.embedded.clean-on-start=false",
                "--passerelle.database.embedded.data-directory=" + temp.resolve("pgdata"),
                "--passerelle.files.root=" + temp.resolve("files"));
    }

    /** Every message of a failure to start and of its causes, one a line. */
    public static String messages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static ConfigurableApplicationContext start(String[] arguments, String... folders) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of(folders));
        all.addAll(List.of("--server.port=0", "--passerelle.database.embedded.port=0", "--passerelle.sftp.port=0"));
        // The local run's SMTP server listens on a fixed port: only a test that asks for it gets one.
        if (all.stream().noneMatch(argument -> argument.startsWith("--passerelle.local-mail.enabled="))) {
            all.add("--passerelle.local-mail.enabled=false");
        }
        // Tests call fast; the rate limit itself is tested in ApiKeyAuthenticationFilterTest.
        if (all.stream().noneMatch(argument -> argument.startsWith("--passerelle.api.rate-limit."))) {
            all.addAll(List.of("--passerelle.api.rate-limit.requests-per-minute=1000000",
                    "--passerelle.api.rate-limit.burst=100000"));
        }
        return new SpringApplicationBuilder(PasserelleApplication.class).run(all.toArray(String[]::new));
    }
}
