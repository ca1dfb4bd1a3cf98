package io.runwire.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.postgresql.util.PGobject;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One ObjectMapper (Spring Boot's) serves the API, the routes' JSON binding and the beans. */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    /** jsonb columns read by camel-sql arrive as PGobject; they are JSON already and go out as such. */
    @Bean
    Module postgresJsonModule() {
        SimpleModule module = new SimpleModule("runwire-postgres");
        module.addSerializer(PGobject.class, new JsonSerializer<>() {
            @Override
            public void serialize(PGobject value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                if (value.getValue() == null) {
                    gen.writeNull();
                } else if ("json".equals(value.getType()) || "jsonb".equals(value.getType())) {
                    gen.writeRawValue(value.getValue());
                } else {
                    gen.writeString(value.getValue());
                }
            }
        });
        return module;
    }
}
