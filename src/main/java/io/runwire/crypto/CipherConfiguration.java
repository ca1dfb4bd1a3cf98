package io.runwire.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link SecretCipher} of the service, keyed as {@link EncryptionKey} decides. */
@Configuration(proxyBeanMethods = false)
public class CipherConfiguration {

    @Bean
    SecretCipher secretCipher(@Value("${runwire.encryption.keys:}") String keys,
                              @Value("${runwire.encryption.key:}") String key,
                              @Value("${runwire.data-dir:data}") String dataDirectory,
                              @Value("${spring.datasource.url:}") String datasourceUrl,
                              ObjectMapper objectMapper) {
        return new SecretCipher(EncryptionKey.resolveAll(keys, key, Path.of(dataDirectory), datasourceUrl),
                objectMapper);
    }
}
