package io.runwire.management;

import io.hawt.web.auth.RolePrincipal;
import io.runwire.api.ApiException;
import io.runwire.security.ApiKeyAuthenticator;
import io.runwire.security.Principal;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * Hawtio's login (its form, or a Jolokia request with {@code Authorization: Bearer}) through JAAS: the password is a
 * Runwire API key, and only a platform admin's key logs in. The user name is not checked: the key says who it is.
 */
public class ApiKeyLoginModule implements LoginModule {

    /** The option under which {@link HawtioApiKeyLogin} hands this module the authenticator. */
    static final String AUTHENTICATOR = ApiKeyAuthenticator.class.getName();
    /** The one role Hawtio is configured to require ({@code hawtio.roles}). */
    static final String ROLE = "admin";

    private Subject subject;
    private CallbackHandler callbackHandler;
    private ApiKeyAuthenticator authenticator;
    private UserPrincipal user;
    private RolePrincipal role;

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        this.callbackHandler = callbackHandler;
        this.authenticator = (ApiKeyAuthenticator) options.get(AUTHENTICATOR);
    }

    @Override
    public boolean login() throws LoginException {
        Principal caller = caller(apiKey()).orElseThrow(() -> new FailedLoginException("Invalid or revoked API key"));
        if (!caller.isPlatformAdmin()) {
            throw new FailedLoginException("Only platform admins may use Hawtio and Jolokia");
        }
        user = new UserPrincipal(caller.userId(), caller.email(), caller.apiKeyId());
        role = new RolePrincipal(ROLE);
        return true;
    }

    private Optional<Principal> caller(String apiKey) throws FailedLoginException {
        try {
            return authenticator.authenticate(apiKey);
        } catch (ApiException expired) {
            throw new FailedLoginException(expired.getMessage());
        }
    }

    private String apiKey() throws LoginException {
        NameCallback name = new NameCallback("user name");
        PasswordCallback password = new PasswordCallback("API key", false);
        try {
            callbackHandler.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new FailedLoginException("Log in with a platform admin's API key as the password");
        }
        char[] key = password.getPassword();
        password.clearPassword();
        if (key == null || key.length == 0) {
            throw new FailedLoginException("Log in with a platform admin's API key as the password");
        }
        return new String(key).trim();
    }

    @Override
    public boolean commit() {
        if (user == null) {
            return false;
        }
        subject.getPrincipals().add(user);
        subject.getPrincipals().add(role);
        return true;
    }

    @Override
    public boolean abort() {
        return logout();
    }

    @Override
    public boolean logout() {
        if (user != null) {
            subject.getPrincipals().remove(user);
            subject.getPrincipals().remove(role);
        }
        user = null;
        role = null;
        return true;
    }
}
