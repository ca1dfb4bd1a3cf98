package io.runwire.db;

import java.util.ArrayList;
import java.util.List;

/**
 * What the service's own database login may do beyond reading and writing rows. Each of these turns a SQL injection
 * into more: a superuser runs OS commands ({@code COPY ... TO PROGRAM}), an owner drops the tables.
 */
public record DatabaseLoginPowers(String login, boolean superuser, boolean createRole, boolean createDb,
                                  boolean ownsTables) {

    public List<String> beyondRows() {
        List<String> powers = new ArrayList<>();
        if (superuser) {
            powers.add("is a superuser");
        }
        if (createRole) {
            powers.add("may create roles");
        }
        if (createDb) {
            powers.add("may create databases");
        }
        if (ownsTables) {
            powers.add("owns the tables it uses");
        }
        return powers;
    }
}
