// Renderer of multiple-choice questions: one check box per option. Response: the array of chosen option ids.
import { renderChoices } from './choices.js';

export function render(container, question, ctx) {
  renderChoices(container, question, ctx, true);
}
