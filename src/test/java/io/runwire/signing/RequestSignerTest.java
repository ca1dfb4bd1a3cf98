package io.runwire.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signature header against values computed apart from Runwire (Python's hmac, as the README's receiver). */
class RequestSignerTest {

    private static final byte[] BODY = "{\"note\": \"ü 🚨\"}".getBytes(StandardCharsets.UTF_8);
    private static final long T = 1767225600L;
    private static final String A = "699125605a0412a5b808b99420b0a01bc07eda68ccd7c8998f81cca57f1c5f50";
    private static final String B = "64d4ceb02f1774325722171295e61c15492faa145b1d1c880d9176cdc68b3ef3";

    @Test
    void oneSecretSignsTheTimestampADotAndTheBodyBytes() {
        assertThat(RequestSigner.signature(T, BODY, List.of("rwsig_test-secret-A"))).isEqualTo("t=" + T + ",v1=" + A);
    }

    @Test
    void duringARotationEachValidSecretAddsItsOwnV1InTheOrderGiven() {
        assertThat(RequestSigner.signature(T, BODY, List.of("rwsig_test-secret-B", "rwsig_test-secret-A")))
                .isEqualTo("t=" + T + ",v1=" + B + ",v1=" + A);
    }

    @Test
    void anEmptyBodySignsJustTheTimestampAndTheDot() {
        assertThat(RequestSigner.signature(T, new byte[0], List.of("k")))
                .isEqualTo("t=" + T + ",v1=51010c39b0935e7ff09f30ec1551a67ce348a7a125cb09354b736e9e33c0be51");
    }
}
