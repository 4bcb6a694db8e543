package fr.passerelle.hub.soap;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * {@code xs:date} as {@link LocalDate} in the types generated from {@code wsdl/orientation-v1.xsd}. A time zone,
 * which {@code xs:date} allows ({@code 1993-09-05+02:00}), is read and ignored: a birth date has none.
 */
public final class LocalDateAdapter extends XmlAdapter<String, LocalDate> {

    @Override
    public LocalDate unmarshal(String text) {
        return text == null ? null : LocalDate.parse(text.strip(), DateTimeFormatter.ISO_DATE);
    }

    @Override
    public String marshal(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
