package dev.kafkarest.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {
  @Test
  void tryTake_overTheTotalWhileOthersHold_refusesAndTakesNothing() {
    BodyBudget budget = new BodyBudget(100);
    assertTrue(budget.tryTake(60));

    assertFalse(budget.tryTake(41));
    assertEquals(60, budget.held());
    assertTrue(budget.tryTake(40));
    assertEquals(100, budget.held());
  }

  @Test
  void tryTake_largerThanTheTotalWhenNothingIsHeld_isLetIn() {
    BodyBudget budget = new BodyBudget(100);

    assertTrue(budget.tryTake(500));
    assertFalse(budget.tryTake(1));
  }

  @Test
  void give_returnsBytesForOthers() {
    BodyBudget budget = new BodyBudget(100);
    budget.tryTake(100);

    budget.give(100);

    assertEquals(0, budget.held());
    assertTrue(budget.tryTake(100));
  }
}
