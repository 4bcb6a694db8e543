package fr.passerelle.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.canonical.Sex;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchScorerTest {

    private static final double AUTO = 11;
    private static final double REVIEW = 6;

    private final MatchScorer scorer = new MatchScorer();

    private static PersonVariant person(String birthName, String usageName, String firstNames, String birthDate,
                                        Sex sex, String postalCode, String email, String phone) {
        return new PersonVariant(birthName, usageName, firstNames, LocalDate.parse(birthDate), sex, postalCode,
                postalCode == null ? null : "COMMUNE " + postalCode, email, phone == null ? List.of() : List.of(phone),
                null, null);
    }

    @Test
    void samePersonWrittenByTwoPartnersIsASureMatch() {
        PersonVariant franceTravail = person("LUCAS", null, "NOEL", "1993-09-05", Sex.M, "91100", null, null);
        PersonVariant association = person("LUCAS", null, "NOEL", "1993-09-05", Sex.M, "91100", "noel@free.fr", null);
        assertThat(scorer.score(franceTravail, association).value()).isGreaterThanOrEqualTo(AUTO);
    }

    @Test
    void compoundFirstNameCutAtTheHyphenStillMatches() {
        PersonVariant full = person("N DIAYE", null, "JEAN BAPTISTE", "1998-06-09", Sex.M, "91170", null, null);
        PersonVariant cut = person("N DIAYE", null, "JEAN", "1998-06-09", Sex.M, "91170", null, null);
        assertThat(scorer.score(full, cut).value()).isGreaterThanOrEqualTo(AUTO);
    }

    @Test
    void usageNameAgainstBirthNameMatchesThroughEitherName() {
        PersonVariant married = person("VIDAL", "BRUNET", "GAELLE", "1990-05-01", Sex.F, "91180", null, null);
        PersonVariant plie = person("BRUNET", null, "GAELLE", "1990-05-01", Sex.F, "91180", null, null);
        assertThat(scorer.score(married, plie).value()).isGreaterThanOrEqualTo(AUTO);
    }

    @Test
    void twinsStayApart() {
        PersonVariant one = person("COLIN", null, "INES", "2001-03-14", Sex.F, "91100", null, "+33160000000");
        PersonVariant other = person("COLIN", null, "MARIAM", "2001-03-14", Sex.F, "91100", null, "+33160000000");
        assertThat(scorer.score(one, other).value()).isLessThan(REVIEW);
    }

    @Test
    void homonymsWithAnotherBirthDateStayApart() {
        PersonVariant one = person("MARTIN", null, "THOMAS", "1985-02-11", Sex.M, "91100", null, null);
        PersonVariant other = person("MARTIN", null, "THOMAS", "1991-07-30", Sex.M, "91100", null, null);
        assertThat(scorer.score(one, other).value()).isLessThan(REVIEW);
    }

    @Test
    void parentAndChildAtOneAddressStayApart() {
        PersonVariant parent = person("TRAORE", null, "AWA", "1975-04-02", Sex.F, "91350", "famille.traore@free.fr", "+33160000001");
        PersonVariant child = person("TRAORE", null, "MATHEO", "2006-10-08", Sex.M, "91350", "famille.traore@free.fr", "+33160000001");
        assertThat(scorer.score(parent, child).value()).isLessThan(REVIEW);
    }

    @Test
    void typoAndSwappedBirthDateIsUncertainNotSure() {
        PersonVariant one = person("LEFEVRE", null, "MOUSSA", "2005-07-04", Sex.M, "91310", null, null);
        PersonVariant other = person("LEEFEVRE", null, "MOUSSA", "2005-04-07", Sex.M, "91390", null, null);
        double score = scorer.score(one, other).value();
        assertThat(score).isGreaterThanOrEqualTo(REVIEW).isLessThan(AUTO);
    }

    @Test
    void differentNirsOutweighEverythingElse() {
        PersonVariant one = new PersonVariant("LUCAS", null, "NOEL", LocalDate.parse("1993-09-05"), Sex.M, "91100",
                null, null, List.of(), "1930991078956", null);
        PersonVariant other = new PersonVariant("LUCAS", null, "NOEL", LocalDate.parse("1993-09-05"), Sex.M, "91100",
                null, null, List.of(), "1930991078957", null);
        assertThat(scorer.score(one, other).value()).isLessThan(REVIEW);
    }

    @Test
    void everyFindingIsExplained() {
        MatchScore score = scorer.score(person("LUCAS", null, "NOEL", "1993-09-05", Sex.M, "91100", null, null),
                person("LUCAS", null, "NOEL", "1993-05-09", Sex.M, "91100", null, null));
        assertThat(score.evidence()).extracting(MatchScore.Evidence::field)
                .contains("nom", "prénom", "date de naissance", "sexe", "commune");
        assertThat(score.evidence()).anySatisfy(evidence -> assertThat(evidence.finding()).isEqualTo("jour et mois inversés"));
    }
}
