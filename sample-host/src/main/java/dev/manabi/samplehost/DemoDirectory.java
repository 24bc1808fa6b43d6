package dev.manabi.samplehost;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The portal's own user directory: two institutions and seven demo people. A real portal would read its LDAP or
 * SAML federation here; the SDK never sees passwords, only the {@link dev.manabi.api.LearnerContext} built from this.
 *
 * <p>For load and crash tests, {@code manabi.demo.learners} (default 0) adds that many plain learners of
 * University A, {@code learner-1} ... {@code learner-N}, with the same demo password.
 */
@ApplicationScoped
public class DemoDirectory {

    public static final Tenant UNIVERSITY_A = new Tenant("univ-a", "University A");
    public static final Tenant UNIVERSITY_B = new Tenant("univ-b", "University B");
    static final String DEMO_PASSWORD = "manabi-demo";

    /** A portal account. */
    public record Account(String username, String displayName, String mail, Tenant tenant, Set<Role> roles,
                          Locale locale) {

        public LearnerContext learner() {
            return new LearnerContext(username, displayName, mail, tenant, roles, locale);
        }
    }

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final byte[] salt = new byte[16];
    private final byte[] demoHash;

    @Inject
    @ConfigProperty(name = "manabi.demo.learners", defaultValue = "0")
    int generatedLearners;

    public DemoDirectory() {
        add(new Account("alice", "Alice Sato", "alice@univ-a.example", UNIVERSITY_A, Set.of(Role.LEARNER), null));
        add(new Account("bob", "Bob Kim", "bob@univ-b.example", UNIVERSITY_B, Set.of(Role.LEARNER), null));
        // Members without demo data, for trying erasure (README "Personal data") without losing alice's or bob's.
        add(new Account("carol", "Carol Ito", "carol@univ-a.example", UNIVERSITY_A, Set.of(Role.LEARNER), null));
        add(new Account("dave", "Dave Park", "dave@univ-b.example", UNIVERSITY_B, Set.of(Role.LEARNER), null));
        add(new Account("admin-a", "Aiko Admin", "admin@univ-a.example", UNIVERSITY_A,
                Set.of(Role.LEARNER, Role.INSTITUTION_ADMIN), null));
        add(new Account("author", "Akira Author", "author@univ-a.example", UNIVERSITY_A,
                Set.of(Role.LEARNER, Role.CONTENT_AUTHOR), null));
        add(new Account("admin-b", "Bora Admin", "admin@univ-b.example", UNIVERSITY_B,
                Set.of(Role.LEARNER, Role.INSTITUTION_ADMIN), null));
        add(new Account("author-b", "Beomjun Author", "author@univ-b.example", UNIVERSITY_B,
                Set.of(Role.LEARNER, Role.CONTENT_AUTHOR), null));
        add(new Account("root", "Platform Root", "root@manabi.example", UNIVERSITY_A,
                Set.of(Role.LEARNER, Role.CONTENT_AUTHOR, Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN), null));
        new SecureRandom().nextBytes(salt);
        demoHash = hash(DEMO_PASSWORD.toCharArray());
    }

    @PostConstruct
    void addGeneratedLearners() {
        for (int i = 1; i <= generatedLearners; i++) {
            add(new Account("learner-" + i, "Learner " + i, "learner-" + i + "@univ-a.example", UNIVERSITY_A,
                    Set.of(Role.LEARNER), null));
        }
    }

    private void add(Account account) {
        accounts.put(account.username(), account);
    }

    public Optional<Account> account(String username) {
        return Optional.ofNullable(username).map(accounts::get);
    }

    public List<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    /** Constant-time check so response timing does not reveal which part of a guess was wrong. */
    boolean passwordMatches(String username, char[] password) {
        byte[] candidate = hash(password);
        return accounts.containsKey(username) & MessageDigest.isEqual(candidate, demoHash);
    }

    private byte[] hash(char[] password) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, 120_000, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }
}
