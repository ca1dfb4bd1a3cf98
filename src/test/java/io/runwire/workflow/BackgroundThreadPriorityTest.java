package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A worker thread is lowered to the configured nice value, once, and no other thread is. */
class BackgroundThreadPriorityTest {

    @Test
    void theCallingThreadAndOnlyItGetsTheNiceValue() throws Exception {
        assumeThat(BackgroundThreadPriority.niceOfThisThread()).as("a Linux /proc").isNotNull();
        Integer before = BackgroundThreadPriority.niceOfThisThread();
        BackgroundThreadPriority priority = new BackgroundThreadPriority(before + 5 > 19 ? 19 : before + 5);
        AtomicReference<Integer> worker = new AtomicReference<>();
        AtomicReference<Integer> again = new AtomicReference<>();

        Thread thread = new Thread(() -> {
            priority.lowerThisThread();
            worker.set(BackgroundThreadPriority.niceOfThisThread());
            priority.lowerThisThread();
            again.set(BackgroundThreadPriority.niceOfThisThread());
        });
        thread.start();
        thread.join();

        assertThat(worker.get()).isEqualTo(Math.min(before + 5, 19));
        assertThat(again.get()).isEqualTo(worker.get());
        assertThat(BackgroundThreadPriority.niceOfThisThread()).isEqualTo(before);
    }

    @Test
    void zeroLeavesTheThreadAlone() throws Exception {
        assumeThat(BackgroundThreadPriority.niceOfThisThread()).as("a Linux /proc").isNotNull();
        AtomicReference<Integer> nice = new AtomicReference<>();
        Integer before = BackgroundThreadPriority.niceOfThisThread();
        Thread thread = new Thread(() -> {
            new BackgroundThreadPriority(0).lowerThisThread();
            nice.set(BackgroundThreadPriority.niceOfThisThread());
        });
        thread.start();
        thread.join();
        assertThat(nice.get()).isEqualTo(before);
    }
}
