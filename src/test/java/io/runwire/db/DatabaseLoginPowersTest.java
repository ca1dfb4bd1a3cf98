package io.runwire.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseLoginPowersTest {

    @Test
    void aLoginWithRowPrivilegesOnlyHasNothingBeyondRows() {
        assertThat(new DatabaseLoginPowers("runwire_app", false, false, false, false).beyondRows()).isEmpty();
    }

    @Test
    void aSuperuserThatOwnsTheTablesIsNamedForBoth() {
        assertThat(new DatabaseLoginPowers("postgres", true, true, true, true).beyondRows())
                .containsExactly("is a superuser", "may create roles", "may create databases", "owns the tables it uses");
    }
}
