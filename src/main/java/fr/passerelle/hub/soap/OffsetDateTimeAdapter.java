package fr.passerelle.hub.soap;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/** {@code xs:dateTime} as {@link OffsetDateTime}; Passerelle writes UTC, a value without offset is read as UTC. */
public final class OffsetDateTimeAdapter extends XmlAdapter<String, OffsetDateTime> {

    @Override
    public OffsetDateTime unmarshal(String text) {
        if (text == null) {
            return null;
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text.strip());
        return parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS) ? OffsetDateTime.from(parsed)
                : LocalDateTime.from(parsed).atOffset(ZoneOffset.UTC);
    }

    @Override
    public String marshal(OffsetDateTime dateTime) {
        return dateTime == null ? null : dateTime.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
