package fr.passerelle.hub.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The partner samples (copied unchanged from {@code ../shared/samples} so that a clean clone carries them) read
 * through the project's real mapping files.
 */
final class Samples {

    static final Path ROOT = Path.of("src", "test", "resources", "samples");
    static final Map<String, MappingDefinition> MAPPINGS = load();
    static final RecordMapper MAPPER = new RecordMapper(Clock.systemDefaultZone());

    private Samples() {
    }

    static MappingDefinition mapping(String id) {
        MappingDefinition mapping = MAPPINGS.get(id);
        if (mapping == null) {
            throw new IllegalArgumentException("no mapping " + id + " in " + MAPPINGS.keySet());
        }
        return mapping;
    }

    static byte[] bytes(String sample) {
        try {
            return Files.readAllBytes(ROOT.resolve(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<SourceRecord> read(String mappingId, String sample) {
        return PayloadReader.read(mapping(mappingId), bytes(sample));
    }

    static List<MappedRecord> map(String mappingId, String sample) {
        return map(mappingId, read(mappingId, sample));
    }

    static List<MappedRecord> map(String mappingId, List<SourceRecord> records) {
        MappingDefinition mapping = mapping(mappingId);
        return records.stream().map(record -> MAPPER.map(mapping, record)).toList();
    }

    private static Map<String, MappingDefinition> load() {
        try {
            return MappingCatalog.load("file:mappings");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
