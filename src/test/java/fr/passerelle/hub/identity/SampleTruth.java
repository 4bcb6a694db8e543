package fr.passerelle.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.testsupport.PartnerSamples;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The samples' truth.csv held against the hub: which person each partner record is. */
final class SampleTruth {

    private SampleTruth() {
    }

    /** Each of the 40 people has all their referrals on one record, and no record holds two people. */
    static void assertEveryPersonOnOneRecordAndNobodyElses(JdbcClient jdbc) throws IOException {
        Map<String, Set<UUID>> recordsByPerson = new HashMap<>();
        Map<UUID, Set<String>> peopleByRecord = new HashMap<>();
        for (String line : PartnerSamples.truth()) {
            String[] cells = line.split(",");
            UUID beneficiary = jdbc.sql("select beneficiary_id from referral where partner_id = :p and record_key = :k")
                    .param("p", cells[0]).param("k", cells[2]).query(UUID.class).single();
            recordsByPerson.computeIfAbsent(cells[3], person -> new HashSet<>()).add(beneficiary);
            peopleByRecord.computeIfAbsent(beneficiary, record -> new HashSet<>()).add(cells[3]);
        }
        assertThat(recordsByPerson).hasSize(40);
        assertThat(recordsByPerson.values()).allSatisfy(records -> assertThat(records).hasSize(1));
        assertThat(peopleByRecord.values()).allSatisfy(people -> assertThat(people).hasSize(1));
    }
}
