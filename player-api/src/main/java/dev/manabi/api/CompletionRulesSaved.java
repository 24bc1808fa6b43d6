package dev.manabi.api;

import java.time.Instant;

/**
 * CDI event: a course's completion rules were validated and stored whole. Modules that hang things on the rules (the
 * badges a course declares in their {@code badges} member) read what concerns them from {@code rulesJson}; the rules
 * were validated before the event, so observers need not report problems to the editor.
 *
 * @param courseId  the course
 * @param rulesJson the rules as stored (a JSON object)
 * @param editor    who stored them
 * @param at        when
 */
public record CompletionRulesSaved(String courseId, String rulesJson, LearnerContext editor, Instant at) {
}
