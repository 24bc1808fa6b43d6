package dev.manabi.samplehost;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** Checks demo passwords for the portal's sign-in (Jakarta Security 3.0 section 3.2). */
@ApplicationScoped
public class DemoIdentityStore implements IdentityStore {

    @Inject
    DemoDirectory directory;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String user = credential.getCaller();
        if (!directory.passwordMatches(user, credential.getPassword().getValue())) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(user, Set.of("portal-user"));
    }
}
