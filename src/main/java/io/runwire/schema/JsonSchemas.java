package io.runwire.schema;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** JSON Schema (draft 2020-12) documents, compiled once: the API's request bodies and runbooks' parameters. */
public final class JsonSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> CLASSPATH = new ConcurrentHashMap<>();
    /** "format" (uuid, email, date-time...) is checked, not only annotated. */
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private JsonSchemas() {
    }

    public static JsonSchemaFactory factory() {
        return FACTORY;
    }

    /** A schema under {@code src/main/resources/schemas/}, e.g. {@code api/team-create}. */
    public static JsonSchema classpath(String name) {
        return CLASSPATH.computeIfAbsent(name,
                key -> FACTORY.getSchema(SchemaLocation.of("classpath:schemas/" + key + ".json"), CONFIG));
    }
}
