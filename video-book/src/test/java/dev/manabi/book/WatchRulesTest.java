package dev.manabi.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.PlayerException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WatchRulesTest {

    private static final double DURATION = 20.0;
    private static final double SHARE = 0.9;
    private static final WatchRules.Policy POLICY = WatchRules.Policy.DEFAULT;
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** A simulated player: applies reports at given wall-clock offsets and keeps the state between them. */
    private static final class Player {
        WatchRules.State state;
        WatchRules.Credit credit;
        long sequence;
        double credited;

        WatchRules.Outcome report(double wallSeconds, Double start, Double end, Double position) {
            WatchRules.Outcome o = WatchRules.apply(state, credit, new PlayReport("session-1", sequence++, start,
                    end, position), DURATION, SHARE, T0.plusMillis((long) (wallSeconds * 1000)), POLICY);
            state = o.state();
            credit = o.credit();
            credited += o.credited();
            return o;
        }
    }

    @Test
    void watchingContinuouslyCompletesAtNinetyPercent() {
        Player p = new Player();
        p.report(0, null, null, 0.0);
        // One report every 4 s of wall-clock time at normal speed.
        for (int i = 0; i < 4; i++) {
            p.report(4 * (i + 1), 4.0 * i, 4.0 * (i + 1), 4.0 * (i + 1));
        }
        assertThat(p.state.watched().total()).isEqualTo(16.0);
        assertThat(p.state.completed()).isFalse();
        p.report(18, 16.0, 17.9, 17.9);
        assertThat(p.state.completed()).as("17.9 of 20 s < 90%").isFalse();
        p.report(19, 17.9, 18.0, 18.0);
        assertThat(p.state.completed()).as("18 of 20 s = 90%").isTrue();
        assertThat(p.state.position()).isEqualTo(18.0);
    }

    @Test
    void seekingToTheEndDoesNotComplete() {
        Player p = new Player();
        p.report(0, null, null, 0.0);
        p.report(2, 0.0, 2.0, 2.0);
        // The learner seeks to 19 s: the player ends one stretch and reports only what it then plays.
        p.report(3, 19.0, 20.0, 20.0);
        assertThat(p.state.watched().total()).isEqualTo(3.0);
        assertThat(p.state.completed()).isFalse();
        assertThat(p.state.position()).isEqualTo(20.0);
    }

    @Test
    void aForgedReportOfTheWholeVideoIsCreditedOnlyWhatWallClockTimeAllows() {
        Player p = new Player();
        p.report(0, null, null, 0.0);
        WatchRules.Outcome o = p.report(3, 0.0, 20.0, 20.0);
        // 1 s initial credit + 3 s at the maximum rate 2.0.
        assertThat(o.credited()).isEqualTo(7.0);
        assertThat(p.state.completed()).isFalse();
        // Rapid-fire reports a millisecond apart earn almost nothing more.
        for (int i = 0; i < 100; i++) {
            p.report(3 + i * 0.001, 7.0, 20.0, 20.0);
        }
        assertThat(p.state.watched().total()).isLessThan(7.3);
        assertThat(p.state.completed()).isFalse();
    }

    @Test
    void idleTimeAccumulatesOnlyUpToTheCap() {
        Player p = new Player();
        p.report(0, null, null, 0.0);
        p.report(3600, 0.0, 20.0, 20.0);
        assertThat(p.state.watched().total()).isEqualTo(20.0);
        assertThat(p.credit.seconds()).isEqualTo(POLICY.creditCap() - 20.0);
    }

    @Test
    void staleAndRepeatedReportsAreIgnored() {
        Player p = new Player();
        p.report(0, null, null, 0.0);
        p.report(5, 0.0, 5.0, 5.0);
        WatchRules.Outcome repeat = WatchRules.apply(p.state, p.credit, new PlayReport("session-1", 1, 10.0, 15.0,
                15.0), DURATION, SHARE, T0.plusSeconds(60), POLICY);
        assertThat(repeat.stale()).isTrue();
        assertThat(repeat.state()).isEqualTo(p.state);
        // A reload starts a new session whose sequence begins again.
        WatchRules.Outcome fresh = WatchRules.apply(p.state, p.credit, new PlayReport("session-2", 0, 5.0, 10.0,
                10.0), DURATION, SHARE, T0.plusSeconds(60), POLICY);
        assertThat(fresh.stale()).isFalse();
        assertThat(fresh.state().watched().total()).isEqualTo(10.0);
    }

    @Test
    void completionIsSticky() {
        Player p = new Player();
        p.report(0, null, null, 0.0);
        p.report(100, 0.0, 19.0, 19.0);
        assertThat(p.state.completed()).isTrue();
        p.report(101, null, null, 3.0);
        assertThat(p.state.completed()).isTrue();
        assertThat(p.state.position()).isEqualTo(3.0);
    }

    @Test
    void impossibleReportsAreRejected() {
        assertThatThrownBy(() -> apply(new PlayReport("session-1", 0, -1.0, 2.0, null)))
                .isInstanceOf(PlayerException.class).extracting("status").isEqualTo(422);
        assertThatThrownBy(() -> apply(new PlayReport("session-1", 0, 5.0, 5.0, null)))
                .isInstanceOf(PlayerException.class).extracting("status").isEqualTo(422);
        assertThatThrownBy(() -> apply(new PlayReport("session-1", 0, 0.0, DURATION + 1.5, null)))
                .isInstanceOf(PlayerException.class).extracting("code").isEqualTo("interval-out-of-range");
        assertThatThrownBy(() -> apply(new PlayReport("session-1", 0, 0.0, Double.NaN, null)))
                .isInstanceOf(PlayerException.class).extracting("status").isEqualTo(422);
        assertThatThrownBy(() -> apply(new PlayReport("session-1", 0, 1.0, null, null)))
                .isInstanceOf(PlayerException.class).extracting("code").isEqualTo("interval-incomplete");
        assertThatThrownBy(() -> apply(new PlayReport("x", 0, null, null, 1.0)))
                .isInstanceOf(PlayerException.class).extracting("code").isEqualTo("bad-session");
        assertThatThrownBy(() -> apply(new PlayReport("session-1", 0, null, null, 99.0)))
                .isInstanceOf(PlayerException.class).extracting("code").isEqualTo("position-out-of-range");
        // Within the end tolerance the interval is accepted and clipped to the duration.
        assertThat(apply(new PlayReport("session-1", 0, 19.5, DURATION + 0.5, null)).state().watched().total())
                .isEqualTo(0.5);
    }

    private static WatchRules.Outcome apply(PlayReport report) {
        return WatchRules.apply(null, null, report, DURATION, SHARE, T0, POLICY);
    }
}
