package fr.passerelle.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationPlanTest {

    @Test
    void sendsEachChangeOnItsOwnWhileTheyFitTheHour() {
        NotificationPlan<String> plan = NotificationPlan.of(3, List.of("a", "b", "c"));

        assertThat(plan.individually()).containsExactly("a", "b", "c");
        assertThat(plan.summarized()).isEmpty();
        assertThat(plan.messages()).isEqualTo(3);
    }

    @Test
    void keepsTheLastSlotForOneSummaryOfTheRest() {
        NotificationPlan<String> plan = NotificationPlan.of(3, List.of("a", "b", "c", "d", "e"));

        assertThat(plan.individually()).containsExactly("a", "b");
        assertThat(plan.summarized()).containsExactly("c", "d", "e");
        assertThat(plan.held()).isEmpty();
        assertThat(plan.messages()).isEqualTo(3);
    }

    @Test
    void summarizesEverythingWhenOneMessageIsLeft() {
        NotificationPlan<String> plan = NotificationPlan.of(1, List.of("a", "b"));

        assertThat(plan.individually()).isEmpty();
        assertThat(plan.summarized()).containsExactly("a", "b");
    }

    @Test
    void holdsEverythingWhileTheHourIsUsedUp() {
        NotificationPlan<String> plan = NotificationPlan.of(0, List.of("a", "b"));

        assertThat(plan.held()).containsExactly("a", "b");
        assertThat(plan.messages()).isZero();
    }
}
