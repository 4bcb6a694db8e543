package fr.passerelle.hub.mapping;

import fr.passerelle.hub.testsupport.PartnerSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The partner samples ({@link PartnerSamples}) read through the project's real mapping files. */
final class Samples {

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

    static List<SourceRecord> read(String mappingId, String sample) {
        return PayloadReader.read(mapping(mappingId), PartnerSamples.sample(sample));
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
