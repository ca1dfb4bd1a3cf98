package io.runwire.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyUseThrottleTest {

    private static final long MINUTE = 60_000;
    private final KeyUseThrottle throttle = new KeyUseThrottle(MINUTE);
    private final UUID key = UUID.randomUUID();

    @Test
    void aKeyIsWrittenOnceAMinuteHoweverOftenItIsUsed() {
        assertThat(throttle.claim(key, 1_000)).isTrue();
        assertThat(throttle.claim(key, 1_001)).isFalse();
        assertThat(throttle.claim(key, 1_000 + MINUTE - 1)).isFalse();
        assertThat(throttle.claim(key, 1_000 + MINUTE)).isTrue();
        assertThat(throttle.claim(key, 1_000 + MINUTE + 1)).isFalse();
    }

    @Test
    void keysAreThrottledEachOnItsOwn() {
        UUID other = UUID.randomUUID();

        assertThat(throttle.claim(key, 1_000)).isTrue();
        assertThat(throttle.claim(other, 1_001)).isTrue();
    }

    @Test
    void aWriteThatFailedIsTriedAgainOnTheNextUse() {
        assertThat(throttle.claim(key, 1_000)).isTrue();
        throttle.release(key, 1_000);

        assertThat(throttle.claim(key, 1_002)).isTrue();
    }

    @Test
    void ofManyUsesAtOnceOnlyOneWrites() throws InterruptedException {
        ConcurrentLinkedQueue<Boolean> claims = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = IntStream.range(0, 16).mapToObj(i -> new Thread(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            claims.add(throttle.claim(key, 5_000));
        })).toArray(Thread[]::new);
        for (Thread thread : threads) {
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(claims).hasSize(16).containsOnlyOnce(true);
    }
}
