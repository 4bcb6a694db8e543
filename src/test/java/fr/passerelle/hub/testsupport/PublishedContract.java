package fr.passerelle.hub.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.util.List;

/** The schemas the API's description publishes (src/main/resources/openapi), as a test checks a value against one. */
public final class PublishedContract {

    public static final String LOCATION = "openapi/passerelle-api.yaml";

    private PublishedContract() {
    }

    /**
     * Every way {@code value} departs from the schema at {@code pointer} in the document (e.g.
     * {@code /components/schemas/Referral}), formats asserted; empty when it fits.
     */
    public static List<String> violations(String pointer, JsonNode value) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("classpath:" + LOCATION + "#" + pointer),
                        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build())
                .validate(value).stream().map(Object::toString).toList();
    }
}
