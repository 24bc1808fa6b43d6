/**
 * What other modules use of the completion rules: the {@link dev.manabi.rules.spi.ConditionKind} SPI through which
 * a module contributes a kind of condition (the quiz engine's {@code quiz}), and {@link
 * dev.manabi.rules.spi.Conditions}, helpers every kind reads facts and thresholds with. Nothing else of
 * {@code dev.manabi.rules} is meant for sibling modules.
 */
package dev.manabi.rules.spi;
