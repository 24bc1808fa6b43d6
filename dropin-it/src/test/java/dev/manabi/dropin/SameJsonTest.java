package dev.manabi.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link SameJson} takes out of an answer before the servers' answers are compared, and what it keeps. */
class SameJsonTest {

    @Test
    void aCmi5LaunchUrlIsTheSameOnEveryServerButItsParameterNames() {
        String liberty = "{\"url\":\"https://au.example.com/start.html?endpoint=http%3A%2F%2Flocalhost%3A9350"
                + "%2Fdropin-host%2Fmanabi%2Fxapi%2F&fetch=http%3A%2F%2Flocalhost%3A9350%2Fdropin-host%2Fmanabi%2Fcmi5"
                + "%2Ffetch%2FAbCdEfGhIjKlMnOpQrStUv_-12&registration=0f8fad5b-d9cb-469f-a165-70867728950e\"}";
        String payara = liberty.replace("9350", "10350")
                .replace("AbCdEfGhIjKlMnOpQrStUv_-12", "zYxWvUtSrQpOnMlKjIhGfE-_98")
                .replace("0f8fad5b-d9cb-469f-a165-70867728950e", "7c9e6679-7425-40de-944b-e07fc1f90ae7");
        assertThat(SameJson.normalise(payara)).isEqualTo(SameJson.normalise(liberty));
        assertThat(SameJson.normalise(liberty.replace("fetch=", "fetched="))).as("a renamed parameter shows")
                .isNotEqualTo(SameJson.normalise(liberty));
        assertThat(SameJson.normalise("{\"fetch\":\"http://localhost:9350/dropin-host/manabi/cmi5/fetch/"
                + "AbCdEfGhIjKlMnOpQrStUv_-12\"}"))
                .isEqualTo("{\"fetch\":\"<origin>/dropin-host/manabi/cmi5/fetch/<key>\"}");
    }

    @Test
    void aBadgeRecipientsSaltedHashAndTheRunsSecretsAreTakenOut() {
        String hash = "sha256$" + "ab".repeat(32);
        assertThat(SameJson.normalise("{\"identity\":\"" + hash + "\",\"salt\":\"s4lt\"}", "s4lt"))
                .isEqualTo("{\"identity\":\"sha256$<hash>\",\"salt\":\"<run-id>\"}");
    }

    @Test
    void anEmptyRunIdChangesNothing() {
        assertThat(SameJson.normalise("{\"salt\":null}", "", null)).isEqualTo("{\"salt\":null}");
    }
}
