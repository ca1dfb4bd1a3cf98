package io.runwire.signing;

import io.runwire.crypto.SecretCipher;
import io.runwire.runbook.ExecutionPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.GZIPHelper;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Signs one outgoing call, just before it is sent (runbook-call-target), the Stripe way:
 * {@code Runwire-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, one {@code v1=} per secret valid
 * for the call, and {@code Runwire-Timestamp: <t>}. The body is made here into the exact bytes the call sends (an
 * entity camel-http sends as it is), so what is signed is what arrives; a GET or DELETE sends no body and signs an
 * empty one. A call whose plan has no signing keys is left as it is.
 */
@Component("requestSigner")
public class RequestSigner {

    public static final String SIGNATURE = "Runwire-Signature";
    public static final String TIMESTAMP = "Runwire-Timestamp";
    private static final String HMAC = "HmacSHA256";
    /** camel-http sends a body only with these (HttpMethods.isEntityEnclosing). */
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final SecretCipher cipher;
    private final Clock clock;

    @Autowired
    public RequestSigner(SecretCipher cipher) {
        this(cipher, Clock.systemUTC());
    }

    RequestSigner(SecretCipher cipher, Clock clock) {
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The exchange's {@code plan} variable says with which keys; its body is the payload about to be sent. */
    public void sign(Exchange exchange) {
        ExecutionPlan plan = exchange.getVariable("plan", ExecutionPlan.class);
        if (plan == null || plan.signingKeys().isEmpty()) {
            return;
        }
        List<String> secrets = new ArrayList<>(plan.signingKeys().size());
        for (SigningKey key : plan.signingKeys()) {
            secrets.add(cipher.decrypt(key.ciphertext(), key.place()));
        }
        Message message = exchange.getMessage();
        byte[] body = WITH_BODY.contains(plan.method()) ? bodyAsSent(exchange) : new byte[0];
        if (WITH_BODY.contains(plan.method())) {
            message.setBody(new ByteArrayEntity(body, contentType(exchange),
                    message.getHeader(Exchange.CONTENT_ENCODING, String.class)));
        }
        long t = clock.instant().getEpochSecond();
        message.setHeader(SIGNATURE, signature(t, body, secrets));
        message.setHeader(TIMESTAMP, Long.toString(t));
    }

    /** {@code t=<t>,v1=<hex>[,v1=<hex>...]}: one v1 per secret, in the order given. */
    public static String signature(long t, byte[] body, List<String> secrets) {
        StringBuilder header = new StringBuilder("t=").append(t);
        byte[] prefix = (t + ".").getBytes(StandardCharsets.UTF_8);
        for (String secret : secrets) {
            header.append(",v1=").append(HexFormat.of().formatHex(hmac(secret, prefix, body)));
        }
        return header.toString();
    }

    private static byte[] hmac(String secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /** The payload in the Content-Type's charset (UTF-8 unless it says otherwise), compressed if Content-Encoding says so. */
    private static byte[] bodyAsSent(Exchange exchange) {
        Message message = exchange.getMessage();
        Object payload = message.getBody();
        byte[] bytes = payload == null ? new byte[0]
                : payload instanceof byte[] raw ? raw
                : payload.toString().getBytes(charset(exchange));
        String encoding = message.getHeader(Exchange.CONTENT_ENCODING, String.class);
        if (!GZIPHelper.isGzip(encoding)) {
            return bytes;
        }
        try (InputStream compressed = GZIPHelper.compressGzip(encoding, bytes)) {
            return compressed.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ContentType contentType(Exchange exchange) {
        String type = ExchangeHelper.getContentType(exchange);
        return type == null ? null : ContentType.parse(type);
    }

    private static Charset charset(Exchange exchange) {
        ContentType type = contentType(exchange);
        return type != null && type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
    }
}
