package dev.manabi.badges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.manabi.api.PlayerException;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 (review 2, A9): Open Badges 2.0 hosted documents and baked images name their own address, so without
 * {@code manabi.badges.public-url} they answer 503 {@code badges-public-url-required} as OB 3.0 credentials do,
 * instead of taking the address from the request's Host header. Fails on the old code, which fell back to the
 * request's base URI (here: no request, no engine, so any lookup would fail otherwise).
 */
class HostedBadgesResourceTest {

    @Test
    void hostedDocumentsNeedTheConfiguredPublicUrl() {
        HostedBadgesResource r = new HostedBadgesResource();
        r.publicUrl = Optional::empty;
        for (ThrowingCallable call : List.<ThrowingCallable>of(() -> r.issuer("i"), () -> r.badgeClass("c"),
                () -> r.assertion("a"), () -> r.bakedPng("a"), () -> r.bakedSvg("a"))) {
            PlayerException refused = catchThrowableOfType(PlayerException.class, call);
            assertThat(refused).isNotNull();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.code()).isEqualTo("badges-public-url-required");
        }
    }
}
