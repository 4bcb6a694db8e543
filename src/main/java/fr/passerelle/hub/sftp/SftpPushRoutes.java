package fr.passerelle.hub.sftp;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.file.FileEndpoint;
import org.springframework.stereotype.Component;

/**
 * The file-push routes (route template {@code routes/templates/sftp-push.yaml}, route group {@value #GROUP}): which
 * file names each partner's routes take is read from their {@code include} option, so a route file stays the one
 * place that says it; a name no route takes is refused when the file is handed over, instead of lying in the ready
 * area forever.
 */
@Component
public class SftpPushRoutes {

    public static final String GROUP = "sftp-push";

    private final CamelContext camel;
    private final ReadyArea readyArea;

    public SftpPushRoutes(CamelContext camel, ReadyArea readyArea) {
        this.camel = camel;
        this.readyArea = readyArea;
    }

    /** Whether one of the partner's file-push routes will consume a file of this name. */
    public boolean takes(String partnerId, String fileName) {
        return endpoints(partnerId).anyMatch(endpoint -> matches(endpoint, fileName));
    }

    /** The name patterns (regular expressions) the partner's file-push routes take, for the partner's information. */
    public List<String> patterns(String partnerId) {
        return endpoints(partnerId).map(endpoint -> endpoint.getInclude() == null ? ".*" : endpoint.getInclude())
                .toList();
    }

    /** Starts the file-push routes; they are declared {@code autoStartup: false}, see {@link FileIntakeGate}. */
    public void startAll() throws Exception {
        for (Route route : routes().toList()) {
            camel.getRouteController().startRoute(route.getId());
        }
    }

    private Stream<Route> routes() {
        return camel.getRoutes().stream().filter(route -> GROUP.equals(route.getGroup()));
    }

    private Stream<FileEndpoint> endpoints(String partnerId) {
        Path folder = readyArea.folder(partnerId).toAbsolutePath().normalize();
        return routes().map(Route::getEndpoint)
                .filter(FileEndpoint.class::isInstance)
                .map(FileEndpoint.class::cast)
                .filter(endpoint -> endpoint.getFile().toPath().toAbsolutePath().normalize().equals(folder));
    }

    private static boolean matches(FileEndpoint endpoint, String fileName) {
        boolean included = endpoint.getIncludePattern() == null || endpoint.getIncludePattern().matcher(fileName).matches();
        boolean excluded = endpoint.getExcludePattern() != null && endpoint.getExcludePattern().matcher(fileName).matches();
        return included && !excluded;
    }
}
