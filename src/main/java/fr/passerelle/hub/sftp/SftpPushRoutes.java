package fr.passerelle.hub.sftp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.file.FileEndpoint;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The file-push routes (route template {@code routes/templates/sftp-push.yaml}, route group {@value #GROUP}), one per
 * dialect of a partner. A file is taken by its partner's inbox and its format (SPEC §2): a route takes the files of
 * its format ({@code includeExt}), and only where the partner has two dialects of one format does a file-name pattern
 * ({@code include}) tell them apart. What each route takes is read from its endpoint, so a route file stays the one
 * place that says it; a file no route takes is refused when it is handed over, instead of lying in the ready area.
 */
@Component
class SftpPushRoutes {

    public static final String GROUP = "sftp-push";

    private final CamelContext camel;
    private final ReadyArea readyArea;

    public SftpPushRoutes(CamelContext camel, ReadyArea readyArea) {
        this.camel = camel;
        this.readyArea = readyArea;
    }

    /**
     * What one file-push route takes.
     *
     * @param format    the file extension of its mapping's format ({@code csv}, {@code xlsx}…), in lower case
     * @param fileNames the names it takes among the files of that format; {@code null}: all of them
     */
    record PushRoute(String id, Path folder, String format, Pattern fileNames) {

        boolean hasFormatOf(String fileName) {
            return format != null && fileName.toLowerCase(Locale.ROOT).endsWith("." + format);
        }

        boolean takes(String fileName) {
            return hasFormatOf(fileName) && (fileNames == null || fileNames.matcher(fileName).matches());
        }
    }

    /** The partner's file-push routes: those reading its ready folder. */
    List<PushRoute> of(String partnerId) {
        Path folder = readyArea.folder(partnerId).toAbsolutePath().normalize();
        return pushRoutes(camel).stream().filter(route -> route.folder().equals(folder)).toList();
    }

    /** Starts the file-push routes; they are declared {@code autoStartup: false}, see {@link FileIntakeGate}. */
    public void startAll() throws Exception {
        for (Route route : routes(camel).toList()) {
            camel.getRouteController().startRoute(route.getId());
        }
    }

    /** A partner's dialects must tell its files apart without doubt: the hub refuses to start otherwise. */
    @EventListener(ApplicationStartedEvent.class)
    public void checkDialects() {
        List<String> problems = problems(pushRoutes(camel));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("file-push routes (routes/*-sftp-push.yaml): "
                    + String.join("; ", problems));
        }
    }

    /**
     * Per ready folder and format: one route takes every file of that format; two or more each need a file-name
     * pattern (SPEC §2: a pattern only tells apart two dialects of the same format).
     */
    static List<String> problems(Collection<PushRoute> routes) {
        List<String> problems = new ArrayList<>();
        Map<String, List<PushRoute>> byFolderAndFormat = new LinkedHashMap<>();
        for (PushRoute route : routes) {
            if (route.format() == null || route.format().isBlank()) {
                problems.add("route " + route.id() + " declares no format");
                continue;
            }
            byFolderAndFormat.computeIfAbsent(route.folder() + " ." + route.format(), key -> new ArrayList<>())
                    .add(route);
        }
        for (List<PushRoute> dialects : byFolderAndFormat.values()) {
            String ids = dialects.stream().map(PushRoute::id).collect(Collectors.joining(", "));
            String format = "." + dialects.get(0).format();
            if (dialects.size() == 1 && dialects.get(0).fileNames() != null) {
                problems.add("route " + ids + " is its partner's only " + format + " dialect, so it takes every "
                        + format + " file: remove fileNames, a pattern only tells apart two dialects of one format");
            } else if (dialects.size() > 1 && dialects.stream().anyMatch(route -> route.fileNames() == null)) {
                problems.add("routes " + ids + " read the same partner's " + format
                        + " files: each needs fileNames, a pattern telling its files apart");
            }
        }
        return problems;
    }

    private static Stream<Route> routes(CamelContext camel) {
        return camel.getRoutes().stream().filter(route -> GROUP.equals(route.getGroup()));
    }

    /** What each file-push route takes, read from its file endpoint ({@code includeExt}, {@code include}). */
    static List<PushRoute> pushRoutes(CamelContext camel) {
        return routes(camel).filter(route -> route.getEndpoint() instanceof FileEndpoint).map(route -> {
            FileEndpoint endpoint = (FileEndpoint) route.getEndpoint();
            String format = endpoint.getIncludeExt() == null ? null
                    : endpoint.getIncludeExt().trim().toLowerCase(Locale.ROOT);
            return new PushRoute(route.getId(), endpoint.getFile().toPath().toAbsolutePath().normalize(), format,
                    endpoint.getIncludePattern());
        }).toList();
    }
}
