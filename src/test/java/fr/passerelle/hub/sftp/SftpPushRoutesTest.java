package fr.passerelle.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import fr.passerelle.hub.retry.MillisPlaceholder;
import fr.passerelle.hub.sftp.SftpPushRoutes.PushRoute;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/** A pushed file is taken by its partner's inbox and its format; a name pattern only tells two dialects apart. */
class SftpPushRoutesTest {

    private static final Path ML = Path.of("/ready/ml-val-orge");

    @Test
    void takesEveryFileOfItsFormatWhateverItsName() {
        PushRoute csv = new PushRoute("ml-val-orge-sftp-push", ML, "csv", null);

        assertThat(csv.takes("missing-column-date-de-naissance.csv")).isTrue();
        assertThat(csv.takes("EXPORT.CSV")).isTrue();
        assertThat(csv.takes("participants-orientes-2026-11-20.xlsx")).isFalse();
        assertThat(csv.takes("export-imilo-csv")).isFalse();
    }

    @Test
    void tellsTwoDialectsOfOneFormatApartByName() {
        PushRoute export = new PushRoute("ml-val-orge-sftp-push", ML, "csv", Pattern.compile("export-imilo-.*"));
        PushRoute attendance = new PushRoute("ml-val-orge-presences-sftp-push", ML, "csv",
                Pattern.compile("presences-.*"));

        assertThat(SftpPushRoutes.problems(List.of(export, attendance))).isEmpty();
        assertThat(export.takes("export-imilo-2026-11-20.csv")).isTrue();
        assertThat(attendance.takes("export-imilo-2026-11-20.csv")).isFalse();
        assertThat(export.takes("autre.csv") || attendance.takes("autre.csv")).isFalse();
        assertThat(export.hasFormatOf("autre.csv")).isTrue();
    }

    @Test
    void refusesANamePatternOnThePartnersOnlyDialectOfAFormat() {
        PushRoute csv = new PushRoute("ml-val-orge-sftp-push", ML, "csv", Pattern.compile("export-imilo-.*"));
        PushRoute xlsx = new PushRoute("ml-val-orge-xlsx-sftp-push", ML, "xlsx", null);

        assertThat(SftpPushRoutes.problems(List.of(csv, xlsx))).singleElement().asString()
                .contains("ml-val-orge-sftp-push").contains("remove fileNames");
    }

    @Test
    void refusesTwoDialectsOfOneFormatThatNoNameTellsApart() {
        PushRoute export = new PushRoute("ml-val-orge-sftp-push", ML, "csv", null);
        PushRoute attendance = new PushRoute("ml-val-orge-presences-sftp-push", ML, "csv",
                Pattern.compile("presences-.*"));
        PushRoute otherPartner = new PushRoute("ft-91-sftp-push", Path.of("/ready/ft-91"), "csv", null);

        assertThat(SftpPushRoutes.problems(List.of(export, attendance, otherPartner))).singleElement().asString()
                .contains("ml-val-orge-sftp-push, ml-val-orge-presences-sftp-push").contains("each needs fileNames");
    }

    @Test
    void theRouteFilesOfTheHubTakeEachPartnersFilesByFormat() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            Properties properties = new Properties();
            properties.setProperty("passerelle.sftp.ready-area", "/ready");
            properties.setProperty("passerelle.sftp.processed-area", "/processed");
            properties.setProperty("passerelle.sftp.poll-delay", "1s");
            properties.setProperty("passerelle.sftp.retry.maximum-redeliveries", "1");
            properties.setProperty("passerelle.sftp.retry.initial-delay", "1ms");
            properties.setProperty("passerelle.sftp.retry.multiplier", "2");
            properties.setProperty("passerelle.sftp.retry.maximum-delay", "1ms");
            properties.setProperty("passerelle.cluster.enabled", "false");
            camel.getPropertiesComponent().setInitialProperties(properties);
            camel.getPropertiesComponent().addPropertiesFunction(new MillisPlaceholder());
            camel.getRegistry().bind("sftpPushIntake", new Intake());
            // One instance: the leader-only policy does nothing (cluster/ClusterConfiguration).
            camel.getRegistry().bind("leaderOnly", new RoutePolicySupport() {
            });
            List<Resource> routes = new ArrayList<>();
            for (String file : List.of("templates/sftp-push.yaml", "file-errors.yaml", "ml-val-orge-sftp-push.yaml",
                    "plie-val-orge-sftp-push.yaml", "ft-91-sftp-push.yaml")) {
                routes.add(ResourceHelper.resolveResource(camel, "file:routes/" + file));
            }
            PluginHelper.getRoutesLoader(camel).loadRoutes(routes);
            camel.setStartupSummaryLevel(StartupSummaryLevel.Off);
            camel.start();

            List<PushRoute> pushRoutes = SftpPushRoutes.pushRoutes(camel);

            assertThat(pushRoutes).extracting(PushRoute::id, PushRoute::format, PushRoute::fileNames)
                    .containsExactlyInAnyOrder(tuple("ml-val-orge-sftp-push", "csv", null),
                            tuple("plie-val-orge-sftp-push", "xlsx", null), tuple("ft-91-sftp-push", "csv", null));
            assertThat(SftpPushRoutes.problems(pushRoutes)).isEmpty();
        }
    }

    /** Stands in for SftpPushIntake: the routes only need a bean of that name to start. */
    public static class Intake {
        public void receive(Exchange exchange) {
        }

        public void failed(Exchange exchange) {
        }
    }
}
