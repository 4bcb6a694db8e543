package fr.passerelle.hub.mapping.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhonesTest {

    private final Phones phones = new Phones();

    @Test
    void writesFrenchNumbersInE164WhateverTheirPunctuation() {
        assertThat(Phones.toE164("06 12 34 56 78")).contains("+33612345678");
        assertThat(Phones.toE164("06.12.34.56.78")).contains("+33612345678");
        assertThat(Phones.toE164("01-43-15-44-73")).contains("+33143154473");
    }

    @Test
    void restoresTheLeadingZeroASpreadsheetDropped() {
        assertThat(Phones.toE164("619552354")).contains("+33619552354");
    }

    @Test
    void acceptsInternationalPrefixes() {
        assertThat(Phones.toE164("+33 6 12 34 56 78")).contains("+33612345678");
        assertThat(Phones.toE164("+33 (0)6 12 34 56 78")).contains("+33612345678");
        assertThat(Phones.toE164("0033612345678")).contains("+33612345678");
    }

    @Test
    void readsSeveralNumbersInOneCell() {
        Normalized result = phones.apply(List.of("676072408, 0180683283 / 07 12 34 56 78"), Map.of());

        assertThat(result).isEqualTo(Normalized.value(List.of("+33676072408", "+33180683283", "+33712345678")));
    }

    @Test
    void dropsGarbageWithAWarningAndKeepsTheReadableNumbers() {
        Normalized result = phones.apply(List.of("0612345678 ; pas de téléphone"), Map.of());

        assertThat(result).isInstanceOf(Normalized.Value.class);
        Normalized.Value value = (Normalized.Value) result;
        assertThat(value.value()).isEqualTo(List.of("+33612345678"));
        assertThat(value.dropped()).extracting(Normalized.Problem::code).containsExactly("TELEPHONE_ILLISIBLE");
        assertThat(phones.apply(List.of("12"), Map.of())).isInstanceOf(Normalized.Dropped.class);
    }
}
