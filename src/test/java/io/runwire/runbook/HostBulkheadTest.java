package io.runwire.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostBulkheadTest {

    @Test
    void hostTakesAtMostItsShareOfTheWorkersAndOtherHostsStillGetIn() {
        HostBulkhead bulkhead = new HostBulkhead(16, 0);

        assertThat(bulkhead.perHost()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(bulkhead.tryEnter("https://slow.example/call?" + i)).isTrue();
        }
        assertThat(bulkhead.tryEnter("https://SLOW.example:443/other")).isFalse();
        assertThat(bulkhead.tryEnter("http://slow.example/")).as("another port is another target").isTrue();
        assertThat(bulkhead.tryEnter("https://fast.example/")).isTrue();
        assertThat(bulkhead.inFlight("https://slow.example/")).isEqualTo(4);

        assertThat(bulkhead.leave("https://slow.example/call")).as("nobody waits").isNull();
        assertThat(bulkhead.tryEnter("https://slow.example/again")).isTrue();
    }

    @Test
    void placeThatFreesUpGoesToTheExecutionThatWaitedLongest() {
        HostBulkhead bulkhead = new HostBulkhead(4, 1);
        assertThat(bulkhead.tryEnter("https://slow.example/a")).isTrue();
        assertThat(bulkhead.tryEnter("https://slow.example/b")).isFalse();
        bulkhead.waitFor("https://slow.example/b", "first", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        bulkhead.waitFor("https://slow.example/c", "second", null);
        bulkhead.waitFor("https://fast.example/", "other-host", null);

        assertThat(bulkhead.leave("https://slow.example/a")).as("with its trace").isEqualTo(new HostBulkhead.InLine(
                "first", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        assertThat(bulkhead.leave("https://slow.example/a")).isEqualTo(new HostBulkhead.InLine("second", null));
        assertThat(bulkhead.leave("https://slow.example/a")).isNull();
    }

    @Test
    void executionTurnedAwayAgainAndAgainStandsInLineOnce() {
        HostBulkhead bulkhead = new HostBulkhead(4, 1);
        for (int i = 0; i < 1000; i++) {
            bulkhead.waitFor("https://hanging.example/", "same", null);
        }

        assertThat(bulkhead.leave("https://hanging.example/")).isEqualTo(new HostBulkhead.InLine("same", null));
        assertThat(bulkhead.leave("https://hanging.example/")).isNull();
    }

    @Test
    void configuredPerHostLimitWinsOverTheDefaultShare() {
        assertThat(new HostBulkhead(16, 2).perHost()).isEqualTo(2);
        assertThat(new HostBulkhead(2, 0).perHost()).isEqualTo(1);
    }
}
