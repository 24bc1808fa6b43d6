// Renderer of single-choice questions: one radio button per option. Response: the chosen option id.
import { renderChoices } from './choices.js';

export function render(container, question, ctx) {
  renderChoices(container, question, ctx, false);
}
